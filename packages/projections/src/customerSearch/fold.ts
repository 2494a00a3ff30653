// Letters that Unicode does not decompose into base + mark, so NFKD alone leaves them unmatched.
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
  ĸ: 'k',
  ſ: 's',
  ŀ: 'l',
  ƒ: 'f',
  ɨ: 'i',
  ʉ: 'u',
};

// Russian, Bulgarian, Ukrainian and Serbian Cyrillic after folding (й, ё, ї have lost their marks).
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sht',
  ъ: 'a',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  і: 'i',
  ґ: 'g',
  є: 'ie',
  ў: 'u',
  ј: 'j',
  ђ: 'dj',
  ћ: 'c',
  љ: 'lj',
  њ: 'nj',
  џ: 'dz',
};

const MARKS = /\p{M}+/gu;
const NOT_PLAIN_ASCII = /[^ -~]/;
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const NOT_ALNUM = /[^\p{L}\p{N}]+/gu;
// Latin spellings that standards disagree on, pulled to one form so every romanisation meets:
// Yuriy/Iurii/Юрий, Hristov/Khristov/Христов, Alexander/Aleksandr, Shcherbakov/Щербаков.
const LATIN_VARIANTS = /shch|kh|y|x/g;
const LATIN_VARIANT: Readonly<Record<string, string>> = { shch: 'sht', kh: 'h', y: 'i', x: 'ks' };
// Юлия is Yulia and Iuliia, Юрий is Yuri and Iurii: the doubled i of strict romanisation is one i here.
const DOUBLE_I = /ii+/g;

/** Lower-cases and removes every diacritic, including letters such as ł, ø, đ and ß that carry none in Unicode. */
export const foldText = (text: string): string => {
  const lower = text.toLowerCase();
  if (!NOT_PLAIN_ASCII.test(lower)) return lower;
  let out = '';
  for (const ch of lower.normalize('NFKD').replace(MARKS, '')) out += UNDECOMPOSED[ch] ?? ch;
  return out;
};

/**
 * The search key of folded text: Cyrillic romanised letter by letter (so a prefix romanises to a
 * prefix) and Latin spelling variants unified. Stored and typed text meet in this one alphabet, so
 * `Ivanov` finds `Иванов` and `Иванов` finds `Ivanov`.
 */
export const latinKey = (folded: string): string => {
  let out = '';
  if (NOT_PLAIN_ASCII.test(folded)) for (const ch of folded) out += CYRILLIC[ch] ?? ch;
  else out = folded;
  return out.replace(LATIN_VARIANTS, (m) => LATIN_VARIANT[m] ?? m).replace(DOUBLE_I, 'i');
};

/** The search keys of a free-text value, one per word. */
export const textKeys = (text: string): string[] =>
  foldText(text)
    .split(SEPARATORS)
    .filter((word) => word !== '')
    .map(latinKey);

/** One search key for a value read as a whole (postal code, house number): `00-950` → `00950`, `1011 AB` → `1011ab`. */
export const compactKey = (text: string): string => latinKey(foldText(text).replace(NOT_ALNUM, ''));

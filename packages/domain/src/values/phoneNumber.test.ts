import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import {
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  parseDigits,
  parsePhoneNumberWithError,
  ParseError,
  type CountryCode,
  type Examples,
} from 'libphonenumber-js/max';
import { ValidationError } from '../kernel/errors';
import {
  E164Codec,
  PhoneNumberCodec,
  parsePhone,
  parsePhoneQuery,
  phoneDigits,
  phoneQueryKey,
  whatsAppId,
  type E164,
  type PhoneNumber,
  type PhoneOptions,
} from './phoneNumber';
import { numberType } from './numberingPlans';

const ok = (input: unknown, options?: PhoneOptions): PhoneNumber => {
  const result = parsePhone(input, options);
  if (E.isLeft(result)) throw new Error(`expected ${String(input)} to parse: ${result.left.message}`);
  return result.right;
};

const refused = (input: unknown, options?: PhoneOptions): ValidationError => {
  const result = parsePhone(input, options);
  if (E.isRight(result)) throw new Error(`expected ${String(input)} to be refused, got ${result.right.e164}`);
  return result.left;
};

const RU = { defaultCountry: 'RU' } as const;
const NL = { defaultCountry: 'NL' } as const;

describe('a phone typed without a country code is read with the shop default country', () => {
  it.each(['8 916 123-45-67', '+7 (916) 123 45 67', '79161234567', '89161234567', '9161234567'])(
    'RU shop: %s is +79161234567',
    (typed) => {
      expect(ok(typed, RU).e164).toBe('+79161234567');
    },
  );

  it.each(['06 12345678', '06-12345678', '+31 (0)6 12345678', '0031612345678'])(
    'NL shop: %s is +31612345678',
    (typed) => {
      expect(ok(typed, NL).e164).toBe('+31612345678');
    },
  );

  it('the default country only fills in a missing country code: a foreign +number keeps its own', () => {
    expect(ok('+31 6 12345678', RU).e164).toBe('+31612345678');
    expect(ok('+7 916 123 45 67', NL).e164).toBe('+79161234567');
  });

  it('a national number with no default country is refused as lacking a country code', () => {
    const error = refused('8 916 123-45-67');
    expect(error.code).toBe('phone.no_country');
    expect(error.message).toContain('"8 916 123-45-67"');
  });

  it('an unknown default country is reported as a shop setting problem, not as a bad number', () => {
    const error = refused('8 916 123-45-67', { defaultCountry: 'XX' as CountryCode });
    expect(error.code).toBe('phone.unknown_default_country');
    expect(error.message).toContain('"XX"');
  });
});

describe('the E.164 string is the identity, the typed text is kept', () => {
  it('keeps the raw input exactly as typed', () => {
    expect(ok(' 8 (916) 123-45-67 ', RU).raw).toBe(' 8 (916) 123-45-67 ');
  });

  it('RU and KZ share +7: the country is the one the number belongs to, the key is E.164', () => {
    const kz = ok('8 701 234 5678', RU);
    expect(kz).toEqual({ e164: '+77012345678', raw: '8 701 234 5678', country: 'KZ' });
    expect(ok('8 916 123 45 67', RU).country).toBe('RU');
  });

  it('a non-geographic number has no country property at all', () => {
    const freephone = ok('+800 1234 5678', RU);
    expect(freephone.e164).toBe('+80012345678');
    expect('country' in freephone).toBe(false);
  });
});

describe('impossible and invalid numbers are refused, showing what was typed', () => {
  it.each([
    ['123', 'phone.too_short'],
    ['8 916 123', 'phone.too_short'],
    ['8 916 123 45 67 89 01 23', 'phone.too_long'],
    // RU numbers have 10 digits (or 14 for some service numbers): 11 is neither too short nor too long.
    ['+7 (916) 123 45 67 8', 'phone.wrong_length'],
    ['abc', 'phone.not_a_number'],
    ['Call 8916 1234567', 'phone.not_a_number'],
    ['+7 (916) 123-45-67 доб. 12', 'phone.has_extension'],
  ])('%s is refused with %s', (typed, code) => {
    const error = refused(typed, RU);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe(code);
    expect(error.field).toBe('phone');
    expect(error.value).toBe(typed);
    expect(error.message).toContain(JSON.stringify(typed));
  });

  it('a number of the right length that no numbering plan allows is invalid (metadata checks digits, not only length)', () => {
    // +7 0xx does not exist; `min` metadata would accept it because its length is right.
    const error = refused('+7 012 345 67 89', RU);
    expect(error.code).toBe('phone.invalid');
    expect(error.message).toContain('"+7 012 345 67 89"');
  });

  it('a Russian 8-number in a Dutch shop is invalid, and the message suggests typing the country code', () => {
    const error = refused('89161234567', NL);
    expect(error.code).toBe('phone.invalid');
    expect(error.message).toContain('Netherlands');
    expect(error.message).toContain('country code');
    expect(error.details).toMatchObject({ readAs: '+3189161234567' });
  });

  it('empty and blank input is refused as empty', () => {
    expect(refused('', RU).code).toBe('phone.empty');
    expect(refused('   ', RU).code).toBe('phone.empty');
  });

  it('input that is not text is refused, naming the value', () => {
    const error = refused(89161234567, RU);
    expect(error.code).toBe('phone.not_text');
    expect(error.message).toContain('89161234567');
  });

  it('the field name can be set, e.g. for a WhatsApp number', () => {
    expect(refused('123', { ...RU, field: 'whatsApp' }).field).toBe('whatsApp');
  });
});

describe('a shop may require a mobile number', () => {
  it('refuses a landline when mobiles are required, showing the input', () => {
    const error = refused('8 495 123-45-67', { ...RU, requireMobile: true });
    expect(error.code).toBe('phone.not_mobile');
    expect(error.message).toContain('"8 495 123-45-67"');
  });

  it('accepts the same landline when the shop does not require mobiles', () => {
    expect(ok('8 495 123-45-67', RU).e164).toBe('+74951234567');
  });

  it('accepts mobiles, and numbers whose plan cannot tell mobile from fixed (US)', () => {
    expect(ok('06 12345678', { ...NL, requireMobile: true }).e164).toBe('+31612345678');
    expect(ok('+1 213 373 4253', { ...RU, requireMobile: true }).e164).toBe('+12133734253');
  });

  it('refuses a Dutch fixed line when mobiles are required', () => {
    expect(refused('020 123 4567', { ...NL, requireMobile: true }).code).toBe('phone.not_mobile');
  });
});

// 93x is partly non-mobile in the Russian plan; every other 9xx block is mobile.
const ruMobileDigits = fc
  .tuple(
    fc.constantFrom('0', '1', '2', '4', '5', '6', '7', '8', '9'),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 8 }),
  )
  .map(([second, rest]) => `9${second}${rest}`);

const separator = fc.constantFrom('', ' ', '-', ' - ', '  ');

const ruSpelling = (digits: string): fc.Arbitrary<string> =>
  fc
    .record({
      prefix: fc.constantFrom('8', '7', '+7', '+ 7'),
      afterPrefix: separator,
      brackets: fc.boolean(),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 3 }),
      separators: fc.array(separator, { minLength: 4, maxLength: 4 }),
    })
    .map(({ prefix, afterPrefix, brackets, cuts, separators }) => {
      const code = digits.slice(0, 3);
      const subscriber = digits.slice(3);
      const points = [...cuts].sort((a, b) => a - b);
      const groups = [...points, 7].map((end, i) => subscriber.slice(i === 0 ? 0 : points[i - 1], end));
      const body = groups.map((group, i) => `${separators[i] ?? ''}${group}`).join('');
      return `${prefix}${afterPrefix}${brackets ? `(${code})` : code}${body}`;
    });

describe('search works the same whether the operator types 7 or 8', () => {
  it('property: every way of writing a Russian mobile normalises to one key', () => {
    fc.assert(
      fc.property(
        ruMobileDigits.chain((digits) =>
          fc.tuple(fc.constant(digits), fc.array(ruSpelling(digits), { minLength: 2, maxLength: 4 })),
        ),
        ([digits, spellings]) => {
          for (const typed of spellings) {
            const result = parsePhone(typed, { ...RU, requireMobile: true });
            expect(result).toEqual(E.right(expect.objectContaining({ e164: `+7${digits}` })));
            expect(parsePhoneQuery(typed, 'RU')).toEqual(O.some(`+7${digits}`));
          }
        },
      ),
    );
  });

  it('a query that is not a complete number gives no key, so search falls back to digits', () => {
    expect(parsePhoneQuery('916 123', 'RU')).toEqual(O.none);
    expect(parsePhoneQuery('Jan Kowalski', 'RU')).toEqual(O.none);
    expect(parsePhoneQuery('', 'RU')).toEqual(O.none);
  });

  it('a national-format query needs the default country', () => {
    expect(parsePhoneQuery('8 916 123 45 67')).toEqual(O.none);
    expect(parsePhoneQuery('+7 916 123 45 67')).toEqual(O.some('+79161234567'));
  });
});

const examples = createRequire(__filename)('libphonenumber-js/examples.mobile.json') as Examples;
const countries = getCountries();

/** What a search index could hold for a key: only a number the parser reads back as itself. */
const holdable = (key: E164): boolean => O.toUndefined(parsePhoneQuery(key)) === key;

/** The rule `phoneQueryKey` promises: when it answers, the parser reads its key when valid, and nothing otherwise. */
const readsAsParser = (typed: string, country: CountryCode | undefined): void => {
  const key = phoneQueryKey(typed, country);
  if (key === undefined) return;
  expect([typed, country, parsePhoneQuery(typed, country)]).toEqual([
    typed,
    country,
    holdable(key) ? O.some(key) : O.none,
  ]);
};

const punctuation = fc.constantFrom(' ', ' ', '-', '.', '/', '(', ')', '  ');
// Now and then something the parser reads differently: extension marks, other numerals, a late +.
const oddity = fc.constantFrom('x', '#', '~', ',', ';', '+', '٣', '１', 'a', 'ext');

/** A number spelled the way people type them: an optional prefix, digits, punctuation and the odd stray character. */
const spelling = fc
  .record({
    country: fc.constantFrom(...countries),
    digits: fc.oneof(
      fc.constantFrom(...countries).map((c) => getExampleNumber(c, examples)?.nationalNumber ?? '0'),
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 16 }),
    ),
    prefix: fc.constantFrom(
      '',
      '',
      '',
      '0',
      '8',
      '1',
      '00',
      '810',
      '011',
      '+',
      '+0',
      'cc',
      '+cc',
      '0cc',
      '00cc',
    ),
    cuts: fc.array(fc.tuple(fc.nat(), punctuation), { maxLength: 5 }),
    odd: fc.option(fc.tuple(fc.nat(), oddity), { freq: 5 }),
    withCountry: fc.boolean(),
  })
  .map(({ country, digits, prefix, cuts, odd, withCountry }) => {
    let typed = prefix.replace('cc', getCountryCallingCode(country)) + digits;
    for (const [at, mark] of [...cuts, ...(odd === null ? [] : [odd])]) {
      const i = at % (typed.length + 1);
      typed = typed.slice(0, i) + mark + typed.slice(i);
    }
    return { typed, country: withCountry ? country : undefined };
  });

describe('phoneQueryKey reads a query as parsePhoneQuery does, without the parser', () => {
  it('property: whenever it answers, the parser reads the same key, or none when that key is not a valid number', () => {
    fc.assert(
      fc.property(spelling, ({ typed, country }) => readsAsParser(typed, country)),
      { numRuns: 5000 },
    );
  });

  it("every country's example number, typed nationally and internationally, reads as the parser reads it", () => {
    for (const country of countries) {
      const example = getExampleNumber(country, examples);
      if (example === undefined) continue;
      for (const typed of [
        example.nationalNumber,
        example.formatNational(),
        example.formatInternational(),
        example.number,
      ])
        for (const shop of [country, undefined, 'PL' as const]) readsAsParser(typed, shop);
    }
  });

  it('answers for digits typed without prefixes, and for + and the country code', () => {
    expect(phoneQueryKey('501 234 567', 'PL')).toBe('+48501234567');
    expect(phoneQueryKey('(916) 123-45-67', 'RU')).toBe('+79161234567');
    expect(phoneQueryKey('+48 501 234 567', 'RU')).toBe('+48501234567');
    expect(phoneQueryKey('+800 1234 5678')).toBe('+80012345678');
  });

  it('leaves to the parser what it would rewrite or refuse: prefixes, a code without +, extensions, other numerals', () => {
    for (const [typed, country] of [
      ['8 916 123 45 67', 'RU'],
      ['06 12345678', 'NL'],
      ['+31 (0)6 12345678', 'NL'],
      ['0048 501 234 567', 'PL'],
      ['48 501 234 567', 'PL'],
      ['501 234 567 ext 12', 'PL'],
      ['５０１ ２３４ ５６７', 'PL'],
      ['501 234 567', undefined],
    ] as const)
      expect([typed, phoneQueryKey(typed, country)]).toEqual([typed, undefined]);
  });
});

/** How libphonenumber's parser alone reads a number (what `parsePhone` did before it read plain numbers itself). */
const byParser = (
  typed: string,
  country: CountryCode | undefined,
): { readonly e164: string; readonly country?: CountryCode; readonly type: string } | 'refused' => {
  try {
    const number = parsePhoneNumberWithError(typed, {
      ...(country === undefined ? {} : { defaultCountry: country }),
      extract: false,
    });
    const type = number.getType();
    if (number.ext !== undefined || type === undefined) return 'refused';
    return number.country === undefined
      ? { e164: number.number, type }
      : { e164: number.number, country: number.country, type };
  } catch (error) {
    if (error instanceof ParseError) return 'refused';
    throw error;
  }
};

/** `parsePhone` accepts exactly what the parser reads as valid, with the same key, country and mobile rule. */
const parsesAsParser = (typed: string, country: CountryCode | undefined): void => {
  const expected = byParser(typed, country);
  const options = country === undefined ? {} : { defaultCountry: country };
  const loose = parsePhone(typed, options);
  const strict = parsePhone(typed, { ...options, requireMobile: true });
  if (expected === 'refused') {
    expect([typed, country, E.isLeft(loose), E.isLeft(strict)]).toEqual([typed, country, true, true]);
    return;
  }
  const { type, ...phone } = expected;
  expect([typed, country, loose]).toEqual([typed, country, E.right({ ...phone, raw: typed })]);
  const mobile = type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
  expect([typed, country, E.isRight(strict) ? 'accepted' : strict.left.code]).toEqual([
    typed,
    country,
    mobile ? 'accepted' : 'phone.not_mobile',
  ]);
  if (E.isLeft(strict)) expect(strict.left.details['numberType']).toBe(type);
};

/** An example number of a country with its last digits changed: mostly valid, sometimes of another type or invalid. */
const nearExample = fc
  .record({
    country: fc.constantFrom(...countries),
    tail: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 4 }),
    form: fc.constantFrom('national', 'nationalFormatted', 'international', 'e164'),
    shop: fc.constantFrom('own', 'none', 'PL', 'RU', 'XX'),
  })
  .map(({ country, tail, form, shop }) => {
    const example = getExampleNumber(country, examples);
    const digits = example?.nationalNumber ?? '0';
    const national = digits.slice(0, Math.max(0, digits.length - tail.length)) + tail;
    const callingCode = getCountryCallingCode(country);
    const typed = {
      national,
      nationalFormatted: `${national.slice(0, 3)} ${national.slice(3, 6)}-${national.slice(6)}`,
      international: `+${callingCode} ${national.slice(0, 3)} ${national.slice(3)}`,
      e164: `+${callingCode}${national}`,
    }[form];
    const shopCountry = { own: country, none: undefined, PL: 'PL', RU: 'RU', XX: 'XX' }[shop];
    return { typed, country: shopCountry as CountryCode | undefined };
  });

describe('parsePhone reads every number as libphonenumber parses and types it', () => {
  it('property: any spelling, any shop country — the same acceptance, key, country and type', () => {
    fc.assert(
      fc.property(spelling, ({ typed, country }) => parsesAsParser(typed, country)),
      { numRuns: 5000 },
    );
  });

  it("property: numbers next to each country's example, typed four ways in five kinds of shop", () => {
    fc.assert(
      fc.property(nearExample, ({ typed, country }) => parsesAsParser(typed, country)),
      { numRuns: 5000 },
    );
  });

  it("every country's example number, typed nationally and internationally, in its own, no, a Polish and an unknown shop", () => {
    for (const country of countries) {
      const example = getExampleNumber(country, examples);
      if (example === undefined) continue;
      for (const typed of [
        example.nationalNumber,
        example.formatNational(),
        example.formatInternational(),
        example.number,
      ])
        for (const shop of [country, undefined, 'PL' as const, 'XX' as CountryCode])
          parsesAsParser(typed, shop);
    }
  });

  it('property: numberType gives what getType gives, for every number the parser reads', () => {
    fc.assert(
      fc.property(fc.oneof(spelling, nearExample), ({ typed, country }) => {
        let number;
        try {
          number = parsePhoneNumberWithError(typed, {
            ...(country === undefined ? {} : { defaultCountry: country }),
            extract: false,
          });
        } catch {
          return;
        }
        expect([
          typed,
          numberType(number.country ?? number.countryCallingCode, number.nationalNumber),
        ]).toEqual([typed, number.getType()]);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the bench and till spellings of a Polish mobile without changing them', () => {
    for (const typed of ['+48501000123', '+48 501 000 123', '501 000 123', '501-000-123'])
      expect(parsePhone(typed, { defaultCountry: 'PL', requireMobile: true })).toEqual(
        E.right({ e164: '+48501000123', raw: typed, country: 'PL' }),
      );
  });
});

describe('digits and WhatsApp ids', () => {
  it('property: phoneDigits reads the digits the parser reads, whatever the characters', () => {
    const character = fc.constantFrom(...'0123456789 +-()./#xa٣٤۵１２\t\u00a0ł');
    fc.assert(
      fc.property(fc.string({ unit: character, maxLength: 20 }), (typed) => {
        expect(phoneDigits(typed)).toBe(parseDigits(typed));
      }),
    );
  });

  it('phoneDigits keeps digits only, folding wide numerals', () => {
    expect(phoneDigits('+7 (916) 123-45-67')).toBe('79161234567');
    expect(phoneDigits('８９１６')).toBe('8916');
    expect(phoneDigits('Jan')).toBe('');
  });

  it('the WhatsApp id is the E.164 digits without +, never the national 8-form', () => {
    const phone = ok('8 916 123-45-67', RU);
    expect(whatsAppId(phone)).toBe('79161234567');
    expect(whatsAppId(phone.e164)).toBe('79161234567');
  });
});

describe('the stored forms decode by shape, not by numbering plan', () => {
  it('a parsed phone round-trips through its codec', () => {
    for (const phone of [ok('8 701 234 5678', RU), ok('+800 1234 5678', RU)]) {
      expect(PhoneNumberCodec.decode(PhoneNumberCodec.encode(phone))).toEqual(E.right(phone));
    }
  });

  it('a stored number that a later plan would refuse still decodes', () => {
    expect(E164Codec.decode('+70123456789')).toEqual(E.right('+70123456789'));
  });

  it.each(['79161234567', '+0123456', '+7 916 123 45 67', '', 79161234567, null])(
    'refuses %p as E.164',
    (stored) => {
      expect(E.isLeft(E164Codec.decode(stored))).toBe(true);
    },
  );

  it('refuses a stored phone without raw text or with a malformed country', () => {
    expect(E.isLeft(PhoneNumberCodec.decode({ e164: '+79161234567' }))).toBe(true);
    expect(E.isLeft(PhoneNumberCodec.decode({ e164: '+79161234567', raw: '', country: 'ru' }))).toBe(true);
    const stored: unknown = { e164: '+79161234567' as E164, raw: '8916', country: 'RU' };
    expect(PhoneNumberCodec.is(stored)).toBe(true);
  });
});

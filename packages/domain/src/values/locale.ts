import * as E from 'fp-ts/Either';
import type { ValidationError } from '../kernel/errors';
import type { Brand } from './brand';
import { storedValueCodec } from './codec';
import { refuse, refuseNotText, shown } from './refusal';

/** A BCP 47 language tag in canonical form (`pl`, `pl-PL`, `ru`), e.g. a customer's preferred language. */
export type Locale = Brand<string, 'Locale'>;

// BCP 47 allows 5-8 letter languages ("polish" is well-formed), but none is in use; ISO 639 codes are 2-3 letters.
const ISO_LANGUAGE = /^[a-z]{2,3}$/;

const canonical = (tag: string): string | undefined => {
  try {
    const locale = Intl.getCanonicalLocales(tag)[0];
    return locale !== undefined && ISO_LANGUAGE.test(new Intl.Locale(locale).language) ? locale : undefined;
  } catch {
    // RangeError is how Intl says "not a well-formed tag"; it is an answer here, not a failure.
    return undefined;
  }
};

/** Reads a language tag, accepting POSIX underscores (`pl_PL`) and any letter case, and returns its canonical form. */
export const parseLocale = (
  input: unknown,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, Locale> => {
  const field = options.field ?? 'locale';
  if (typeof input !== 'string') return refuseNotText('locale', 'language', field, input);
  const tag = input.trim().replace(/_/g, '-');
  if (tag === '') return refuse('locale.empty', 'No language was given.', field, input);
  const locale = canonical(tag);
  return locale === undefined
    ? refuse(
        'locale.invalid',
        `${shown(input)} is not a language tag; use a code such as pl, pl-PL, nl or ru.`,
        field,
        input,
      )
    : E.right(locale as Locale);
};

/** io-ts codec for a stored language tag, which must already be in canonical form. */
export const LocaleCodec = storedValueCodec<Locale, string>('Locale', (u) =>
  typeof u === 'string' && u !== '' && canonical(u) === u
    ? E.right(u as Locale)
    : E.left('a language is stored as a canonical BCP 47 tag such as pl-PL'),
);

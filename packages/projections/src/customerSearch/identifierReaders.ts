import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import {
  parseCardNumber,
  parsePhoneQuery,
  phoneDigits,
  phoneQueryKey,
  type CardFormat,
  type CountryCode,
} from '@tillstream/domain';

/** How search reads identifiers out of a query; the domain's value functions, so search and registration agree. */
export interface IdentifierReaders {
  /** The E.164 form of a complete phone number, read with the shop's country. */
  readonly phone: (input: string, defaultCountry: CountryCode | undefined) => string | undefined;
  /**
   * The key `phone` reads a query as when that key is a valid number, found without parsing;
   * undefined when only `phone` can tell. An index holds valid numbers only, so a key it holds is
   * what `phone` would read, and a key it lacks finds nobody either way. Readers without it parse.
   */
  readonly phoneKey?: (input: string, defaultCountry: CountryCode | undefined) => string | undefined;
  /** The digits of a query (any numerals folded to ASCII). */
  readonly digits: (input: string) => string;
  /** The canonical card key of a query read in one reader format. */
  readonly card: (input: string, format: CardFormat) => string | undefined;
}

// What `parseCardNumber` accepts at most: ASCII letters and digits with spaces, dots or dashes.
// Anything else (a Cyrillic or accented name) would only be refused, and a refusal builds an
// error with a stack trace: dear, and garbage, on every word query.
const CARD_CHARACTERS = /^[0-9A-Za-z\s.-]+$/;

/** Readers built on the domain's phone and card values. */
export const domainIdentifierReaders: IdentifierReaders = {
  phone: (input, country) => O.toUndefined(parsePhoneQuery(input, country)),
  phoneKey: phoneQueryKey,
  digits: phoneDigits,
  card: (input, format) =>
    CARD_CHARACTERS.test(input)
      ? E.getOrElseW(() => undefined)(parseCardNumber(input, { format }))
      : undefined,
};

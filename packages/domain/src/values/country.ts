import * as E from 'fp-ts/Either';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import type { ValidationError } from '../kernel/errors';
import { storedValueCodec } from './codec';
import { refuse, refuseNotText, shown } from './refusal';

/** An ISO 3166-1 alpha-2 country with a telephone numbering plan (the shop's default country for phones). */
export type { CountryCode };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The country's English name for messages ("Russia" for RU), falling back to the code itself. */
export const countryName = (country: string): string => {
  try {
    return regionNames.of(country) ?? country;
  } catch {
    // DisplayNames throws on malformed codes; messages must never fail.
    return country;
  }
};

/** Reads a country code as typed in shop settings ("ru", " NL ") and refuses unknown ones. */
export const parseCountryCode = (
  input: unknown,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, CountryCode> => {
  const field = options.field ?? 'country';
  if (typeof input !== 'string') return refuseNotText('country', 'country code', field, input);
  const code = input.trim().toUpperCase();
  if (code === '') return refuse('country.empty', 'No country code was given.', field, input);
  return isSupportedCountry(code)
    ? E.right(code)
    : refuse(
        'country.unknown',
        `${shown(input)} is not a country code this system knows; use two letters such as PL, NL or RU.`,
        field,
        input,
      );
};

// Stored codes are checked for shape only: a country dropped from a later metadata release must still decode.
const COUNTRY_SHAPE = /^[A-Z]{2}$/;

/** io-ts codec for a stored country code (two upper-case letters). */
export const CountryCodeCodec = storedValueCodec<CountryCode, string>('CountryCode', (u) =>
  typeof u === 'string' && COUNTRY_SHAPE.test(u)
    ? E.right(u as CountryCode)
    : E.left('a country code must be two upper-case letters'),
);

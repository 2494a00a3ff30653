import * as E from 'fp-ts/Either';
import type { ValidationError } from '../kernel/errors';
import type { Brand } from './brand';
import { isRecord, storedFormCodec, storedValueCodec } from './codec';
import { refuse, refuseNotText, shown } from './refusal';

/** A Polish tax id (NIP): 10 digits whose last is a check digit. */
export type Nip = Brand<string, 'Nip'>;

/** A tax id with the country that issued it; for PL the value is a checked NIP, elsewhere upper-case letters and digits. */
export type TaxId = { readonly country: string; readonly value: string };

/** Options for reading a tax id. */
export type TaxIdOptions = {
  /** The issuing country when the input carries no prefix (usually the shop's country). */
  readonly country?: string;
  /** The field named in refusals; `taxId` unless told. */
  readonly field?: string;
};

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;
const NIP_SEPARATORS = /[\s-]+/g;
const GENERIC_SEPARATORS = /[\s./-]+/g;
const TEN_DIGITS = /^\d{10}$/;
const COUNTRY = /^[A-Z]{2}$/;
const LEADING_COUNTRY = /^([A-Za-z]{2})(?=[\s-]*\d)/;
// Only VAT prefixes count as a country: other ids start with letters of their own (UK NINO "AB123456C").
const VAT_PREFIX_COUNTRY: ReadonlyMap<string, string> = new Map([
  ...[
    'AT',
    'BE',
    'BG',
    'CY',
    'CZ',
    'DE',
    'DK',
    'EE',
    'ES',
    'FI',
    'FR',
    'HR',
    'HU',
    'IE',
    'IT',
    'LT',
    'LU',
    'LV',
    'MT',
    'NL',
    'PL',
    'PT',
    'RO',
    'SE',
    'SI',
    'SK',
    'GB',
  ].map((code): [string, string] => [code, code]),
  ['EL', 'GR'],
]);
// VAT numbers run to 15 characters; 32 leaves room for any national scheme without admitting pasted prose.
const MAX_LENGTH = 32;

/** The NIP check digit of the first nine digits, or undefined when the weighted sum leaves 10 (no valid NIP). */
export const nipCheckDigit = (firstNine: string): number | undefined => {
  const sum = NIP_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(firstNine.charAt(i)), 0);
  const remainder = sum % 11;
  return remainder === 10 ? undefined : remainder;
};

const hasValidCheckDigit = (digits: string): boolean =>
  nipCheckDigit(digits.slice(0, 9)) === Number(digits.charAt(9));

/** Reads a Polish NIP as written on invoices (`PL 123-456-32-18`, `1234563218`) and checks its check digit. */
export const parseNip = (
  input: unknown,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, Nip> => {
  const field = options.field ?? 'taxId';
  if (typeof input !== 'string') return refuseNotText('tax_id', 'NIP', field, input);
  const compacted = input.replace(NIP_SEPARATORS, '');
  if (compacted === '') return refuse('tax_id.empty', 'No tax id was typed.', field, input);
  const digits = /^pl/i.test(compacted) ? compacted.slice(2) : compacted;
  if (!/^\d*$/.test(digits))
    return refuse(
      'tax_id.invalid_characters',
      `${shown(input)} is not a NIP: a NIP has only digits (with an optional PL prefix, spaces or dashes).`,
      field,
      input,
    );
  if (!TEN_DIGITS.test(digits))
    return refuse(
      'tax_id.bad_length',
      `${shown(input)} is not a NIP: a NIP has 10 digits, this has ${digits.length}.`,
      field,
      input,
    );
  return hasValidCheckDigit(digits)
    ? E.right(digits as Nip)
    : refuse(
        'tax_id.bad_checksum',
        `${shown(input)} is not a valid NIP: its check digit does not match, so a digit was probably mistyped.`,
        field,
        input,
      );
};

const normaliseCountry = (country: string): string => country.trim().toUpperCase();

/** Reads a tax id for a country: PL is checked as a NIP, other countries are kept as upper-case letters and digits. */
export const parseTaxId = (input: unknown, options: TaxIdOptions = {}): E.Either<ValidationError, TaxId> => {
  const field = options.field ?? 'taxId';
  if (typeof input !== 'string') return refuseNotText('tax_id', 'tax id', field, input);
  const trimmed = input.trim();
  // A VAT prefix ("PL", "DE", "EL") names the issuing country; the option only fills in a missing one.
  const prefix = LEADING_COUNTRY.exec(trimmed)?.[1]?.toUpperCase();
  const prefixCountry = prefix === undefined ? undefined : VAT_PREFIX_COUNTRY.get(prefix);
  const configured = options.country === undefined ? undefined : normaliseCountry(options.country);
  const country = prefixCountry ?? configured;
  if (country === undefined)
    return refuse(
      'tax_id.no_country',
      `${shown(input)} does not say which country issued it: type it with the country prefix, e.g. PL.`,
      field,
      input,
    );
  if (!COUNTRY.test(country))
    return refuse(
      'tax_id.bad_country',
      `${shown(options.country)} is not a country code: use two letters such as PL or DE.`,
      field,
      input,
    );
  if (country === 'PL') return E.map((value: Nip): TaxId => ({ country, value }))(parseNip(input, { field }));
  const compacted = (prefixCountry === undefined ? trimmed : trimmed.slice(2)).replace(
    GENERIC_SEPARATORS,
    '',
  );
  if (compacted === '') return refuse('tax_id.empty', 'No tax id was typed.', field, input);
  if (!/^[0-9A-Za-z]+$/.test(compacted))
    return refuse(
      'tax_id.invalid_characters',
      `${shown(input)} is not a tax id: only letters A-Z and digits are allowed, with spaces, dashes, dots or slashes between them.`,
      field,
      input,
    );
  const value = compacted.toUpperCase();
  if (value.length > MAX_LENGTH)
    return refuse(
      'tax_id.too_long',
      `${shown(input)} is too long for a tax id (at most ${MAX_LENGTH} letters and digits).`,
      field,
      input,
    );
  return E.right({ country, value });
};

/** io-ts codec for a stored NIP (10 digits with a matching check digit). */
export const NipCodec = storedValueCodec<Nip, string>('Nip', (u) =>
  typeof u === 'string' && TEN_DIGITS.test(u) && hasValidCheckDigit(u)
    ? E.right(u as Nip)
    : E.left('a NIP is 10 digits with a matching check digit'),
);

const GENERIC_VALUE = /^[0-9A-Z]+$/;

/** io-ts codec for a stored tax id `{ country, value }`; a PL value must be a valid NIP. */
export const TaxIdCodec = storedFormCodec<TaxId>('TaxId', (u) => {
  if (!isRecord(u)) return E.left('a tax id is an object { country, value }');
  const { country, value } = u;
  if (typeof country !== 'string' || !COUNTRY.test(country))
    return E.left('country must be two upper-case letters');
  if (country === 'PL')
    return NipCodec.is(value) ? E.right({ country, value }) : E.left('value must be a valid NIP');
  return typeof value === 'string' && GENERIC_VALUE.test(value) && value.length <= MAX_LENGTH
    ? E.right({ country, value })
    : E.left(`value must be 1 to ${MAX_LENGTH} upper-case letters and digits`);
});

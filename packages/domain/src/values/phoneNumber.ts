import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import {
  ParseError,
  isSupportedCountry,
  parseDigits,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type NumberType,
  type PhoneNumber as LibPhoneNumber,
} from 'libphonenumber-js/max';
import type { ValidationError } from '../kernel/errors';
import type { Brand } from './brand';
import { isRecord, storedFormCodec, storedValueCodec } from './codec';
import { CountryCodeCodec, countryName } from './country';
import {
  callingCodeRules,
  countryRules,
  internationalPlan,
  isCallingCode,
  isKnownCountry,
  knowsPlans,
  nationalPlan,
  numberType,
  type SoleCountryPlan,
} from './numberingPlans';
import { refuse, refuseNotText, shown } from './refusal';

/** A phone number in E.164 form (`+79161234567`): the identity key, since RU and KZ share +7. */
export type E164 = Brand<string, 'E164'>;

/** A normalised phone number, with what was typed kept for display and audits. */
export type PhoneNumber = {
  readonly e164: E164;
  readonly raw: string;
  /** The country whose numbering plan the number belongs to; absent for non-geographic numbers (+800). */
  readonly country?: CountryCode;
};

/** How a shop reads phone numbers. */
export type PhoneOptions = {
  /** Reads numbers typed without a country code (RU: `8 916…` → `+7 916…`; NL: `06…` → `+31 6…`). */
  readonly defaultCountry?: CountryCode;
  /** Shop policy: refuse landlines, e.g. when the number is used for SMS. */
  readonly requireMobile?: boolean;
  /** The field named in refusals; `phone` unless told. */
  readonly field?: string;
};

type ParseOptions = { readonly defaultCountry?: CountryCode; readonly extract: false };

// extract:false: "Call 8916 1234567" must be refused, not mined for a number the cashier did not mean.
const NO_COUNTRY: ParseOptions = { extract: false };
const parseOptionsByCountry = new Map<CountryCode, ParseOptions>();

const parseOptionsFor = (country: CountryCode | undefined): ParseOptions => {
  if (country === undefined) return NO_COUNTRY;
  let options = parseOptionsByCountry.get(country);
  if (options === undefined) {
    options = { defaultCountry: country, extract: false };
    parseOptionsByCountry.set(country, options);
  }
  return options;
};

// US-style plans cannot tell mobiles from landlines; refusing them would refuse every such number.
const MOBILE_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

type Reading =
  | {
      readonly ok: true;
      readonly e164: E164;
      readonly country: CountryCode | undefined;
      readonly type: NonNullable<NumberType>;
    }
  | { readonly ok: false; readonly reason: string; readonly number?: LibPhoneNumber };

// ASCII digits with spaces, dashes, dots, slashes and brackets, after an optional leading `+`:
// nothing the parser would take for an extension (x, #, ~, `,`, `;`), a URI or other numerals.
const PLAIN_NUMBER = /^\+?[\d ().\-/]+$/;
const NOT_DIGIT = /\D/g;
const NOT_PRINTABLE_ASCII = /[^ -~]/;
const LONGEST_CALLING_CODE = 3;

// The parser's limits: longer input is refused as too long, national numbers are 2 to 17 digits.
const MAX_INPUT_LENGTH = 250;
const MIN_NATIONAL_LENGTH = 2;
const MAX_NATIONAL_LENGTH = 17;

/**
 * A valid number read without the parser, when its spelling leaves the parser nothing to decide:
 * `+`, digits and punctuation only (no extension, other numerals or URI), a calling code or shop
 * country that belongs to one country alone, and no international or national prefix to strip.
 * Undefined whenever the parser might read it otherwise, or the number is not valid (so refusals
 * always come from the parser). Property-tested against the parser.
 */
const plainReading = (raw: string, defaultCountry: CountryCode | undefined): Reading | undefined => {
  if (!knowsPlans || raw.length > MAX_INPUT_LENGTH || !PLAIN_NUMBER.test(raw)) return undefined;
  // The parser refuses every number, international ones too, under a default country it does not know.
  if (defaultCountry !== undefined && !isKnownCountry(defaultCountry)) return undefined;
  const digits = raw.replace(NOT_DIGIT, '');
  if (digits.length < 3) return undefined;
  const international = raw.startsWith('+');
  let plan: SoleCountryPlan | undefined;
  if (international) {
    plan = internationalPlan(digits);
    // The same calling code and rules as a query's key: the shortest code, no national prefix after it.
    if (plan === undefined || internationalKey(digits) === undefined) return undefined;
  } else {
    if (defaultCountry === undefined) return undefined;
    plan = nationalPlan(defaultCountry);
    // Digits the parser keeps as typed (no prefix or calling code to strip), as a query's key is made.
    if (plan === undefined || nationalKey(digits, defaultCountry) === undefined) return undefined;
  }
  const { callingCode, country } = plan;
  const national = international ? digits.slice(callingCode.length) : digits;
  if (national.length < MIN_NATIONAL_LENGTH || national.length > MAX_NATIONAL_LENGTH) return undefined;
  const type = numberType(country, national);
  return type === undefined
    ? undefined
    : { ok: true, e164: `+${callingCode}${national}` as E164, country, type };
};

/** Parses once and classifies once; shared by registration and search so both read numbers alike. */
const read = (raw: string, defaultCountry: CountryCode | undefined): Reading => {
  const plain = plainReading(raw, defaultCountry);
  if (plain !== undefined) return plain;
  let number: LibPhoneNumber;
  try {
    number = parsePhoneNumberWithError(raw, parseOptionsFor(defaultCountry));
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, reason: error.message };
    throw error;
  }
  if (number.ext !== undefined) return { ok: false, reason: 'EXTENSION', number };
  // With `max` metadata an undefined type means "not a valid number": one pass answers both questions.
  const type = knowsPlans
    ? numberType(number.country ?? number.countryCallingCode, number.nationalNumber)
    : number.getType();
  return type === undefined
    ? { ok: false, reason: 'INVALID', number }
    : { ok: true, e164: number.number as E164, country: number.country, type };
};

const inCountry = (country: CountryCode | undefined): string =>
  country === undefined ? '' : ` for ${countryName(country)}`;

const refusal = (
  reading: Extract<Reading, { ok: false }>,
  raw: string,
  options: PhoneOptions,
  field: string,
): E.Either<ValidationError, never> => {
  const typed = shown(raw);
  const { defaultCountry } = options;
  const country = reading.number?.country ?? defaultCountry;
  const foreignHint = 'if it is a foreign number, type it with + and the country code.';
  switch (reading.reason) {
    case 'INVALID_COUNTRY':
      return defaultCountry !== undefined && !isSupportedCountry(defaultCountry)
        ? refuse(
            'phone.unknown_default_country',
            `${typed} cannot be read: the shop's default country ${shown(defaultCountry)} is not a known country code.`,
            field,
            raw,
            { defaultCountry },
          )
        : refuse(
            'phone.no_country',
            `${typed} has no country code: type it with + and the country code, or set the shop's default country.`,
            field,
            raw,
          );
    case 'NOT_A_NUMBER':
      return refuse('phone.not_a_number', `${typed} is not a phone number.`, field, raw);
    case 'TOO_SHORT':
      return refuse('phone.too_short', `${typed} is too short to be a phone number.`, field, raw);
    case 'TOO_LONG':
      return refuse('phone.too_long', `${typed} is too long to be a phone number.`, field, raw);
    case 'EXTENSION':
      return refuse(
        'phone.has_extension',
        `${typed} has an extension; a customer's phone must reach them directly, so type it without the extension.`,
        field,
        raw,
      );
    default: {
      // Only failures pay for a second look, to tell "too short" from "no such number".
      const length = validatePhoneNumberLength(raw, parseOptionsFor(defaultCountry));
      const e164 = reading.number?.number;
      const details = e164 === undefined ? {} : { readAs: e164 };
      if (length === 'TOO_SHORT')
        return refuse(
          'phone.too_short',
          `${typed} is too short to be a phone number${inCountry(country)}.`,
          field,
          raw,
          details,
        );
      if (length === 'TOO_LONG')
        return refuse(
          'phone.too_long',
          `${typed} is too long to be a phone number${inCountry(country)}.`,
          field,
          raw,
          details,
        );
      if (length === 'INVALID_LENGTH')
        return refuse(
          'phone.wrong_length',
          `${typed} has the wrong number of digits for a phone number${inCountry(country)}.`,
          field,
          raw,
          details,
        );
      return refuse(
        'phone.invalid',
        `${typed} is not a valid phone number${inCountry(country)}; ${foreignHint}`,
        field,
        raw,
        details,
      );
    }
  }
};

/** Normalises a typed phone number to E.164 using the shop's default country; refuses impossible numbers. */
export const parsePhone = (
  input: unknown,
  options: PhoneOptions = {},
): E.Either<ValidationError, PhoneNumber> => {
  const field = options.field ?? 'phone';
  if (typeof input !== 'string') return refuseNotText('phone', 'phone number', field, input);
  if (input.trim() === '') return refuse('phone.empty', 'No phone number was typed.', field, input);
  const reading = read(input, options.defaultCountry);
  if (!reading.ok) return refusal(reading, input, options, field);
  const { e164, country, type } = reading;
  if (options.requireMobile === true && !MOBILE_TYPES.has(type))
    return refuse(
      'phone.not_mobile',
      `${shown(input)} is not a mobile number; this shop needs a mobile phone number.`,
      field,
      input,
      { numberType: type },
    );
  return E.right(country === undefined ? { e164, raw: input } : { e164, raw: input, country });
};

/** Same as `parsePhone`, under the `parseX` name every value module uses. */
export const parsePhoneNumber = parsePhone;

/** The E.164 key of a search query when it is a complete valid number, so 7… and 8… find the same customer. */
export const parsePhoneQuery = (input: string, defaultCountry?: CountryCode): O.Option<E164> => {
  // Skips the parser for names and short fragments, which search sends here constantly.
  if (parseDigits(input).length < 3) return O.none;
  const reading = read(input, defaultCountry);
  return reading.ok ? O.some(reading.e164) : O.none;
};

/** `+` and digits: the parser takes the shortest calling code they start with and strips a national prefix after it. */
const internationalKey = (digits: string): E164 | undefined => {
  if (digits.startsWith('0')) return undefined;
  for (let length = 1; length <= LONGEST_CALLING_CODE && length < digits.length; length++) {
    if (!isCallingCode(digits.slice(0, length))) continue;
    const rules = callingCodeRules(digits.slice(0, length));
    if (rules === undefined || rules.nationalPrefix?.test(digits.slice(length)) === true) return undefined;
    return `+${digits}` as E164;
  }
  return undefined;
};

/** National digits: the parser strips an international prefix, a calling code typed without `+`, or a national prefix. */
const nationalKey = (digits: string, country: CountryCode): E164 | undefined => {
  const rules = countryRules(country);
  if (
    rules === undefined ||
    digits.startsWith(rules.callingCode) ||
    rules.internationalPrefix?.test(digits) === true ||
    rules.nationalPrefix?.test(digits) === true
  )
    return undefined;
  return `+${rules.callingCode}${digits}` as E164;
};

/**
 * The E.164 key `parsePhoneQuery` reads a query as when that key is a valid number (if it is not,
 * `parsePhoneQuery` gives none), worked out without the parser; undefined when only the parser can
 * tell. It answers for plain spellings whose digits the parser keeps as typed: national digits that
 * start with none of the country's national prefix (`0`, `8`), international prefix or calling code
 * are `+`, the calling code and the digits; `+` and digits with no national prefix after the
 * calling code are themselves. A search whose index holds only valid numbers can look this key up
 * instead of parsing: a held key is what the parser would have read, and any other is no hit.
 */
export const phoneQueryKey = (input: string, defaultCountry?: CountryCode): E164 | undefined => {
  if (!PLAIN_NUMBER.test(input)) return undefined;
  const digits = input.replace(NOT_DIGIT, '');
  if (digits.length < 3) return undefined;
  if (input.startsWith('+')) return internationalKey(digits);
  return defaultCountry === undefined ? undefined : nationalKey(digits, defaultCountry);
};

/** The digits of an input (wide and Arabic-Indic numerals folded to ASCII), for "contains" search on partial numbers. */
export const phoneDigits = (input: string): string =>
  // Printable ASCII has no numerals to fold: one regex pass instead of the parser's call per character.
  NOT_PRINTABLE_ASCII.test(input) ? parseDigits(input) : input.replace(NOT_DIGIT, '');

/** The WhatsApp id of a number: E.164 digits without '+', as wa.me links and WhatsApp APIs expect. */
export const whatsAppId = (phone: PhoneNumber | E164): string =>
  (typeof phone === 'string' ? phone : phone.e164).slice(1);

// Stored numbers are checked for shape only: numbering plans change, and old events must always decode.
const E164_SHAPE = /^\+[1-9]\d{3,14}$/;

/** Checks the E.164 shape (`+` and 4 to 15 digits) without consulting numbering plans. */
export const isE164 = (u: unknown): u is E164 => typeof u === 'string' && E164_SHAPE.test(u);

/** io-ts codec for a stored E.164 string. */
export const E164Codec = storedValueCodec<E164, string>('E164', (u) =>
  isE164(u) ? E.right(u) : E.left('an E.164 phone number is + followed by 4 to 15 digits'),
);

/** The stored form of a PhoneNumber. */
export type PhoneNumberJson = { readonly e164: string; readonly raw: string; readonly country?: string };

/** io-ts codec for a stored PhoneNumber (`{ e164, raw, country? }`). */
export const PhoneNumberCodec = storedFormCodec<PhoneNumber, PhoneNumberJson>('PhoneNumber', (u) => {
  if (!isRecord(u)) return E.left('a phone number is an object { e164, raw, country? }');
  const { e164, raw, country } = u;
  if (!isE164(e164)) return E.left('e164 must be + followed by 4 to 15 digits');
  if (typeof raw !== 'string') return E.left('raw must be text');
  if (country === undefined) return E.right({ e164, raw });
  return CountryCodeCodec.is(country)
    ? E.right({ e164, raw, country })
    : E.left('country must be two upper-case letters');
});

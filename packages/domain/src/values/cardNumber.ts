import * as E from 'fp-ts/Either';
import type { ValidationError } from '../kernel/errors';
import type { Brand } from './brand';
import { storedValueCodec } from './codec';
import { refuse, refuseNotText, shown } from './refusal';

/** A loyalty card number in canonical form: the uniqueness key a scan or a typed number is looked up by. */
export type CardNumber = Brand<string, 'CardNumber'>;

/** What the shop's card reader types: printed/barcode numbers, or an RFID UID as decimal or hex. */
export type CardFormat = 'plain' | 'rfid-decimal' | 'rfid-hex';

/** How a shop reads card numbers. */
export type CardOptions = {
  /** `plain` unless told; with an RFID format both reader spellings of a card give one key. */
  readonly format?: CardFormat;
  /** The field named in refusals; `card` unless told. */
  readonly field?: string;
};

// Barcodes and printed numbers are short; anything longer is a paste into the wrong field.
const MAX_LENGTH = 64;
const SEPARATORS = /[\s.-]+/g;
const CANONICAL = /^[0-9A-Z]+$/;
// Checked before upper-casing: 'ß' or 'ı' would otherwise turn into ASCII letters the person never typed.
const ALNUM = /^[0-9A-Za-z]+$/;
const DIGITS = /^\d+$/;
const HEX = /^[0-9A-F]+$/;
const UINT32_MAX = 0xffffffff;

/** The canonical RFID key: the 32-bit UID as 8 upper-case hex digits. */
const rfidKey = (uid: number): CardNumber => uid.toString(16).toUpperCase().padStart(8, '0') as CardNumber;

type Radix = 10 | 16;

/**
 * Which spelling an RFID code is in. Readers pad their output (10 decimal digits, 8 hex digits), so length
 * tells them apart whatever the shop configured; only short, unpadded digit strings follow the setting.
 */
const rfidRadix = (code: string, format: 'rfid-decimal' | 'rfid-hex'): Radix | undefined => {
  if (DIGITS.test(code)) {
    if (code.length === 9 || code.length === 10) return 10;
    if (code.length === 8) return 16;
    return code.length < 8 ? (format === 'rfid-decimal' ? 10 : 16) : undefined;
  }
  return HEX.test(code) && code.length <= 8 ? 16 : undefined;
};

const parseRfid = (
  code: string,
  input: string,
  format: 'rfid-decimal' | 'rfid-hex',
  field: string,
): E.Either<ValidationError, CardNumber> => {
  // A "0x" prefix is an explicit hex spelling; stripping it first keeps "0X" from reading as a digit string.
  const explicitHex = code.startsWith('0X') && code.length > 2;
  const body = explicitHex ? code.slice(2) : code;
  const radix: Radix | undefined = explicitHex
    ? HEX.test(body) && body.length <= 8
      ? 16
      : undefined
    : rfidRadix(body, format);
  if (radix === undefined)
    return refuse(
      'card.rfid_unreadable',
      `${shown(input)} is not an RFID card code: a decimal reader types 10 digits, a hex reader 8 characters 0-9 and A-F.`,
      field,
      input,
      { format },
    );
  const uid = Number.parseInt(body, radix);
  return uid > UINT32_MAX
    ? refuse(
        'card.rfid_out_of_range',
        `${shown(input)} is larger than any RFID card code (the largest is 4294967295, hex FFFFFFFF).`,
        field,
        input,
        { format },
      )
    : E.right(rfidKey(uid));
};

/** Normalises a typed or scanned card number: separators dropped, letters upper-cased, RFID spellings unified. */
export const parseCardNumber = (
  input: unknown,
  options: CardOptions = {},
): E.Either<ValidationError, CardNumber> => {
  const field = options.field ?? 'card';
  const format = options.format ?? 'plain';
  if (typeof input !== 'string') return refuseNotText('card', 'card number', field, input);
  const compacted = input.replace(SEPARATORS, '');
  if (compacted === '') return refuse('card.empty', 'No card number was typed.', field, input);
  if (!ALNUM.test(compacted))
    return refuse(
      'card.invalid_characters',
      `${shown(input)} is not a card number: only letters A-Z and digits are allowed, with spaces, dashes or dots between them.`,
      field,
      input,
    );
  const code = compacted.toUpperCase();
  if (code.length > MAX_LENGTH)
    return refuse(
      'card.too_long',
      `${shown(input)} is too long for a card number (at most ${MAX_LENGTH} characters).`,
      field,
      input,
    );
  return format === 'plain' ? E.right(code as CardNumber) : parseRfid(code, input, format, field);
};

/** The 10-digit decimal spelling of an RFID key, as a decimal reader would type it (for display). */
export const rfidDecimal = (card: CardNumber): string | undefined =>
  HEX.test(card) && card.length === 8 ? String(Number.parseInt(card, 16)).padStart(10, '0') : undefined;

/** io-ts codec for a stored card number (upper-case letters and digits). */
export const CardNumberCodec = storedValueCodec<CardNumber, string>('CardNumber', (u) =>
  typeof u === 'string' && CANONICAL.test(u) && u.length <= MAX_LENGTH
    ? E.right(u as CardNumber)
    : E.left(`a card number is 1 to ${MAX_LENGTH} upper-case letters and digits`),
);

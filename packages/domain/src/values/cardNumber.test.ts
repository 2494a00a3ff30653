import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { ValidationError } from '../kernel/errors';
import {
  CardNumberCodec,
  parseCardNumber,
  rfidDecimal,
  type CardFormat,
  type CardNumber,
  type CardOptions,
} from './cardNumber';

const ok = (input: unknown, options?: CardOptions): CardNumber => {
  const result = parseCardNumber(input, options);
  if (E.isLeft(result)) throw new Error(`expected ${String(input)} to parse: ${result.left.message}`);
  return result.right;
};

const refused = (input: unknown, options?: CardOptions): ValidationError => {
  const result = parseCardNumber(input, options);
  if (E.isRight(result)) throw new Error(`expected ${String(input)} to be refused, got ${result.right}`);
  return result.left;
};

const RFID_FORMATS: readonly CardFormat[] = ['rfid-decimal', 'rfid-hex'];

describe('a plain card number is trimmed, stripped of separators and upper-cased', () => {
  it.each([
    ['  1234 5678 9012  ', '123456789012'],
    ['ab-12.cd 34', 'AB12CD34'],
    ['vip-0042', 'VIP0042'],
  ])('%p is %p', (typed, key) => {
    expect(ok(typed)).toBe(key);
  });

  it('plain cards keep their leading zeros and are not read as RFID', () => {
    expect(ok('0012345678')).toBe('0012345678');
    expect(ok('0012345678', { format: 'plain' })).toBe('0012345678');
  });

  it.each([
    ['', 'card.empty'],
    [' - . ', 'card.empty'],
    ['12/34', 'card.invalid_characters'],
    ['straße', 'card.invalid_characters'],
    ['1'.repeat(65), 'card.too_long'],
  ])('%p is refused with %s, showing what was typed', (typed, code) => {
    const error = refused(typed);
    expect(error.code).toBe(code);
    expect(error.field).toBe('card');
    expect(error.value).toBe(typed);
    if (code !== 'card.empty') expect(error.message).toContain(JSON.stringify(typed).slice(0, 20));
  });

  it('refuses input that is not text', () => {
    expect(refused(12345678).code).toBe('card.not_text');
  });
});

describe('with an RFID reader, decimal and hex spellings of one card give one key', () => {
  it.each(RFID_FORMATS)('%s: 0012345678 and 00BC614E are the same card', (format) => {
    expect(ok('0012345678', { format })).toBe('00BC614E');
    expect(ok('00bc614e', { format })).toBe('00BC614E');
    expect(ok('0x00BC614E', { format })).toBe('00BC614E');
  });

  it('property: any 32-bit UID, typed by either reader into either shop setting, gives one key', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.constantFrom(...RFID_FORMATS),
        fc.boolean(),
        fc.constantFrom('', ' ', '\n', '\r\n'),
        (uid, format, lowerCase, trailing) => {
          const decimal = String(uid).padStart(10, '0');
          const hex = uid.toString(16).padStart(8, '0');
          const hexTyped = lowerCase ? hex : hex.toUpperCase();
          const fromDecimal = ok(`${decimal}${trailing}`, { format });
          expect(ok(`${hexTyped}${trailing}`, { format })).toBe(fromDecimal);
          expect(fromDecimal).toBe(hex.toUpperCase());
          expect(rfidDecimal(fromDecimal)).toBe(decimal);
        },
      ),
    );
  });

  it('short unpadded digit strings follow the shop setting', () => {
    expect(ok('12345', { format: 'rfid-decimal' })).toBe('00003039');
    expect(ok('12345', { format: 'rfid-hex' })).toBe('00012345');
  });

  it('a 9-digit string cannot be a 32-bit hex code, so it is decimal in both settings', () => {
    for (const format of RFID_FORMATS) expect(ok('012345678', { format })).toBe('00BC614E');
  });

  it('hex letters make a short code hex even in a decimal shop', () => {
    expect(ok('BC614E', { format: 'rfid-decimal' })).toBe('00BC614E');
  });

  it.each([
    ['4294967296', 'card.rfid_out_of_range'],
    ['12345678901', 'card.rfid_unreadable'],
    ['00BC614E1', 'card.rfid_unreadable'],
    ['VIP0042', 'card.rfid_unreadable'],
    ['0x', 'card.rfid_unreadable'],
  ])('%p is refused with %s, showing what was typed', (typed, code) => {
    for (const format of RFID_FORMATS) {
      const error = refused(typed, { format });
      expect(error.code).toBe(code);
      expect(error.message).toContain(JSON.stringify(typed));
    }
  });
});

describe('the stored card number', () => {
  it('round-trips through its codec', () => {
    const card = ok('00bc614e', { format: 'rfid-hex' });
    expect(CardNumberCodec.decode(CardNumberCodec.encode(card))).toEqual(E.right(card));
  });

  it.each(['', 'ab12', '12 34', 42])('refuses %p, which no parser produces', (stored) => {
    expect(E.isLeft(CardNumberCodec.decode(stored))).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { ValidationError } from '../kernel/errors';
import { NipCodec, TaxIdCodec, nipCheckDigit, parseNip, parseTaxId, type TaxIdOptions } from './taxId';

const refusedNip = (input: unknown): ValidationError => {
  const result = parseNip(input);
  if (E.isRight(result)) throw new Error(`expected ${String(input)} to be refused`);
  return result.left;
};

const refusedTaxId = (input: unknown, options?: TaxIdOptions): ValidationError => {
  const result = parseTaxId(input, options);
  if (E.isRight(result)) throw new Error(`expected ${String(input)} to be refused`);
  return result.left;
};

// Nine digits whose weighted sum does not leave 10, completed with their check digit.
const validNip = fc
  .string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 })
  .filter((nine) => nipCheckDigit(nine) !== undefined)
  .map((nine) => `${nine}${String(nipCheckDigit(nine))}`);

describe('a NIP is 10 digits whose last is the weighted check digit', () => {
  it('computes the check digit with weights 6,5,7,2,3,4,5,6,7 mod 11', () => {
    // 1·6+2·5+3·7+4·2+5·3+6·4+3·5+2·6+1·7 = 118; 118 mod 11 = 8
    expect(nipCheckDigit('123456321')).toBe(8);
    expect(E.right('1234563218')).toEqual(parseNip('1234563218'));
  });

  it.each(['PL1234563218', 'pl 123-456-32-18', '123-45-63-218', ' 123 456 32 18 '])(
    '%p is read as 1234563218',
    (typed) => {
      expect(parseNip(typed)).toEqual(E.right('1234563218'));
    },
  );

  it('property: every generated valid NIP passes, in any common spelling', () => {
    fc.assert(
      fc.property(validNip, fc.constantFrom('', 'PL', 'pl ', 'PL-'), (nip, prefix) => {
        expect(parseNip(`${prefix}${nip}`)).toEqual(E.right(nip));
        expect(parseNip(`${nip.slice(0, 3)}-${nip.slice(3, 6)}-${nip.slice(6, 8)}-${nip.slice(8)}`)).toEqual(
          E.right(nip),
        );
      }),
    );
  });

  it('property: changing any one digit of a valid NIP makes it fail the checksum', () => {
    fc.assert(
      fc.property(
        validNip,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (nip, position, delta) => {
          const changed = (Number(nip.charAt(position)) + delta) % 10;
          const typo = `${nip.slice(0, position)}${changed}${nip.slice(position + 1)}`;
          const error = refusedNip(typo);
          expect(error.code).toBe('tax_id.bad_checksum');
          expect(error.message).toContain(`"${typo}"`);
        },
      ),
    );
  });

  it('a nine-digit start whose weighted sum leaves 10 has no valid NIP at all', () => {
    const start = Array.from({ length: 1000 }, (_, i) => String(i).padStart(9, '0')).find(
      (candidate) => nipCheckDigit(candidate) === undefined,
    );
    if (start === undefined) throw new Error('some start must leave 10');
    for (let last = 0; last <= 9; last += 1)
      expect(refusedNip(`${start}${last}`).code).toBe('tax_id.bad_checksum');
  });

  it.each([
    ['', 'tax_id.empty'],
    ['PL', 'tax_id.bad_length'],
    ['123456321', 'tax_id.bad_length'],
    ['12345632188', 'tax_id.bad_length'],
    ['123456321O', 'tax_id.invalid_characters'],
    ['1234563219', 'tax_id.bad_checksum'],
  ])('%p is refused with %s, naming the field and showing the input', (typed, code) => {
    const error = refusedNip(typed);
    expect(error.code).toBe(code);
    expect(error.field).toBe('taxId');
    expect(error.value).toBe(typed);
    if (typed !== '') expect(error.message).toContain(JSON.stringify(typed));
  });

  it('refuses a number given instead of text', () => {
    expect(refusedNip(1234563218).code).toBe('tax_id.not_text');
  });
});

describe('a tax id names its country; PL is checked as a NIP, others are normalised', () => {
  it('a PL prefix or a PL shop makes the value a checked NIP', () => {
    expect(parseTaxId('PL 123-456-32-18')).toEqual(E.right({ country: 'PL', value: '1234563218' }));
    expect(parseTaxId('1234563218', { country: 'pl' })).toEqual(
      E.right({ country: 'PL', value: '1234563218' }),
    );
    expect(refusedTaxId('1234563219', { country: 'PL' }).code).toBe('tax_id.bad_checksum');
  });

  it('another country keeps upper-case letters and digits, dropping separators', () => {
    expect(parseTaxId('de 123.456.789')).toEqual(E.right({ country: 'DE', value: '123456789' }));
    expect(parseTaxId('b-1234 567/8', { country: 'ES' })).toEqual(
      E.right({ country: 'ES', value: 'B12345678' }),
    );
  });

  it('a VAT prefix wins over the shop country, so a Polish shop can register a German company', () => {
    expect(parseTaxId('DE123456789', { country: 'PL' })).toEqual(
      E.right({ country: 'DE', value: '123456789' }),
    );
    expect(parseTaxId('EL 123456789')).toEqual(E.right({ country: 'GR', value: '123456789' }));
  });

  it('leading letters that are not a VAT prefix stay part of the number', () => {
    expect(parseTaxId('AB 12 34 56 C', { country: 'GB' })).toEqual(
      E.right({ country: 'GB', value: 'AB123456C' }),
    );
  });

  it.each([
    ['123456789', {}, 'tax_id.no_country'],
    ['123456789', { country: 'Poland' }, 'tax_id.bad_country'],
    ['ÄB123', { country: 'DE' }, 'tax_id.invalid_characters'],
    ['--', { country: 'DE' }, 'tax_id.empty'],
    ['1'.repeat(33), { country: 'DE' }, 'tax_id.too_long'],
  ])('%p with %p is refused with %s', (typed, options, code) => {
    expect(refusedTaxId(typed, options).code).toBe(code);
  });
});

describe('the stored tax id', () => {
  it('round-trips through its codecs', () => {
    for (const taxId of [parseTaxId('PL1234563218'), parseTaxId('DE123456789')]) {
      if (E.isLeft(taxId)) throw taxId.left;
      expect(TaxIdCodec.decode(TaxIdCodec.encode(taxId.right))).toEqual(taxId);
    }
    expect(NipCodec.decode('1234563218')).toEqual(E.right('1234563218'));
  });

  it('refuses a stored PL value with a wrong check digit, and malformed shapes', () => {
    expect(E.isLeft(TaxIdCodec.decode({ country: 'PL', value: '1234563219' }))).toBe(true);
    expect(E.isLeft(TaxIdCodec.decode({ country: 'de', value: '123' }))).toBe(true);
    expect(E.isLeft(TaxIdCodec.decode({ country: 'DE', value: '12 3' }))).toBe(true);
    expect(E.isLeft(NipCodec.decode('PL1234563218'))).toBe(true);
  });
});

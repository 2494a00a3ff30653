import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { AddressCodec, parseAddress } from './address';

const refused = (input: unknown) => {
  const result = parseAddress(input);
  if (E.isRight(result)) throw new Error('expected the address to be refused');
  return result.left;
};

describe('an address is tidied part by part, and blank parts are dropped', () => {
  it('trims and collapses each part, upper-cases the postal code and a country code', () => {
    expect(
      parseAddress({
        street: '  Voorstraat ',
        houseNumber: ' 12 a',
        postalCode: '1011  ab',
        city: 'Amsterdam ',
        country: 'nl',
      }),
    ).toEqual(
      E.right({
        street: 'Voorstraat',
        houseNumber: '12 a',
        postalCode: '1011 AB',
        city: 'Amsterdam',
        country: 'NL',
      }),
    );
  });

  it('keeps a country written as a name as it was typed', () => {
    expect(parseAddress({ country: ' Nederland ' })).toEqual(E.right({ country: 'Nederland' }));
  });

  it('blank, null and absent parts are left out, not stored as empty strings', () => {
    const address = parseAddress({ street: '   ', houseNumber: null, city: 'Kraków', postalCode: undefined });
    expect(address).toEqual(E.right({ city: 'Kraków' }));
    if (E.isRight(address)) expect(Object.keys(address.right)).toEqual(['city']);
  });
});

describe('an address needs at least one part, and only known parts', () => {
  it('refuses an address with every part blank', () => {
    expect(refused({ street: ' ', city: '' }).code).toBe('address.empty');
    expect(refused({}).code).toBe('address.empty');
  });

  it('refuses an unknown part instead of dropping it silently', () => {
    const error = refused({ street: 'Voorstraat', zip: '1011AB' });
    expect(error.code).toBe('address.unknown_part');
    expect(error.field).toBe('address.zip');
    expect(error.message).toContain('"zip"');
  });

  it('refuses a part that is not text, naming the part and the value', () => {
    const error = refused({ houseNumber: 12 });
    expect(error.code).toBe('address.not_text');
    expect(error.field).toBe('address.houseNumber');
    expect(error.message).toContain('12');
  });

  it('refuses an over-long part, showing what was typed', () => {
    const error = refused({ street: 'x'.repeat(201) });
    expect(error.code).toBe('address.too_long');
    expect(error.field).toBe('address.street');
    expect(error.message).toContain('"xxxx');
  });

  it('refuses input that is not an object of parts', () => {
    expect(refused('Voorstraat 12, Amsterdam').code).toBe('address.not_an_object');
    expect(refused(null).code).toBe('address.not_an_object');
  });
});

describe('the stored address', () => {
  it('round-trips through its codec', () => {
    const address = parseAddress({ street: 'Voorstraat', postalCode: '1011ab' });
    if (E.isLeft(address)) throw address.left;
    expect(AddressCodec.decode(AddressCodec.encode(address.right))).toEqual(address);
  });

  it.each([{}, { street: '' }, { zip: '1011' }, { city: 5 }, 'Amsterdam'])('refuses %p', (stored) => {
    expect(E.isLeft(AddressCodec.decode(stored))).toBe(true);
  });
});

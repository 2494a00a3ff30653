import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { isDecodedAsIs } from '../kernel/codecs';
import { AddressCodec } from './address';
import { CardNumberCodec } from './cardNumber';
import { CountryCodeCodec } from './country';
import { CurrencyCodec } from './currency';
import { EmailCodec } from './email';
import { LocaleCodec } from './locale';
import { PersonNameCodec } from './personName';
import { E164Codec, PhoneNumberCodec } from './phoneNumber';
import { PointsCodec } from './points';
import { NipCodec } from './taxId';

// Stored forms each codec accepts, and near misses, beside arbitrary values.
const samples: readonly unknown[] = [
  '+48601234567',
  '+4860',
  'PL',
  'pl',
  'EUR',
  'eur',
  'pl-PL',
  'en',
  'Anna',
  '',
  ' ',
  'anna@example.com',
  'anna@',
  '5260250274',
  '5260250275',
  'CARD-1',
  '04A1B2C3',
  12,
  -1,
  1.5,
  { street: 'Długa 1', city: 'Kraków' },
  { street: '' },
  { planet: 'Mars' },
  {},
  null,
];

const asIs: Readonly<Record<string, t.Mixed>> = {
  AddressCodec,
  CardNumberCodec,
  CountryCodeCodec,
  CurrencyCodec,
  EmailCodec,
  LocaleCodec,
  PersonNameCodec,
  E164Codec,
  PointsCodec,
  NipCodec,
};

describe('stored-value codecs', () => {
  it('are checked with `is`: it accepts exactly what decode accepts, and decode gives the value back', () => {
    const values = fc.oneof(fc.constantFrom(...samples), fc.anything());
    for (const [name, codec] of Object.entries(asIs)) {
      expect([name, isDecodedAsIs(codec)]).toEqual([name, true]);
      fc.assert(
        fc.property(values, (u) => {
          const decoded = codec.decode(u);
          expect(codec.is(u)).toBe(E.isRight(decoded));
          if (E.isRight(decoded)) expect(decoded.right).toBe(u);
        }),
        { numRuns: 300 },
      );
    }
    // Each accepts something: the property above is not passing by refusing everything.
    for (const codec of Object.values(asIs)) expect(samples.some((u) => codec.is(u))).toBe(true);
  });

  it("encode with io-ts's own identity, so objects holding them encode without a copy", () => {
    for (const [name, codec] of Object.entries({ ...asIs, PhoneNumberCodec }))
      expect([name, codec.encode === t.identity]).toEqual([name, true]);
    const holder = t.type({ phone: PhoneNumberCodec, card: CardNumberCodec });
    const data = { phone: { e164: '+48501234567', raw: '501 234 567', country: 'PL' }, card: 'CARD-1' };
    expect(holder.encode(data as t.TypeOf<typeof holder>)).toBe(data);
  });

  it('leave codecs that rebuild the stored value (a phone number object) decoded in full', () => {
    expect(isDecodedAsIs(PhoneNumberCodec)).toBe(false);
  });
});

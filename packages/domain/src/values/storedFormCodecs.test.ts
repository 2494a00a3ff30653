import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { isCheckedAsDecoded } from '../kernel/codecs';
import { MoneyCodec } from './money';
import { PhoneNumberCodec } from './phoneNumber';
import { TaxIdCodec } from './taxId';

// Stored forms near the valid ones: mostly a valid value per field, else a wrong, missing,
// undefined or unknown one, so both sides of every check are met in each run.
const wrong = fc.oneof(
  fc.constantFrom('xx', '', '+48', '12'),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double(),
  fc.constant(undefined),
  fc.constant(null),
);
const form = (valid: Readonly<Record<string, readonly unknown[]>>) =>
  fc.record(
    {
      ...Object.fromEntries(
        Object.entries(valid).map(([k, values]) => [
          k,
          fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: wrong }),
        ]),
      ),
      extra: wrong,
    },
    { requiredKeys: [] },
  );

const codecs: readonly [string, t.Mixed, fc.Arbitrary<unknown>][] = [
  [
    'PhoneNumber',
    PhoneNumberCodec,
    form({ e164: ['+48501234567', '+79161234567'], raw: ['501 234 567'], country: ['PL', 'RU'] }),
  ],
  ['TaxId', TaxIdCodec, form({ country: ['PL'], value: ['5260250274'] })],
  ['Money', MoneyCodec, form({ amount: [0, 500, 1999], currency: ['PLN', 'EUR'] })],
];

describe.each(codecs)('%s stored form', (_name, codec, values) => {
  it('is checked as decoded: whatever `is` accepts decodes to an equal value', () => {
    expect(isCheckedAsDecoded(codec)).toBe(true);
    let accepted = 0;
    fc.assert(
      fc.property(values, (u) => {
        if (!codec.is(u)) return;
        accepted++;
        const decoded = codec.decode(u);
        expect(E.isRight(decoded)).toBe(true);
        if (E.isRight(decoded)) {
          expect(decoded.right).toEqual(u);
          expect(Object.keys(decoded.right as object)).toEqual(Object.keys(u as object));
        }
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('`is` accepts every value that decodes to itself field for field, so the fast path is taken', () => {
    fc.assert(
      fc.property(values, (u) => {
        const decoded = codec.decode(u);
        const record = u as Readonly<Record<string, unknown>>;
        const itself =
          E.isRight(decoded) &&
          Object.keys(decoded.right as object).length === Object.keys(record).length &&
          Object.entries(decoded.right as object).every(
            ([k, v]) => Object.hasOwn(record, k) && record[k] === v,
          );
        expect(codec.is(u)).toBe(itself);
      }),
      { numRuns: 3000 },
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { defaultCustomerPolicy } from '../../customer/customerPolicy';
import { defaultPreferences } from '../../customer/customerProfile';
import { parsePhone } from '../../values/phoneNumber';
import { reservationKey } from '../reservation/reservationKey';
import { identifiersOf } from './customerIdentifiers';

const keyOf = (typed: string) => {
  const phone = parsePhone(typed, { defaultCountry: 'RU' });
  if (E.isLeft(phone)) throw phone.left;
  const [id] = identifiersOf({ phone: phone.right, preferences: defaultPreferences }, defaultCustomerPolicy);
  return id === undefined ? undefined : reservationKey('secret', id.kind, id.value);
};

const separator = fc.constantFrom('', ' ', '-', ' - ');
// Only numbers the Russian plan really gives to mobiles (parts of the 93x block are not).
const mobile = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
  .map((d) => `9${d.join('')}`)
  .filter((national) => E.isRight(parsePhone(`+7${national}`, { defaultCountry: 'RU' })));

/** A Russian mobile as people write it: 8, 7 or +7, the code maybe in brackets, digits grouped by spaces or dashes. */
const written = fc
  .record({
    national: mobile,
    prefix: fc.constantFrom('8', '7', '+7'),
    brackets: fc.boolean(),
    seps: fc.array(separator, { minLength: 4, maxLength: 4 }),
  })
  .map(({ national, prefix, brackets, seps }) => {
    const [s0, s1, s2, s3] = seps as [string, string, string, string];
    const code = national.slice(0, 3);
    const rest = `${national.slice(3, 6)}${s2}${national.slice(6, 8)}${s3}${national.slice(8)}`;
    return {
      national,
      typed: `${prefix}${s0}${brackets ? `(${code})` : code}${s1}${rest}`,
    };
  });

describe('the reservation key of a Russian mobile', () => {
  it('is the same whether it is written with 8, 7 or +7, spaces, dashes or brackets', () => {
    fc.assert(
      fc.property(written, ({ national, typed }) => {
        expect(keyOf(typed)).toBe(keyOf(`+7${national}`));
      }),
      { numRuns: 300 },
    );
  });

  it('differs between two different numbers', () => {
    expect(keyOf('8 916 123-45-67')).not.toBe(keyOf('8 916 123-45-68'));
  });
});

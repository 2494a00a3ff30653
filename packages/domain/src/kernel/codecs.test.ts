import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { currencyCode, integer, isDecodedAsIs, isoInstant, nonEmptyString, withOptional } from './codecs';

// The check isoInstant made before its fast path: what it accepted, stored events may hold.
const acceptedBefore = (s: string) => !Number.isNaN(Date.parse(s)) && s.endsWith('Z');

describe('isoInstant', () => {
  it('accepts every instant toISOString writes', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (d) => isoInstant.is(d.toISOString()),
      ),
    );
  });

  it('accepts and refuses exactly what Date.parse with a trailing Z did', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const isoLike = fc
      .tuple(
        digits(4),
        digits(2),
        digits(2),
        digits(2),
        digits(2),
        digits(2),
        digits(3),
        fc.constantFrom('Z', '', '+01:00'),
      )
      .map(([y, mo, d, h, mi, s, ms, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${zone}`);
    fc.assert(
      fc.property(fc.oneof(isoLike, fc.string()), (s) => {
        expect(isoInstant.is(s)).toBe(acceptedBefore(s));
      }),
      { numRuns: 2000 },
    );
    for (const s of [
      '2026-03-01T10:00:00Z',
      '2027-02-31T10:00:00.000Z',
      '2026-03-01',
      '2026-13-01T00:00:00.000Z',
    ])
      expect(isoInstant.is(s)).toBe(acceptedBefore(s));
  });
});

describe('currencyCode', () => {
  it('accepts three capital letters only, and is checked with `is` because decode agrees with it', () => {
    for (const ok of ['EUR', 'PLN', 'BGN']) expect(E.isRight(currencyCode.decode(ok))).toBe(true);
    for (const bad of ['eur', 'EURO', 'EU', '', 'E1R', 42]) {
      expect(currencyCode.is(bad)).toBe(false);
      expect(E.isLeft(currencyCode.decode(bad))).toBe(true);
    }
    expect(isDecodedAsIs(currencyCode)).toBe(true);
  });
});

describe('withOptional encodes without copying', () => {
  const codec = withOptional({ id: nonEmptyString, amount: integer }, { note: t.string });
  it('returns its input itself when its parts do, and so does an object holding it', () => {
    const value = { id: 'a', amount: 5, note: 'n' };
    expect(codec.encode(value)).toBe(value);
    const holder = t.type({ inner: codec, at: isoInstant });
    const held = { inner: value, at: '2026-03-01T10:00:00.000Z' };
    expect(holder.encode(held)).toBe(held);
  });
  it('still encodes through a part that converts', () => {
    const cents = new t.Type<number, string, unknown>(
      'Cents',
      (u): u is number => typeof u === 'number',
      (u, c) => (typeof u === 'string' ? t.success(Number(u)) : t.failure(u, c)),
      (n) => String(n),
    );
    const converting = withOptional({ id: nonEmptyString }, { price: cents });
    expect(converting.encode({ id: 'a', price: 5 })).toEqual({ id: 'a', price: '5' });
  });
});

describe('withOptional checks as the io-ts intersection of its parts', () => {
  it('accepts exactly what t.intersection accepts, and decodes alike', () => {
    const required = { id: nonEmptyString, amount: integer };
    const optional = { note: t.string, at: isoInstant };
    const codec = withOptional(required, optional);
    const reference = t.intersection([t.type(required), t.partial(optional)]);
    const near = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer()),
        amount: fc.oneof(fc.integer(), fc.double(), fc.string()),
        note: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
        at: fc.oneof(fc.constant('2026-03-01T10:00:00.000Z'), fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(near, fc.anything()), (u) => {
        expect(codec.is(u)).toBe(reference.is(u));
        const [mine, theirs] = [codec.decode(u), reference.decode(u)];
        expect(E.isRight(mine) ? mine.right : 'refused').toEqual(
          E.isRight(theirs) ? theirs.right : 'refused',
        );
      }),
      { numRuns: 3000 },
    );
  });
});

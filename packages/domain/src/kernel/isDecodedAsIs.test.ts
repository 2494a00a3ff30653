import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  integer,
  isDecodedAsIs,
  isoInstant,
  nonEmptyString,
  nonNegativeInteger,
  positiveInteger,
  withOptional,
} from './codecs';

// Every combinator kind the event catalogues use, around the kernel's refinements.
const catalogueShaped = t.union([
  withOptional(
    {
      kind: t.literal('a'),
      amount: positiveInteger,
      balance: nonNegativeInteger,
      delta: integer,
      at: isoInstant,
      tags: t.array(nonEmptyString),
      lines: t.readonlyArray(t.type({ id: nonEmptyString, qty: positiveInteger })),
      role: t.keyof({ customer: null, operator: null }),
      details: t.record(t.string, t.union([t.string, t.number])),
    },
    { note: t.string, flag: t.boolean, gone: t.null },
  ),
  t.type({ kind: t.literal('b'), n: t.number }),
]);

const values = fc.oneof(
  fc.anything(),
  fc.record(
    {
      kind: fc.constantFrom('a', 'b', 'c'),
      amount: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.double(), fc.string()),
      balance: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constant(0.5)),
      delta: fc.oneof(fc.integer(), fc.constant(Number.MAX_SAFE_INTEGER + 2)),
      at: fc.oneof(fc.constant('2026-01-01T00:00:00.000Z'), fc.constant('2026-01-01'), fc.string()),
      tags: fc.array(fc.oneof(fc.constant(''), fc.string({ minLength: 1 }), fc.integer())),
      lines: fc.array(fc.record({ id: fc.string(), qty: fc.integer({ min: -1, max: 2 }) })),
      role: fc.constantFrom('customer', 'operator', 'toString', 'x'),
      details: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
      note: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
      flag: fc.oneof(fc.boolean(), fc.string()),
      gone: fc.oneof(fc.constant(null), fc.integer()),
      n: fc.oneof(fc.integer(), fc.string()),
    },
    { requiredKeys: [] },
  ),
);

describe('isDecodedAsIs', () => {
  it('holds for the kernel refinements and the combinators the catalogues use', () => {
    expect(isDecodedAsIs(catalogueShaped)).toBe(true);
  });

  it('is only claimed where `is` accepts exactly what `decode` accepts, and decode returns its input', () => {
    fc.assert(
      fc.property(values, (u) => {
        const decoded = catalogueShaped.decode(u);
        expect(catalogueShaped.is(u)).toBe(E.isRight(decoded));
        if (E.isRight(decoded)) expect(decoded.right).toBe(u);
      }),
      { numRuns: 3000 },
    );
  });

  it('is refused for codecs whose decode changes or strips what it reads, and for codecs it does not know', () => {
    const custom = new t.Type<string, string, unknown>(
      'Loose',
      (u): u is string => typeof u === 'string',
      (u, c) => (typeof u === 'string' && u.length > 3 ? t.success(u) : t.failure(u, c)),
      t.identity,
    );
    expect(isDecodedAsIs(t.exact(t.type({ a: t.string })))).toBe(false);
    expect(isDecodedAsIs(custom)).toBe(false);
    expect(isDecodedAsIs(t.type({ a: t.array(custom) }))).toBe(false);
    expect(isDecodedAsIs(t.union([t.string, custom]))).toBe(false);
    expect(isDecodedAsIs(t.record(t.keyof({ a: null }), t.string))).toBe(false);
  });

  it('is claimed for t.unknown, whose `is` and `decode` both accept anything and return it', () => {
    expect(isDecodedAsIs(t.unknown)).toBe(true);
    expect(isDecodedAsIs(t.type({ payload: t.unknown }))).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as t from 'io-ts';
import { currencyCode, integer, isoInstant, nonEmptyString, positiveInteger, withOptional } from './codecs';
import { compiledIs } from './compiledIs';

// One codec per io-ts combinator and kernel refinement the compiler writes out, nested as event
// data nests them, plus codecs it must leave to their own `is`.
const line = t.type({
  productId: nonEmptyString,
  quantity: positiveInteger,
  note: t.union([t.string, t.null]),
});
const custom = new t.Type<string, string, unknown>(
  'Upper',
  (u): u is string => typeof u === 'string' && u === u.toUpperCase(),
  (u, c) => (typeof u === 'string' && u === u.toUpperCase() ? t.success(u) : t.failure(u, c)),
  t.identity,
);
const codecs: Readonly<Record<string, t.Mixed>> = {
  movement: t.type({ amount: integer, balance: integer, at: isoInstant }),
  registration: withOptional(
    { customerId: nonEmptyString, firstName: nonEmptyString, lastName: t.string, registeredAt: isoInstant },
    { phone: nonEmptyString, cardNumber: nonEmptyString },
  ),
  order: t.intersection([
    t.type({
      lines: t.array(line),
      tags: t.readonlyArray(t.keyof({ vip: null, staff: null })),
      currency: currencyCode,
      kind: t.union([t.literal('sale'), t.literal('refund')]),
      paid: t.boolean,
    }),
    t.partial({
      extra: t.unknown,
      missing: t.undefined,
      count: t.Int,
      limits: t.readonly(t.exact(t.type({ max: t.number }))),
    }),
  ]),
  branded: t.refinement(t.string, (s) => s.startsWith('w-'), 'WalletId'),
  fallback: t.type({ code: custom, map: t.record(t.string, t.number) }),
};

// Values shaped like what each codec accepts, for the comparison to reach every branch.
const shaped = (codec: t.Mixed): fc.Arbitrary<unknown> => {
  if (codec === integer || codec === positiveInteger)
    return fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 60));
  if (codec === isoInstant)
    return fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2026-02-30T10:00:00.000Z', '2026-01-01T00:00:00Z', '2026-01-01'),
      fc.string(),
    );
  if (codec === nonEmptyString || codec === currencyCode)
    return fc.oneof(fc.string(), fc.constantFrom('PLN', 'eur'));
  if (codec === custom) return fc.constantFrom('ABC', 'abc');
  const c = codec as t.Mixed & {
    readonly _tag?: string;
    readonly props?: t.Props;
    readonly types?: readonly t.Mixed[];
    readonly type?: t.Mixed;
    readonly value?: unknown;
    readonly keys?: object;
  };
  switch (c._tag) {
    case 'StringType':
      return fc.string();
    case 'NumberType':
      return fc.oneof(fc.integer(), fc.double());
    case 'BooleanType':
      return fc.boolean();
    case 'LiteralType':
      return fc.constant(c.value);
    case 'KeyofType':
      return fc.constantFrom(...Object.keys(c.keys ?? {}), 'toString', 'other');
    case 'InterfaceType':
    case 'PartialType':
      return fc.record(
        Object.fromEntries(Object.entries(c.props ?? {}).map(([k, p]) => [k, shaped(p)])),
        c._tag === 'PartialType' ? { requiredKeys: [] } : {},
      );
    case 'IntersectionType':
      return fc.tuple(...(c.types ?? []).map(shaped)).map((parts) => Object.assign({}, ...parts) as unknown);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return fc.array(shaped(c.type as t.Mixed), { maxLength: 4 });
    case 'UnionType':
      return fc.oneof(...(c.types ?? []).map(shaped));
    case 'RefinementType':
    case 'ReadonlyType':
    case 'ExactType':
      return fc.oneof(shaped(c.type as t.Mixed), fc.constant('w-1'));
    default:
      return fc.anything();
  }
};

// Replaces (or, for `undefined`, deletes) the `at`-th value met walking `value` depth first.
const mutated = (value: unknown, at: number, replacement: unknown): unknown => {
  let seen = 0;
  const walk = (v: unknown): unknown => {
    if (seen++ === at) return replacement;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const next = walk(item);
        if (next !== undefined || item === undefined) out[k] = next;
      }
      return out;
    }
    return v;
  };
  return walk(value);
};

describe('compiledIs', () => {
  for (const [name, codec] of Object.entries(codecs)) {
    it(`answers exactly what io-ts's own is answers: ${name}`, () => {
      const is = compiledIs(codec);
      const values = fc.oneof(
        shaped(codec),
        fc
          .tuple(shaped(codec), fc.nat({ max: 30 }), fc.oneof(fc.anything(), fc.constant(undefined)))
          .map(([v, at, replacement]) => mutated(v, at, replacement)),
        fc.anything(),
      );
      fc.assert(
        fc.property(values, (u) => expect(is(u)).toBe(codec.is(u))),
        { numRuns: 2000 },
      );
    });
  }

  it('accepts and refuses as is does on values the generators may miss', () => {
    const order = codecs['order'] as t.Mixed;
    const valid = {
      lines: [{ productId: 'cola', quantity: 2, note: null }],
      tags: ['vip'],
      currency: 'PLN',
      kind: 'sale',
      paid: false,
    };
    const withHole: unknown[] = [];
    withHole[1] = { productId: 'cola', quantity: 1, note: 'x' };
    const cases: unknown[] = [
      valid,
      { ...valid, lines: withHole },
      { ...valid, lines: [[]] },
      { ...valid, tags: ['hasOwnProperty'] },
      { ...valid, missing: undefined },
      { ...valid, missing: null },
      { ...valid, count: 1.5 },
      { ...valid, limits: { max: 1, more: true } },
      Object.assign(Object.create({ paid: true }) as object, { ...valid, paid: undefined }),
      [],
      null,
    ];
    const is = compiledIs(order);
    expect(cases.map((u) => is(u))).toEqual(cases.map((u) => order.is(u)));
    expect(is(valid)).toBe(true);
  });

  it('writes the known combinators out rather than calling their is, and calls is for any other', () => {
    const written = compiledIs(codecs['registration'] as t.Mixed).toString();
    expect(written).toContain('hasOwn.call(u, "customerId")');
    expect(written).not.toContain('.is(');
    expect(compiledIs(codecs['fallback'] as t.Mixed).toString()).toContain('.is(');
  });

  it('is made once per codec', () => {
    const codec = codecs['movement'] as t.Mixed;
    expect(compiledIs(codec)).toBe(compiledIs(codec));
  });
});

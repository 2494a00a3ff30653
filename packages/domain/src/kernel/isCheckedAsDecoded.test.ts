import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Event } from './envelope';
import { eventCatalog } from './eventCatalog';
import { isCheckedAsDecoded, markCheckedAsDecoded, nonEmptyString, withOptional } from './codecs';

// A stored form whose decode drops unknown keys, and whose `is` accepts only values without them.
const point = markCheckedAsDecoded(
  new t.Type<{ x: number }, { x: number }, unknown>(
    'Point',
    (u): u is { x: number } =>
      typeof u === 'object' &&
      u !== null &&
      Object.keys(u).length === 1 &&
      typeof (u as { x?: unknown }).x === 'number',
    (u, c) =>
      typeof u === 'object' && u !== null && typeof (u as { x?: unknown }).x === 'number'
        ? t.success({ x: (u as { x: number }).x })
        : t.failure(u, c, 'a point is { x }'),
    (a) => a,
  ),
);
const unmarked = new t.Type<number, number, unknown>(
  'N',
  (u): u is number => typeof u === 'number',
  t.number.validate,
  (a) => a,
);

describe('isCheckedAsDecoded', () => {
  it('holds through objects, optional fields, intersections, arrays and string records of checked codecs', () => {
    expect(isCheckedAsDecoded(point)).toBe(true);
    expect(isCheckedAsDecoded(t.type({ at: point, name: nonEmptyString }))).toBe(true);
    expect(isCheckedAsDecoded(withOptional({ id: nonEmptyString }, { at: point }))).toBe(true);
    expect(isCheckedAsDecoded(t.readonlyArray(point))).toBe(true);
    expect(isCheckedAsDecoded(t.record(t.string, point))).toBe(true);
  });

  it('does not hold for unions of such codecs (an earlier member may decode to something else) or unmarked ones', () => {
    expect(isCheckedAsDecoded(t.union([point, t.type({ x: t.number, y: t.number })]))).toBe(false);
    expect(isCheckedAsDecoded(t.type({ n: unmarked }))).toBe(false);
    expect(isCheckedAsDecoded(t.exact(t.type({ x: t.number })))).toBe(false);
  });

  it('lets a catalog decode through `is` with exactly the outcome of decoding through io-ts', () => {
    const codec = withOptional({ id: nonEmptyString, points: t.readonlyArray(point) }, { at: point });
    type Placed = Event<'Placed', t.TypeOf<typeof codec>>;
    const catalog = eventCatalog<Placed>({ Placed: { codec } });
    const pointish = fc.oneof(
      fc.record({ x: fc.integer() }),
      fc.record({ x: fc.integer(), y: fc.integer() }),
      fc.record({ x: fc.string() }),
    );
    const data = fc.record(
      { id: fc.constantFrom('', 'a'), points: fc.array(pointish, { maxLength: 3 }), at: pointish },
      { requiredKeys: ['id', 'points'] },
    );
    fc.assert(
      fc.property(data, (u) => {
        const viaCatalog = catalog.decode('Placed', u, 1);
        const viaIoTs = codec.decode(u);
        expect(E.isRight(viaCatalog)).toBe(E.isRight(viaIoTs));
        if (E.isRight(viaCatalog) && E.isRight(viaIoTs)) expect(viaCatalog.right.data).toEqual(viaIoTs.right);
      }),
      { numRuns: 2000 },
    );
  });
});

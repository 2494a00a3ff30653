import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { emptyMap, mapEntries, mapGet, mapSet, type PersistentMap } from './persistentMap';

describe('persistentMap', () => {
  it('answers like a Map after any sets, and leaves every earlier version as it was', () => {
    const key = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.constantFrom('__proto__', 'constructor', 'toString'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 400 }), (sets) => {
        const versions: PersistentMap<number>[] = [emptyMap()];
        const models: Map<string, number>[] = [new Map()];
        for (const [k, v] of sets) {
          versions.push(mapSet(versions[versions.length - 1] as PersistentMap<number>, k, v));
          models.push(new Map(models[models.length - 1]).set(k, v));
        }
        versions.forEach((version, i) => {
          const model = models[i] as Map<string, number>;
          expect(version.size).toBe(model.size);
          expect(new Map(mapEntries(version))).toEqual(model);
          for (const [k] of sets) expect(mapGet(version, k)).toBe(model.get(k));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('keeps keys whose whole 32-bit hashes agree apart, in any order and with later replacements', () => {
    // 'o-7pwu' and 'o-e5fa' have the same FNV-1a hash; 'o-1' and 'o-2' share the trie with them.
    const keys = ['o-7pwu', 'o-e5fa', 'o-1', 'o-2'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.integer()), { maxLength: 40 }), (sets) => {
        let map = emptyMap<number>();
        const model = new Map<string, number>();
        for (const [k, v] of sets) {
          map = mapSet(map, k, v);
          model.set(k, v);
          expect(map.size).toBe(model.size);
          for (const key of keys) expect(mapGet(map, key)).toBe(model.get(key));
        }
        expect(new Map(mapEntries(map))).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });

  it('answers like a Map for many keys of order-id shape, spread over every level of the trie', () => {
    const sets = Array.from({ length: 20_000 }, (_, i) => [`order-${(i * 7919) % 5_000}`, i] as const);
    let map = emptyMap<number>();
    const model = new Map<string, number>();
    for (const [k, v] of sets) {
      map = mapSet(map, k, v);
      model.set(k, v);
    }
    expect(map.size).toBe(model.size);
    expect(new Map(mapEntries(map))).toEqual(model);
    for (const [k, v] of model) expect(mapGet(map, k)).toBe(v);
    expect(mapGet(map, 'order-5000')).toBeUndefined();
  });
});

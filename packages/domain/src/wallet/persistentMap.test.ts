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
});

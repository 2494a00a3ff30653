import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { tokenDictionary } from './tokenDictionary';

const collect = (dict: ReturnType<typeof tokenDictionary>, prefix: string): number[] => {
  const out = new Set<number>();
  dict.forPrefix(prefix, (postings) => postings.forEach((s) => out.add(s)));
  return [...out].sort((a, b) => a - b);
};

describe('token dictionary', () => {
  it('finds every slot whose key starts with the prefix, and no other, across merges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[abc]{1,4}$/), fc.nat(50), fc.boolean()), { maxLength: 300 }),
        fc.stringMatching(/^[abc]{0,3}$/),
        (ops, prefix) => {
          const dict = tokenDictionary();
          const model = new Map<string, Set<number>>();
          for (const [key, slot, add] of ops) {
            const held = model.get(key) ?? new Set<number>();
            if (add && !held.has(slot)) {
              dict.add(key, slot);
              held.add(slot);
            } else if (!add) {
              dict.remove(key, slot);
              held.delete(slot);
            }
            model.set(key, held);
            // Querying between writes exercises the side array and its merges.
            if (slot % 7 === 0) collect(dict, prefix);
          }
          const expected = new Set<number>();
          for (const [key, slots] of model) if (key.startsWith(prefix)) slots.forEach((s) => expected.add(s));
          expect(collect(dict, prefix)).toEqual([...expected].sort((a, b) => a - b));
        },
      ),
    );
  });

  it('counts the postings under a prefix, and stops counting once the bound is reached', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[abc]{1,4}$/), fc.nat(50)), { maxLength: 200 }),
        fc.stringMatching(/^[abc]{0,3}$/),
        fc.nat(60),
        fc.nat(5),
        (pairs, prefix, bound, from) => {
          const dict = tokenDictionary();
          const model = new Map<string, Set<number>>();
          for (const [key, slot] of pairs) {
            const held = model.get(key) ?? new Set<number>();
            if (!held.has(slot)) dict.add(key, slot);
            model.set(key, held.add(slot));
          }
          let total = from;
          for (const [key, slots] of model) if (key.startsWith(prefix)) total += slots.size;
          expect(dict.countPrefix(prefix, from, Infinity)).toBe(total);
          const counted = dict.countPrefix(prefix, from, bound);
          // Below the bound the count is exact; at or past it, it only says "at least the bound".
          if (counted < bound) expect(counted).toBe(total);
          else expect(total).toBeGreaterThanOrEqual(bound);
          expect(counted).toBeLessThanOrEqual(total);
        },
      ),
    );
  });

  it('visits every list in ascending slot order, also after slots were added below the last one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[ab]{1,2}$/), fc.nat(40), fc.boolean()), { maxLength: 200 }),
        (ops) => {
          const dict = tokenDictionary();
          const held = new Map<string, Set<number>>();
          for (const [key, slot, add] of ops) {
            const slots = held.get(key) ?? new Set<number>();
            if (add && !slots.has(slot)) {
              dict.add(key, slot);
              slots.add(slot);
            } else if (!add) {
              dict.remove(key, slot);
              slots.delete(slot);
            }
            held.set(key, slots);
            if (slot % 5 === 0)
              dict.forPrefix('', (postings) => {
                expect([...postings]).toEqual([...postings].sort((a, b) => a - b));
              });
          }
          dict.forPrefix('', (postings) => {
            expect([...postings]).toEqual([...postings].sort((a, b) => a - b));
          });
          for (const [key, slots] of held) expect([key, dict.has(key)]).toEqual([key, slots.size > 0]);
        },
      ),
    );
  });

  it('keeps answering after more keys than the side array holds', () => {
    const dict = tokenDictionary();
    for (let i = 0; i < 10_000; i++) dict.add(`k${String(i).padStart(5, '0')}`, i);
    expect(collect(dict, 'k0999')).toHaveLength(10);
    dict.add('k09990x', 77_777);
    expect(collect(dict, 'k0999')).toHaveLength(11);
  });
});

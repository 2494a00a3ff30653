import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { appended, joined } from './exactLists';

describe('exact lists', () => {
  it('append and join as spreads do, into new lists, leaving their inputs as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.anything()), fc.array(fc.anything()), fc.anything(), (a, b, item) => {
        const [aBefore, bBefore] = [[...a], [...b]];
        const one = appended(a, item);
        const both = joined(a, b);
        expect(one).toEqual([...a, item]);
        expect(both).toEqual([...a, ...b]);
        expect([one.length, both.length]).toEqual([a.length + 1, a.length + b.length]);
        expect(one).not.toBe(a);
        expect(both).not.toBe(a);
        expect([a, b]).toEqual([aBefore, bBefore]);
      }),
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { streamSelection } from './streamSelection';

/** The bits of the filters with a prefix the name starts with, tested one by one. */
const naive = (filters: readonly (readonly string[])[], name: string): number =>
  filters.reduce(
    (bits, prefixes, i) => (prefixes.some((p) => name.startsWith(p)) ? bits | (1 << i) : bits),
    0,
  );

describe('streamSelection', () => {
  it('selects a stream for exactly the filters with a prefix it starts with', () => {
    const selected = streamSelection([
      ['customer-'],
      ['customer-', 'unique-'],
      ['order-'],
      ['wallet-', 'order-'],
    ]);
    expect(selected('customer-shop1.c1')).toBe(0b0011);
    expect(selected('customerorders-shop1.c1')).toBe(0);
    expect(selected('unique-phone-shop1.k')).toBe(0b0010);
    expect(selected('order-shop1.o1')).toBe(0b1100);
    expect(selected('merge-shop1.m1')).toBe(0);
    expect(selected('')).toBe(0);
  });

  it('agrees with testing every prefix of every filter, whatever the prefixes and names', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '-', 'é', '字', '\u{1F600}'), maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.array(text),
        (filters, names) => {
          const selected = streamSelection(filters);
          for (const name of names) expect(selected(name)).toBe(naive(filters, name));
        },
      ),
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { tenantOwners } from './tenantOwners';

const nameBytes = (name: string) => {
  const bytes = Buffer.from(`{"stream":"${name}"}`);
  return { bytes, start: 11, end: bytes.length - 2 };
};

describe('dealing tenants to shards', () => {
  it('deals tenants in turn as they first appear, by name or by its bytes alike', () => {
    const tenant = fc.constantFrom(
      'shop1',
      'shop2',
      'shoq1',
      'shop10',
      'shop',
      'sklep-ż',
      'ż',
      '',
      'shop1-x',
      'a'.repeat(80),
    );
    const name = fc
      .tuple(
        fc.constantFrom('order', 'wallet', 'unique-phone', 'merge'),
        tenant,
        fc.constantFrom('.o-1', '.ą', '', '.'),
      )
      .map(([category, t, id]) => `${category}-${t}${id}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.boolean())), fc.integer({ min: 1, max: 4 }), (names, count) => {
        const mixed = tenantOwners(count);
        const byName = tenantOwners(count);
        for (const [n, asBytes] of names) {
          const { bytes, start, end } = nameBytes(n);
          const owner = asBytes ? mixed.ofNameBytes(bytes, start, end) : mixed.ofStream(n);
          expect(owner).toBe(byName.ofStream(n));
        }
      }),
    );
  });

  it('tells apart tenants whose names differ only past the last one it met', () => {
    const owners = tenantOwners(2);
    const of = (name: string) => {
      const { bytes, start, end } = nameBytes(name);
      return owners.ofNameBytes(bytes, start, end);
    };
    expect([
      of('order-shop1.o-1'),
      of('order-shop10.o-1'),
      of('wallet-shop1.w'),
      of('order-shop2.o'),
    ]).toEqual([0, 1, 0, 0]);
    // A name without a dot carries no tenant: all such streams are one key.
    expect([of('uninterpreted'), of('other-name')]).toEqual([1, 1]);
  });
});

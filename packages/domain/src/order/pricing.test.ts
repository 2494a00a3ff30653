import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CatalogItem } from './catalog';
import type { DiscountRule } from './discountRule';
import { discountFor, priceLine, totalsOf } from './pricing';
import { regulars } from './testKit';

const item = (price: number, extra: Partial<CatalogItem> = {}): CatalogItem => ({
  productId: 'p',
  name: 'P',
  kind: 'product',
  category: 'drinks',
  price,
  customerOrderable: true,
  ...extra,
});
const rule = (
  id: string,
  target: DiscountRule['target'],
  amount: DiscountRule['amount'],
  source: DiscountRule['source'] = 'group',
): DiscountRule => ({
  ruleId: id,
  source,
  label: id,
  target,
  amount,
});

describe('pricing', () => {
  it('rounds a percent discount half-up to a whole minor unit, once per line', () => {
    expect(discountFor({ kind: 'percent', basisPoints: 500 }, 250, 1)).toBe(13); // 12.5
    expect(discountFor({ kind: 'percent', basisPoints: 500 }, 249, 1)).toBe(12); // 12.45
    expect(discountFor({ kind: 'percent', basisPoints: 500 }, 10, 1)).toBe(1); // 0.5
    expect(discountFor({ kind: 'percent', basisPoints: 500 }, 9, 1)).toBe(0); // 0.45
    // Per line, not per unit: 3 × 250 at 5 % is 37.5 → 38, not 3 × 13.
    expect(discountFor({ kind: 'percent', basisPoints: 500 }, 750, 3)).toBe(38);
  });

  it('takes a fixed discount per unit and never below zero', () => {
    expect(discountFor({ kind: 'fixed', amount: 50 }, 500, 2)).toBe(100);
    expect(discountFor({ kind: 'fixed', amount: 300 }, 250, 1)).toBe(250);
  });

  it('records list price, discount, the rule that gave it and the net price', () => {
    const line = priceLine('1', item(250), 1, 'money', [regulars]);
    expect(line).toMatchObject({
      unitPrice: 250,
      listPrice: 250,
      discount: 13,
      rule: regulars,
      netPrice: 237,
    });
  });

  it('gives each line the single best rule, never a sum', () => {
    const cola = rule(
      'cola-50',
      { kind: 'product', productId: 'p' },
      { kind: 'fixed', amount: 50 },
      'personal',
    );
    const drinks = rule(
      'drinks-10',
      { kind: 'category', category: 'drinks' },
      { kind: 'percent', basisPoints: 1000 },
    );
    const line = priceLine('1', item(250), 1, 'money', [regulars, drinks, cola]);
    expect(line).toMatchObject({ discount: 50, netPrice: 200, rule: cola });
  });

  it('breaks a tie by the more specific target, then personal over group', () => {
    const everything = rule('a-all', { kind: 'everything' }, { kind: 'fixed', amount: 10 }, 'personal');
    const category = rule('b-cat', { kind: 'category', category: 'drinks' }, { kind: 'fixed', amount: 10 });
    expect(priceLine('1', item(100), 1, 'money', [everything, category])).toMatchObject({
      rule: category,
    });
    const group = rule('a-group', { kind: 'everything' }, { kind: 'fixed', amount: 10 });
    expect(priceLine('1', item(100), 1, 'money', [group, everything])).toMatchObject({
      rule: everything,
    });
  });

  it('ignores discountRules for other products and categories', () => {
    const other = rule(
      'snacks',
      { kind: 'category', category: 'snacks' },
      { kind: 'percent', basisPoints: 5000 },
    );
    const line = priceLine('1', item(100), 1, 'money', [other]);
    expect(line).toMatchObject({ discount: 0, netPrice: 100 });
    expect('rule' in line).toBe(false);
  });

  it('never discounts a line paid with points', () => {
    const line = priceLine('1', item(250, { pointsPrice: 25 }), 2, 'points', [regulars]);
    expect(line).toEqual(expect.objectContaining({ payWith: 'points', unitPoints: 25, points: 50 }));
    expect(totalsOf([line])).toEqual({ listPrice: 0, discount: 0, money: 0, points: 50 });
  });

  it('lets an audit recompute every recorded line from its list price and rule', () => {
    const amount = fc.oneof(
      fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 1, max: 10_000 }) }),
      fc.record({ kind: fc.constant('fixed' as const), amount: fc.integer({ min: 1, max: 100_000 }) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(amount, { maxLength: 4 }),
        (price, quantity, amounts) => {
          const rules = amounts.map((a, i) => rule(`m${i}`, { kind: 'everything' }, a));
          const line = priceLine('1', item(price), quantity, 'money', rules);
          if (line.payWith !== 'money') return false;
          const recomputed =
            line.rule === undefined ? 0 : discountFor(line.rule.amount, line.listPrice, quantity);
          const best = Math.max(0, ...rules.map((m) => discountFor(m.amount, price * quantity, quantity)));
          return (
            line.listPrice === price * quantity &&
            line.discount === recomputed &&
            line.discount === best &&
            Number.isSafeInteger(line.netPrice) &&
            line.netPrice === line.listPrice - line.discount &&
            line.netPrice >= 0
          );
        },
      ),
    );
  });
});

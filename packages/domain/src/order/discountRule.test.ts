import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { isDecodedAsIs } from '../kernel/codecs';
import { discountRuleCodec, type DiscountRule } from './discountRule';
import { orderEvents, type OrderPlaced } from './orderEvents';
import { orderLineCodec } from './orderLine';
import { regulars } from './testKit';

// Rules around the edges of each field, some broken, beside arbitrary values.
const rules = fc.oneof(
  fc.anything(),
  fc.record(
    {
      ruleId: fc.oneof(fc.constant('group:regulars'), fc.constant(''), fc.integer()),
      source: fc.constantFrom('group', 'personal', 'shop'),
      label: fc.oneof(fc.constant('regulars −5%'), fc.constant('')),
      target: fc.oneof(
        fc.constant({ kind: 'everything' }),
        fc.record({ kind: fc.constantFrom('product', 'category'), productId: fc.string() }),
        fc.record({ kind: fc.constant('category'), category: fc.string() }),
      ),
      amount: fc.oneof(
        fc.record({
          kind: fc.constantFrom('percent', 'fixed'),
          basisPoints: fc.oneof(
            fc.constantFrom(-1, 0, 1, 500, 10_000, 10_001, 1.5, '500', Number.NaN),
            fc.integer(),
          ),
        }),
        fc.record({ kind: fc.constant('fixed'), amount: fc.oneof(fc.integer(), fc.double()) }),
      ),
    },
    { requiredKeys: [] },
  ),
);

describe('discount rule codec', () => {
  it('is checked with `is`: it accepts exactly what decode accepts, and decode gives the rule back', () => {
    expect(isDecodedAsIs(discountRuleCodec)).toBe(true);
    expect(isDecodedAsIs(orderLineCodec)).toBe(true);
    let accepted = 0;
    fc.assert(
      fc.property(rules, (u) => {
        const decoded = discountRuleCodec.decode(u);
        expect(discountRuleCodec.is(u)).toBe(E.isRight(decoded));
        if (E.isRight(decoded)) {
          accepted++;
          expect(decoded.right).toBe(u);
        }
      }),
      { numRuns: 2000 },
    );
    // The property is not passing by refusing everything.
    expect(accepted).toBeGreaterThan(0);
    expect(discountRuleCodec.is(regulars)).toBe(true);
    expect(discountRuleCodec.is({ ...regulars, amount: { kind: 'percent', basisPoints: 10_001 } })).toBe(
      false,
    );
  });

  it('lets a placed order with its rules decode as itself, without the allocating decode', () => {
    const rule: DiscountRule = regulars;
    const placed: OrderPlaced = {
      type: 'OrderPlaced',
      data: {
        orderId: 'o1',
        customerId: 'alice',
        currency: 'EUR',
        paymentMethod: 'deposit',
        lines: [
          {
            lineId: 'l1',
            productId: 'cola',
            name: 'Cola',
            kind: 'product',
            category: 'drinks',
            quantity: 2,
            payWith: 'money',
            unitPrice: 500,
            listPrice: 1000,
            discount: 50,
            netPrice: 950,
            rule,
          },
        ],
        discountRules: [rule],
        totals: { listPrice: 1000, discount: 50, money: 950, points: 0 },
        rounding: 'half-up',
      },
    };
    const encoded = orderEvents.encode(placed);
    expect(E.isRight(encoded) && encoded.right.decodesAsIs).toBe(true);
    const decoded = orderEvents.decode('OrderPlaced', placed.data, 1);
    expect(E.isRight(decoded) && decoded.right.data).toBe(placed.data);
  });
});

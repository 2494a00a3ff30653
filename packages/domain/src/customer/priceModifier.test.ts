import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { checkPriceModifiers } from './priceModifier';

const code = (input: unknown) => {
  const checked = checkPriceModifiers(input);
  return E.isLeft(checked) ? checked.left.code : 'ok';
};
const everything = { kind: 'everything' };

describe('price modifiers as given', () => {
  it('accept whole basis points up to 100% and positive minor units with a currency', () => {
    expect(code([{ target: everything, adjustment: { kind: 'percent', basisPoints: 10_000 } }])).toBe('ok');
    expect(
      code([
        {
          target: { kind: 'product', productId: 'p' },
          adjustment: { kind: 'fixed', amount: 1, currency: 'EUR' },
        },
      ]),
    ).toBe('ok');
  });

  it('refuse fractions, zero, more than 100%, and a bad currency', () => {
    for (const adjustment of [
      { kind: 'percent', basisPoints: 2.5 },
      { kind: 'percent', basisPoints: 0 },
      { kind: 'percent', basisPoints: 10_001 },
      { kind: 'fixed', amount: 100, currency: 'zł' },
    ])
      expect(code([{ target: everything, adjustment }])).toBe('price_modifier.invalid');
  });

  it('refuse two modifiers on the same target', () => {
    const rule = {
      target: { kind: 'category', categoryId: 'c' },
      adjustment: { kind: 'percent', basisPoints: 1 },
    };
    expect(code([rule, rule])).toBe('price_modifier.duplicate_target');
  });
});

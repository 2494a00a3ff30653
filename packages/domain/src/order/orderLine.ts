import * as t from 'io-ts';
import { nonEmptyString, nonNegativeInteger, positiveInteger, withOptional } from '../kernel/codecs';
import type { BundleComponent, ProductKind } from './catalog';
import { discountRuleCodec, type DiscountRule } from './discountRule';

/** How a customer means to pay a line: with money, or with points where the product allows it. */
export type PayWith = 'money' | 'points';

/** What a line is, as the catalogue described it when the order was placed. */
interface LineBase {
  readonly lineId: string;
  readonly productId: string;
  readonly name: string;
  readonly kind: ProductKind;
  readonly category: string;
  readonly quantity: number;
  readonly components?: readonly BundleComponent[];
}

/**
 * A line paid with money: `listPrice` = `unitPrice` × `quantity`; `discount` is what `rule`
 * took off (see pricing.ts for the rounding rule); `netPrice` = `listPrice` − `discount`.
 */
export interface MoneyLine extends LineBase {
  readonly payWith: 'money';
  readonly unitPrice: number;
  readonly listPrice: number;
  readonly discount: number;
  readonly rule?: DiscountRule;
  readonly netPrice: number;
}

/** A line paid with points: `points` = `unitPoints` × `quantity`; discountRules never apply to points. */
export interface PointsLine extends LineBase {
  readonly payWith: 'points';
  readonly unitPoints: number;
  readonly points: number;
}

/** One priced line of an order. */
export type OrderLine = MoneyLine | PointsLine;

const base = {
  lineId: nonEmptyString,
  productId: nonEmptyString,
  name: nonEmptyString,
  kind: t.keyof({ product: null, time_package: null, composite: null }),
  category: nonEmptyString,
  quantity: positiveInteger,
};
const components = t.readonlyArray(t.type({ productId: nonEmptyString, quantity: positiveInteger }));

/** Codec of a priced line. */
export const orderLineCodec: t.Type<OrderLine, OrderLine, unknown> = t.union([
  withOptional(
    {
      ...base,
      payWith: t.literal('money'),
      unitPrice: nonNegativeInteger,
      listPrice: nonNegativeInteger,
      discount: nonNegativeInteger,
      netPrice: nonNegativeInteger,
    },
    { components, rule: discountRuleCodec },
  ),
  withOptional(
    { ...base, payWith: t.literal('points'), unitPoints: positiveInteger, points: positiveInteger },
    { components },
  ),
]);

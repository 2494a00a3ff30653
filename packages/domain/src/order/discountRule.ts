import * as t from 'io-ts';
import { markDecodedAsIs, nonEmptyString, positiveInteger } from '../kernel/codecs';

/** What a rule applies to: one product, one category, or the whole bill. */
export type DiscountTarget =
  | { readonly kind: 'product'; readonly productId: string }
  | { readonly kind: 'category'; readonly category: string }
  | { readonly kind: 'everything' };

/** How much a rule takes off: a percentage in basis points (500 = 5 %), or minor units per unit sold. */
export type DiscountAmount =
  | { readonly kind: 'percent'; readonly basisPoints: number }
  | { readonly kind: 'fixed'; readonly amount: number };

/** A discount a customer is entitled to, from a group it belongs to or set on the customer itself. */
export interface DiscountRule {
  readonly ruleId: string;
  readonly source: 'group' | 'personal';
  /** What a person reads on the bill, e.g. "regulars −5%". */
  readonly label: string;
  readonly target: DiscountTarget;
  readonly amount: DiscountAmount;
}

// Its check only accepts or refuses, so order events holding rules are checked with `is` (no
// allocating decode of every line on every read).
const basisPoints = markDecodedAsIs(
  new t.Type<number, number, unknown>(
    'BasisPoints',
    (u): u is number => positiveInteger.is(u) && u <= 10_000,
    (u, c) => (positiveInteger.is(u) && u <= 10_000 ? t.success(u) : t.failure(u, c)),
    t.identity,
  ),
);

/** Codec of a discount rule as the order events record it. */
export const discountRuleCodec: t.Type<DiscountRule, DiscountRule, unknown> = t.type({
  ruleId: nonEmptyString,
  source: t.keyof({ group: null, personal: null }),
  label: nonEmptyString,
  target: t.union([
    t.type({ kind: t.literal('product'), productId: nonEmptyString }),
    t.type({ kind: t.literal('category'), category: nonEmptyString }),
    t.type({ kind: t.literal('everything') }),
  ]),
  amount: t.union([
    t.type({ kind: t.literal('percent'), basisPoints }),
    t.type({ kind: t.literal('fixed'), amount: positiveInteger }),
  ]),
});

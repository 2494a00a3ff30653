import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { nonEmptyString, positiveInteger } from '../kernel/codecs';
import { ValidationError } from '../kernel/errors';

/** What a modifier applies to: one product, a category, or the whole bill. */
export type ModifierTarget =
  | { readonly kind: 'everything' }
  | { readonly kind: 'product'; readonly productId: string }
  | { readonly kind: 'category'; readonly categoryId: string };

/** How much it takes off: a percentage in basis points (500 = 5%) or a fixed amount in minor units. */
export type Adjustment =
  | { readonly kind: 'percent'; readonly basisPoints: number }
  | { readonly kind: 'fixed'; readonly amount: number; readonly currency: string };

/** A discount rule: the same shape for a customer's personal modifiers and a group's discounts. */
export interface PriceModifier {
  readonly target: ModifierTarget;
  readonly adjustment: Adjustment;
}

const MAX_BASIS_POINTS = 10_000;
const CURRENCY = /^[A-Z]{3}$/;

const TargetCodec = t.union([
  t.type({ kind: t.literal('everything') }),
  t.type({ kind: t.literal('product'), productId: nonEmptyString }),
  t.type({ kind: t.literal('category'), categoryId: nonEmptyString }),
]);

const AdjustmentCodec = t.union([
  t.type({ kind: t.literal('percent'), basisPoints: positiveInteger }),
  t.type({ kind: t.literal('fixed'), amount: positiveInteger, currency: nonEmptyString }),
]);

/** io-ts codec for a stored price modifier. */
export const PriceModifierCodec: t.Type<PriceModifier, PriceModifier, unknown> = t.type({
  target: TargetCodec,
  adjustment: AdjustmentCodec,
});

const targetKey = (target: ModifierTarget): string =>
  target.kind === 'everything'
    ? 'everything'
    : target.kind === 'product'
      ? `product:${target.productId}`
      : `category:${target.categoryId}`;

const invalid = (field: string, value: unknown, message: string) =>
  E.left(new ValidationError('price_modifier.invalid', message, field, value));

/**
 * Checks a list of modifiers as given by a caller: whole basis points from 1 to 10000, positive
 * whole minor units with an ISO currency, and at most one modifier per target.
 */
export const checkPriceModifiers = (
  input: unknown,
  field = 'priceModifiers',
): E.Either<ValidationError, readonly PriceModifier[]> => {
  if (!Array.isArray(input)) return invalid(field, input, 'Price modifiers must be given as a list.');
  const seen = new Set<string>();
  const out: PriceModifier[] = [];
  for (const [i, item] of (input as unknown[]).entries()) {
    const at = `${field}.${i}`;
    const decoded = PriceModifierCodec.decode(item);
    if (E.isLeft(decoded))
      return invalid(
        at,
        item,
        'A price modifier needs a target (everything, a product or a category) and a percentage in basis points or a fixed amount in minor units.',
      );
    const modifier = decoded.right;
    const { adjustment } = modifier;
    if (adjustment.kind === 'percent' && adjustment.basisPoints > MAX_BASIS_POINTS)
      return invalid(
        at,
        item,
        `A discount cannot exceed 100% (${adjustment.basisPoints} basis points were given).`,
      );
    if (adjustment.kind === 'fixed' && !CURRENCY.test(adjustment.currency))
      return invalid(at, item, `"${adjustment.currency}" is not an ISO currency code such as PLN or EUR.`);
    const key = targetKey(modifier.target);
    if (seen.has(key))
      return E.left(
        new ValidationError(
          'price_modifier.duplicate_target',
          `Two modifiers apply to the same ${modifier.target.kind}; keep one.`,
          at,
          item,
        ),
      );
    seen.add(key);
    out.push(modifier);
  }
  return E.right(out);
};

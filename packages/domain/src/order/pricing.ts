import type { CatalogItem } from './catalog';
import type { MoneyLine, OrderLine, PayWith, PointsLine } from './orderLine';
import type { DiscountAmount, DiscountRule } from './discountRule';

/**
 * The one rounding rule: a percent discount is computed on the line's list price (unit price ×
 * quantity) and rounded half-up to a whole minor unit, once per line; a fixed discount is its
 * amount per unit × quantity. A discount never exceeds the list price. All integer arithmetic.
 */
export const ROUNDING_RULE = 'percent discounts round half-up to a minor unit, per line';

/** The discount one rule gives on a list price of `quantity` units. */
export const discountFor = (amount: DiscountAmount, listPrice: number, quantity: number): number => {
  const raw =
    amount.kind === 'percent'
      ? // BigInt keeps price × basis points exact however large the line.
        Number((BigInt(listPrice) * BigInt(amount.basisPoints) + 5_000n) / 10_000n)
      : amount.amount * quantity;
  return Math.min(raw, listPrice);
};

const specificity = (m: DiscountRule): number =>
  m.target.kind === 'product' ? 3 : m.target.kind === 'category' ? 2 : 1;

/** Whether a rule covers a catalogue item. */
export const ruleAppliesTo = (rule: DiscountRule, item: CatalogItem): boolean =>
  rule.target.kind === 'everything' ||
  (rule.target.kind === 'product' && rule.target.productId === item.productId) ||
  (rule.target.kind === 'category' && rule.target.category === item.category);

interface Candidate {
  readonly rule: DiscountRule;
  readonly discount: number;
}

// Rules do not stack: the line gets the single best one. Ties go to the more specific target,
// then to a personal rule over a group one, then to the smaller id, so the choice is repeatable.
const better = (a: Candidate, b: Candidate): Candidate => {
  if (a.discount !== b.discount) return a.discount > b.discount ? a : b;
  if (specificity(a.rule) !== specificity(b.rule)) return specificity(a.rule) > specificity(b.rule) ? a : b;
  if (a.rule.source !== b.rule.source) return a.rule.source === 'personal' ? a : b;
  return a.rule.ruleId <= b.rule.ruleId ? a : b;
};

/** The best rule for a line and the discount it gives, or undefined when none applies. */
export const bestRule = (
  discountRules: readonly DiscountRule[],
  item: CatalogItem,
  quantity: number,
): Candidate | undefined =>
  discountRules
    .filter((m) => ruleAppliesTo(m, item))
    .map((rule) => ({
      rule,
      discount: discountFor(rule.amount, item.price * quantity, quantity),
    }))
    .filter((c) => c.discount > 0)
    .reduce<Candidate | undefined>((best, c) => (best === undefined ? c : better(best, c)), undefined);

/** Prices one line from the catalogue item and the customer's discountRules. */
export const priceLine = (
  lineId: string,
  item: CatalogItem,
  quantity: number,
  payWith: PayWith,
  discountRules: readonly DiscountRule[],
): OrderLine => {
  const base = {
    lineId,
    productId: item.productId,
    name: item.name,
    kind: item.kind,
    category: item.category,
    quantity,
    ...(item.components === undefined ? {} : { components: item.components }),
  };
  if (payWith === 'points' && item.pointsPrice !== undefined) {
    const line: PointsLine = {
      ...base,
      payWith: 'points',
      unitPoints: item.pointsPrice,
      points: item.pointsPrice * quantity,
    };
    return line;
  }
  const listPrice = item.price * quantity;
  const best = bestRule(discountRules, item, quantity);
  const line: MoneyLine = {
    ...base,
    payWith: 'money',
    unitPrice: item.price,
    listPrice,
    discount: best?.discount ?? 0,
    ...(best === undefined ? {} : { rule: best.rule }),
    netPrice: listPrice - (best?.discount ?? 0),
  };
  return line;
};

/** What an order's lines add up to. */
export interface OrderTotals {
  readonly listPrice: number;
  readonly discount: number;
  /** Money due: the sum of the money lines' net prices. */
  readonly money: number;
  /** Points due: the sum of the points lines. */
  readonly points: number;
}

/** Adds up an order's lines. */
export const totalsOf = (lines: readonly OrderLine[]): OrderTotals =>
  lines.reduce<OrderTotals>(
    (sum, line) =>
      line.payWith === 'money'
        ? {
            ...sum,
            listPrice: sum.listPrice + line.listPrice,
            discount: sum.discount + line.discount,
            money: sum.money + line.netPrice,
          }
        : { ...sum, points: sum.points + line.points },
    { listPrice: 0, discount: 0, money: 0, points: 0 },
  );

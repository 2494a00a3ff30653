import type { ApplicableModifier } from '../customer/applicableModifiers';
import { formatMoney } from '../wallet/walletChecks';
import type { DiscountRule, DiscountTarget } from './discountRule';

const targetOf = (m: ApplicableModifier): DiscountTarget =>
  m.target.kind === 'category' ? { kind: 'category', category: m.target.categoryId } : m.target;

const targetKey = (t: DiscountTarget): string =>
  t.kind === 'everything'
    ? 'everything'
    : t.kind === 'product'
      ? `product:${t.productId}`
      : `category:${t.category}`;

/**
 * Turns the customer context's applicable modifiers into the discount rules an order records:
 * a stable id and a label a person reads on the bill (e.g. "regulars −5%"). A fixed modifier in
 * another currency than the order's cannot apply and is left out.
 */
export const discountRulesOf = (
  modifiers: readonly ApplicableModifier[],
  currency: string,
  minorUnitsPerUnit: number,
): readonly DiscountRule[] =>
  modifiers.flatMap((m): DiscountRule[] => {
    const a = m.adjustment;
    if (a.kind === 'fixed' && a.currency !== currency) return [];
    const target = targetOf(m);
    const off =
      a.kind === 'percent' ? `${a.basisPoints / 100}%` : formatMoney(a.amount, currency, minorUnitsPerUnit);
    const on =
      target.kind === 'everything'
        ? ''
        : ` on ${target.kind === 'product' ? target.productId : target.category}`;
    const personal = m.source.kind === 'customer';
    return [
      {
        ruleId: personal ? `personal:${targetKey(target)}` : `group:${m.source.groupId}:${targetKey(target)}`,
        source: personal ? 'personal' : 'group',
        label: `${m.source.kind === 'group' ? m.source.groupName : 'personal'} −${off}${on}`,
        target,
        amount:
          a.kind === 'percent'
            ? { kind: 'percent', basisPoints: a.basisPoints }
            : { kind: 'fixed', amount: a.amount },
      },
    ];
  });

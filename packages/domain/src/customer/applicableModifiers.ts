import type { CustomerState } from './customerState';
import type { CustomerGroupState } from './groupDecider';
import type { PriceModifier } from './priceModifier';

/** Where an applicable modifier comes from. */
export type ModifierSource =
  | { readonly kind: 'customer'; readonly customerId: string }
  | { readonly kind: 'group'; readonly groupId: string; readonly groupName: string };

/** A price modifier that applies to a customer's orders, with its source (recorded on the priced order). */
export interface ApplicableModifier extends PriceModifier {
  readonly source: ModifierSource;
}

/**
 * The modifiers that apply to a customer: its personal ones first, then its group's, each with its
 * source. Nothing applies to a customer that is not active, and an archived group or a group the
 * customer is not in contributes nothing. How modifiers combine is the pricing code's decision.
 */
export const applicableModifiers = (
  customer: CustomerState,
  group?: CustomerGroupState,
): readonly ApplicableModifier[] => {
  if (!customer.exists || customer.status.kind !== 'active') return [];
  const personal = customer.priceModifiers.map((m): ApplicableModifier => ({
    ...m,
    source: { kind: 'customer', customerId: customer.customerId },
  }));
  const inGroup =
    group !== undefined && group.exists && !group.archived && customer.profile.groupId === group.groupId;
  const fromGroup = inGroup
    ? group.discounts.map((m): ApplicableModifier => ({
        ...m,
        source: { kind: 'group', groupId: group.groupId, groupName: group.name },
      }))
    : [];
  return [...personal, ...fromGroup];
};

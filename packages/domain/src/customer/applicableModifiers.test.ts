import { describe, expect, it } from '@jest/globals';
import { applicableModifiers } from './applicableModifiers';
import { defaultPreferences } from './customerProfile';
import type { CustomerState } from './customerState';
import type { CustomerGroupState } from './groupDecider';
import type { PriceModifier } from './priceModifier';

const personal: PriceModifier = {
  target: { kind: 'product', productId: 'espresso' },
  adjustment: { kind: 'fixed', amount: 200, currency: 'PLN' },
};
const groupRule: PriceModifier = {
  target: { kind: 'everything' },
  adjustment: { kind: 'percent', basisPoints: 500 },
};
const customer = (groupId?: string): CustomerState => ({
  exists: true,
  customerId: 'c1',
  status: { kind: 'active' },
  profile: { preferences: defaultPreferences, ...(groupId === undefined ? {} : { groupId }) },
  priceModifiers: [personal],
});
const group = (archived = false): CustomerGroupState => ({
  exists: true,
  groupId: 'regulars',
  name: 'Regulars',
  discounts: [groupRule],
  archived,
});

describe('the modifiers that apply to a customer', () => {
  it('are its own, then its group’s, each naming its source', () => {
    expect(applicableModifiers(customer('regulars'), group())).toEqual([
      { ...personal, source: { kind: 'customer', customerId: 'c1' } },
      { ...groupRule, source: { kind: 'group', groupId: 'regulars', groupName: 'Regulars' } },
    ]);
  });

  it('leave out an archived group and a group the customer is not in', () => {
    expect(applicableModifiers(customer('regulars'), group(true))).toHaveLength(1);
    expect(applicableModifiers(customer(), group())).toHaveLength(1);
  });

  it('are none for a merged-away customer', () => {
    const merged = { ...customer('regulars'), status: { kind: 'merged', survivorId: 'c2' } } as CustomerState;
    expect(applicableModifiers(merged, group())).toEqual([]);
  });
});

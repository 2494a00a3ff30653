import { describe, it } from '@jest/globals';
import type { Role } from '../kernel/envelope';
import { deciderSpecification } from '../testing/deciderSpecification';
import type { CardNumber } from '../values/cardNumber';
import type { ForgetCustomer } from './customerCommands';
import { customerDecider } from './customerDecider';
import type { CustomerEvent } from './customerEvents';
import { defaultPreferences } from './customerProfile';
import { defaultCustomerPolicy } from './customerPolicy';

const spec = deciderSpecification(customerDecider(defaultCustomerPolicy));
const forget = (role: Role = 'manager'): ForgetCustomer => ({
  type: 'ForgetCustomer',
  data: { requestReference: 'GDPR-1' },
  metadata: {
    commandId: 'f1',
    tenantId: 'shop1',
    actor: { role, id: `${role}-1` },
    now: new Date('2026-03-01T10:00:00Z'),
  },
});
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { customerId: 'c1', profile: { card: 'C1' as CardNumber, preferences: defaultPreferences } },
};
const forgotten: CustomerEvent = {
  type: 'CustomerForgotten',
  data: {
    requestReference: 'GDPR-1',
    forgottenBy: { role: 'manager', id: 'manager-1' },
    forgottenAt: '2026-03-01T10:00:00.000Z',
  },
};

describe('forgetting a customer (the decision)', () => {
  it('records who asked, when, and the request reference', () => {
    spec.given([registered]).when(forget()).then([forgotten]);
  });

  it('forgets a merged-away customer too: its old events still hold its data', () => {
    spec
      .given([registered, { type: 'CustomerMergedInto', data: { survivorId: 'c2' } }])
      .when(forget())
      .then([forgotten]);
  });

  it('writes nothing for a customer already forgotten', () => {
    spec.given([registered, forgotten]).when(forget()).then([]);
  });

  it('is refused to everyone but a manager', () => {
    for (const role of ['operator', 'system', 'customer'] as const)
      spec.given([registered]).when(forget(role)).thenFails('customer.actor_not_allowed');
  });

  it('refuses a customer that does not exist', () => {
    spec.given([]).when(forget()).thenFails('customer.not_found');
  });
});

import { describe, it } from '@jest/globals';
import type { Role } from '../kernel/envelope';
import { deciderSpecification } from '../testing/deciderSpecification';
import { defaultCustomerPolicy } from './customerPolicy';
import { customerGroupDecider, type CustomerGroupCommand } from './groupDecider';
import type { CustomerGroupEvent } from './groupEvents';
import type { PriceModifier } from './priceModifier';

const spec = deciderSpecification(customerGroupDecider(defaultCustomerPolicy));
const command = <C extends CustomerGroupCommand>(type: C['type'], data: C['data'], role: Role = 'manager') =>
  ({
    type,
    data,
    metadata: {
      commandId: 'g-1',
      tenantId: 'shop1',
      actor: { role, id: 'm-1' },
      now: new Date('2026-03-01T10:00:00Z'),
    },
  }) as C;
const fivePercent: PriceModifier = {
  target: { kind: 'everything' },
  adjustment: { kind: 'percent', basisPoints: 500 },
};
const created: CustomerGroupEvent = {
  type: 'CustomerGroupCreated',
  data: { groupId: 'regulars', name: 'Regulars', discounts: [fivePercent] },
};

describe('a customer group', () => {
  it('is created with a tidy name and its discounts', () => {
    spec
      .given([])
      .when(command('CreateGroup', { groupId: 'regulars', name: '  Regulars ', discounts: [fivePercent] }))
      .then([created]);
  });

  it('is not created twice', () => {
    spec
      .given([created])
      .when(command('CreateGroup', { groupId: 'regulars', name: 'Regulars', discounts: [] }))
      .thenFails('group.already_exists');
  });

  it('needs a name', () => {
    spec
      .given([])
      .when(command('CreateGroup', { groupId: 'g', name: '   ', discounts: [] }))
      .thenFails('group.name_empty');
    spec
      .given([created])
      .when(command('RenameGroup', { name: 'x'.repeat(101) }))
      .thenFails('group.name_too_long');
  });

  it('is renamed', () => {
    spec
      .given([created])
      .when(command('RenameGroup', { name: 'Stali klienci' }))
      .then([{ type: 'CustomerGroupRenamed', data: { name: 'Stali klienci' } }]);
  });

  it('gets new discount rules', () => {
    spec
      .given([created])
      .when(command('SetGroupDiscounts', { discounts: [] }))
      .then([{ type: 'CustomerGroupDiscountsSet', data: { discounts: [] } }]);
    spec
      .given([created])
      .when(command('SetGroupDiscounts', { discounts: [fivePercent] }))
      .then([]);
  });

  it('is archived, and then takes no more changes', () => {
    spec
      .given([created])
      .when(command('ArchiveGroup', {}))
      .then([{ type: 'CustomerGroupArchived', data: {} }]);
    spec
      .given([created, { type: 'CustomerGroupArchived', data: {} }])
      .when(command('RenameGroup', { name: 'Old' }))
      .thenFails('group.archived');
  });

  it('refuses commands to a group that does not exist', () => {
    spec.given([]).when(command('ArchiveGroup', {})).thenFails('group.not_found');
  });

  it('is managed by managers, not operators', () => {
    spec
      .given([])
      .when(command('CreateGroup', { groupId: 'g', name: 'G', discounts: [] }, 'operator'))
      .thenFails('customer.actor_not_allowed');
  });
});

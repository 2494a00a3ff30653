import { describe, expect, it } from '@jest/globals';
import type { Role } from '../kernel/envelope';
import { deciderSpecification } from '../testing/deciderSpecification';
import type { CardNumber } from '../values/cardNumber';
import type { Email } from '../values/email';
import type { PersonName } from '../values/personName';
import type { E164 } from '../values/phoneNumber';
import type { CustomerCommand } from './customerCommands';
import { customerDecider } from './customerDecider';
import type { CustomerEvent } from './customerEvents';
import { defaultPreferences, type CustomerProfile } from './customerProfile';
import { defaultCustomerPolicy, type CustomerPolicy } from './customerPolicy';

const phone = { e164: '+79161234567' as E164, raw: '8 916 123-45-67', country: 'RU' as const };
const otherPhone = { e164: '+79167654321' as E164, raw: '+7 916 765 43 21', country: 'RU' as const };
const card = 'CARD001' as CardNumber;
const base: CustomerProfile = { phone, preferences: defaultPreferences };

const spec = (policy: CustomerPolicy = defaultCustomerPolicy) =>
  deciderSpecification(customerDecider(policy));
const meta = (role: Role = 'operator', id = 'op-1') => ({
  commandId: 'cmd-1',
  tenantId: 'shop1',
  actor: { role, id },
  now: new Date('2026-03-01T10:00:00Z'),
});
const command = <C extends CustomerCommand>(type: C['type'], data: C['data'], role?: Role, id?: string) =>
  ({ type, data, metadata: meta(role, id) }) as C;
const register = (profile: CustomerProfile, role?: Role) =>
  command('RegisterCustomer', { customerId: 'c1', profile }, role);
const registered = (profile: CustomerProfile = base): CustomerEvent => ({
  type: 'CustomerRegistered',
  data: { customerId: 'c1', profile },
});

describe('registering a customer', () => {
  it('registers with a phone only, a card only, or both', () => {
    for (const profile of [base, { card, preferences: defaultPreferences }, { ...base, card }])
      spec()
        .given([])
        .when(register(profile))
        .then([registered(profile)]);
  });

  it('refuses a customer with neither phone nor card', () => {
    spec()
      .given([])
      .when(register({ preferences: defaultPreferences }))
      .thenFails('customer.identifier_required');
  });

  it('refuses once, listing every required field that is missing', () => {
    const policy = { ...defaultCustomerPolicy, requiredFields: ['firstName', 'lastName', 'gender'] as const };
    const error = spec(policy)
      .given([])
      .when(register({ ...base, firstName: 'Anna' as PersonName }))
      .thenFails('customer.required_fields_missing');
    expect(error.details['missing']).toEqual(['lastName', 'gender']);
    expect(error.message).toBe('This shop requires last name, gender: please fill in what is missing.');
  });

  it('refuses to register the same customer twice', () => {
    spec().given([registered()]).when(register(base)).thenFails('customer.already_registered');
  });

  it('refuses a customer actor', () => {
    spec().given([]).when(register(base, 'customer')).thenFails('customer.actor_not_allowed');
  });
});

describe('editing a customer', () => {
  it('sets and removes profile details', () => {
    const withEmail = { ...base, email: 'a@b.pl' as Email };
    spec()
      .given([registered(withEmail)])
      .when(command('UpdateProfile', { set: { firstName: 'Anna' as PersonName }, remove: ['email'] }))
      .then([
        {
          type: 'CustomerProfileUpdated',
          data: { set: { firstName: 'Anna' as PersonName }, removed: ['email'] },
        },
      ]);
  });

  it('writes nothing when the update changes nothing', () => {
    spec()
      .given([registered()])
      .when(command('UpdateProfile', { set: {}, remove: ['email'] }))
      .then([]);
  });

  it('refuses to set and remove the same field at once', () => {
    spec()
      .given([registered()])
      .when(command('UpdateProfile', { set: { firstName: 'A' as PersonName }, remove: ['firstName'] }))
      .thenFails('customer.update_conflict');
  });

  it('refuses to remove a field the shop requires', () => {
    const policy = { ...defaultCustomerPolicy, requiredFields: ['firstName'] as const };
    spec(policy)
      .given([registered({ ...base, firstName: 'Anna' as PersonName })])
      .when(command('UpdateProfile', { set: {}, remove: ['firstName'] }))
      .thenFails('customer.required_fields_missing');
  });

  it('changes the phone, and writes nothing for the same number', () => {
    spec()
      .given([registered()])
      .when(command('ChangePhone', { phone: otherPhone }))
      .then([{ type: 'CustomerPhoneChanged', data: { phone: otherPhone } }]);
    spec()
      .given([registered()])
      .when(command('ChangePhone', { phone: { ...phone, raw: '+79161234567' } }))
      .then([]);
  });

  it('removes the phone when a card remains', () => {
    spec()
      .given([registered({ ...base, card })])
      .when(command('RemovePhone', {}))
      .then([{ type: 'CustomerPhoneRemoved', data: {} }]);
  });

  it('never removes the last identifier', () => {
    spec().given([registered()]).when(command('RemovePhone', {})).thenFails('customer.last_identifier');
    spec()
      .given([registered({ card, preferences: defaultPreferences })])
      .when(command('RemoveCard', {}))
      .thenFails('customer.last_identifier');
  });

  it('refuses to remove a phone the shop requires', () => {
    const policy = { ...defaultCustomerPolicy, requiredFields: ['phone'] as const };
    spec(policy)
      .given([registered({ ...base, card })])
      .when(command('RemovePhone', {}))
      .thenFails('customer.required_fields_missing');
  });

  it('assigns, replaces and removes a card', () => {
    spec()
      .given([registered()])
      .when(command('AssignCard', { card }))
      .then([{ type: 'CustomerCardAssigned', data: { card } }]);
    spec()
      .given([registered({ ...base, card })])
      .when(command('AssignCard', { card: 'CARD002' as CardNumber }))
      .then([{ type: 'CustomerCardAssigned', data: { card: 'CARD002' as CardNumber } }]);
    spec()
      .given([registered({ ...base, card })])
      .when(command('RemoveCard', {}))
      .then([{ type: 'CustomerCardRemoved', data: {} }]);
  });

  it('joins and leaves a group', () => {
    spec()
      .given([registered()])
      .when(command('AssignGroup', { groupId: 'regulars' }))
      .then([{ type: 'CustomerGroupAssigned', data: { groupId: 'regulars' } }]);
    spec()
      .given([registered({ ...base, groupId: 'regulars' })])
      .when(command('LeaveGroup', {}))
      .then([{ type: 'CustomerGroupLeft', data: { groupId: 'regulars' } }]);
    spec().given([registered()]).when(command('LeaveGroup', {})).then([]);
  });

  it('lets a manager set personal price modifiers, and not an operator', () => {
    const modifiers = [
      {
        target: { kind: 'category' as const, categoryId: 'hair' },
        adjustment: { kind: 'percent' as const, basisPoints: 1000 },
      },
    ];
    spec()
      .given([registered()])
      .when(command('SetPriceModifiers', { modifiers }, 'manager'))
      .then([{ type: 'CustomerPriceModifiersSet', data: { modifiers } }]);
    spec()
      .given([registered()])
      .when(command('SetPriceModifiers', { modifiers }, 'operator'))
      .thenFails('customer.actor_not_allowed');
  });

  it('changes preferences, keeping the ones not mentioned', () => {
    spec()
      .given([registered()])
      .when(command('ChangePreferences', { changes: { smsNotifications: true } }))
      .then([
        {
          type: 'CustomerPreferencesChanged',
          data: { preferences: { ...defaultPreferences, smsNotifications: true } },
        },
      ]);
  });

  it('lets a customer change its own preferences and nothing else', () => {
    spec()
      .given([registered()])
      .when(command('ChangePreferences', { changes: { marketingConsent: true } }, 'customer', 'c1'))
      .thenState((s) => expect(s.exists && s.profile.preferences.marketingConsent).toBe(true));
    spec()
      .given([registered()])
      .when(command('ChangePreferences', { changes: { marketingConsent: true } }, 'customer', 'c2'))
      .thenFails('customer.actor_not_allowed');
    spec()
      .given([registered()])
      .when(command('SetComments', { comments: 'hi' }, 'customer', 'c1'))
      .thenFails('customer.actor_not_allowed');
  });

  it('sets and clears comments', () => {
    spec()
      .given([registered()])
      .when(command('SetComments', { comments: 'Allergic to latex' }))
      .then([{ type: 'CustomerCommentsChanged', data: { comments: 'Allergic to latex' } }]);
    spec()
      .given([registered(), { type: 'CustomerCommentsChanged', data: { comments: 'x' } }])
      .when(command('SetComments', { comments: '' }))
      .thenState((s) => expect(s.exists && 'comments' in s.profile).toBe(false));
  });

  it('refuses every command to a customer that does not exist', () => {
    spec()
      .given([])
      .when(command('SetComments', { comments: 'x' }))
      .thenFails('customer.not_found');
  });

  it('refuses every command to a merged customer, naming the survivor', () => {
    const error = spec()
      .given([registered(), { type: 'CustomerMergedInto', data: { survivorId: 'c9' } }])
      .when(command('ChangePreferences', { changes: { smsNotifications: true } }))
      .thenFails('customer.merged');
    expect(error.details['survivorId']).toBe('c9');
  });
});

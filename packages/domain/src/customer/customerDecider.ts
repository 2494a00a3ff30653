import * as E from 'fp-ts/Either';
import { isDeepStrictEqual } from 'node:util';
import type { Decider, DecisionError } from '../kernel/decider';
import { DomainError, ValidationError } from '../kernel/errors';
import type { Aggregate } from '../kernel/handleCommand';
import type { CustomerCommand } from './customerCommands';
import { customerEvents, type CustomerEvent } from './customerEvents';
import type { CustomerProfile } from './customerProfile';
import type { CustomerPolicy, RequirableField } from './customerPolicy';
import { evolveCustomer, initialCustomerState, type CustomerState } from './customerState';

type Decision = E.Either<DecisionError, readonly CustomerEvent[]>;

const FIELD_LABELS: Readonly<Record<RequirableField, string>> = {
  phone: 'phone',
  card: 'card',
  firstName: 'first name',
  lastName: 'last name',
  gender: 'gender',
  email: 'email',
  address: 'address',
  taxId: 'tax id',
  whatsApp: 'WhatsApp number',
};

/** The required fields a profile lacks, in the policy's order. */
export const missingFields = (policy: CustomerPolicy, profile: CustomerProfile): readonly RequirableField[] =>
  policy.requiredFields.filter((field) => profile[field] === undefined);

const checkProfile = (policy: CustomerPolicy, profile: CustomerProfile): E.Either<DomainError, void> => {
  if (profile.phone === undefined && profile.card === undefined)
    return E.left(
      new DomainError(
        'customer.identifier_required',
        'A customer needs a phone number or a card number (or both).',
      ),
    );
  const missing = missingFields(policy, profile);
  return missing.length === 0
    ? E.right(undefined)
    : E.left(
        new DomainError(
          'customer.required_fields_missing',
          `This shop requires ${missing.map((f) => FIELD_LABELS[f]).join(', ')}: please fill in what is missing.`,
          { missing },
        ),
      );
};

const events = (...list: CustomerEvent[]): Decision => E.right(list);
const nothing: Decision = E.right([]);

const lastIdentifier = (which: 'phone' | 'card') =>
  E.left(
    new DomainError(
      'customer.last_identifier',
      `The ${which} is the customer's only identifier; add a ${which === 'phone' ? 'card' : 'phone'} before removing it.`,
      { field: which },
    ),
  );

/** Checks a changed profile and emits `event` only if the profile really changed. */
const changed = (
  policy: CustomerPolicy,
  before: CustomerProfile,
  after: CustomerProfile,
  event: CustomerEvent,
): Decision => {
  if (isDeepStrictEqual(before, after)) return nothing;
  const checked = checkProfile(policy, after);
  return E.isLeft(checked) ? checked : events(event);
};

const decideExisting = (
  policy: CustomerPolicy,
  command: Exclude<CustomerCommand, { type: 'RegisterCustomer' | 'ForgetCustomer' }>,
  state: Extract<CustomerState, { exists: true }>,
): Decision => {
  const { profile } = state;
  const apply = (event: CustomerEvent) => {
    const after = evolveCustomer(state, event);
    return after.exists ? after.profile : profile;
  };
  switch (command.type) {
    case 'UpdateProfile': {
      const { set, remove } = command.data;
      const both = remove.filter((field) => field in set);
      if (both.length > 0)
        return E.left(
          new ValidationError(
            'customer.update_conflict',
            `${both.join(', ')} cannot be set and removed at once.`,
            'remove',
            both,
          ),
        );
      const removed = remove.filter((field) => profile[field] !== undefined);
      const event: CustomerEvent = { type: 'CustomerProfileUpdated', data: { set, removed } };
      return changed(policy, profile, apply(event), event);
    }
    case 'ChangePhone': {
      if (profile.phone?.e164 === command.data.phone.e164) return nothing;
      const event: CustomerEvent = { type: 'CustomerPhoneChanged', data: { phone: command.data.phone } };
      return changed(policy, profile, apply(event), event);
    }
    case 'RemovePhone':
      if (profile.phone === undefined) return nothing;
      if (profile.card === undefined) return lastIdentifier('phone');
      return changed(policy, profile, apply({ type: 'CustomerPhoneRemoved', data: {} }), {
        type: 'CustomerPhoneRemoved',
        data: {},
      });
    case 'AssignCard': {
      const event: CustomerEvent = { type: 'CustomerCardAssigned', data: { card: command.data.card } };
      return changed(policy, profile, apply(event), event);
    }
    case 'RemoveCard':
      if (profile.card === undefined) return nothing;
      if (profile.phone === undefined) return lastIdentifier('card');
      return changed(policy, profile, apply({ type: 'CustomerCardRemoved', data: {} }), {
        type: 'CustomerCardRemoved',
        data: {},
      });
    case 'AssignGroup':
      return profile.groupId === command.data.groupId
        ? nothing
        : events({ type: 'CustomerGroupAssigned', data: { groupId: command.data.groupId } });
    case 'LeaveGroup':
      return profile.groupId === undefined
        ? nothing
        : events({ type: 'CustomerGroupLeft', data: { groupId: profile.groupId } });
    case 'SetPriceModifiers':
      return isDeepStrictEqual(state.priceModifiers, command.data.modifiers)
        ? nothing
        : events({ type: 'CustomerPriceModifiersSet', data: { modifiers: command.data.modifiers } });
    case 'ChangePreferences': {
      const preferences = { ...profile.preferences, ...command.data.changes };
      return isDeepStrictEqual(preferences, profile.preferences)
        ? nothing
        : events({ type: 'CustomerPreferencesChanged', data: { preferences } });
    }
    case 'SetComments':
      return (profile.comments ?? '') === command.data.comments
        ? nothing
        : events({ type: 'CustomerCommentsChanged', data: { comments: command.data.comments } });
  }
};

const decide =
  (policy: CustomerPolicy) =>
  (command: CustomerCommand, state: CustomerState): Decision => {
    if (command.type === 'RegisterCustomer') {
      const { customerId, profile } = command.data;
      const allowed = policy.mayAct(command.metadata.actor, command.type, customerId);
      if (E.isLeft(allowed)) return allowed;
      if (state.exists)
        return E.left(
          new DomainError('customer.already_registered', `Customer ${customerId} is already registered.`, {
            customerId,
          }),
        );
      const checked = checkProfile(policy, profile);
      return E.isLeft(checked)
        ? checked
        : events({ type: 'CustomerRegistered', data: { customerId, profile } });
    }
    if (!state.exists) return E.left(new DomainError('customer.not_found', 'There is no such customer.', {}));
    const allowed = policy.mayAct(command.metadata.actor, command.type, state.customerId);
    if (E.isLeft(allowed)) return allowed;
    // Merged-away customers are forgotten too: their old events still hold their personal data.
    if (command.type === 'ForgetCustomer')
      return state.status.kind === 'forgotten'
        ? nothing
        : events({
            type: 'CustomerForgotten',
            data: {
              requestReference: command.data.requestReference,
              forgottenBy: command.metadata.actor,
              forgottenAt: command.metadata.now.toISOString(),
            },
          });
    if (state.status.kind === 'merged')
      return E.left(
        new DomainError(
          'customer.merged',
          `Customer ${state.customerId} was merged into customer ${state.status.survivorId}; work with that customer instead.`,
          { customerId: state.customerId, survivorId: state.status.survivorId },
        ),
      );
    if (state.status.kind === 'forgotten')
      return E.left(
        new DomainError('customer.forgotten', `Customer ${state.customerId} was erased at their request.`, {
          customerId: state.customerId,
        }),
      );
    return decideExisting(policy, command, state);
  };

/** The customer decider under a shop's policy (required fields, who may act). */
export const customerDecider = (
  policy: CustomerPolicy,
): Decider<CustomerCommand, CustomerEvent, CustomerState> => ({
  initialState: initialCustomerState,
  evolve: evolveCustomer,
  decide: decide(policy),
});

// One aggregate per policy object: every customer command of a shop needs it, and it holds no state.
const aggregates = new WeakMap<CustomerPolicy, Aggregate<CustomerCommand, CustomerEvent, CustomerState>>();

/** The customer decider with its event catalog, for `handleCommand`. */
export const customerAggregate = (
  policy: CustomerPolicy,
): Aggregate<CustomerCommand, CustomerEvent, CustomerState> => {
  let aggregate = aggregates.get(policy);
  if (aggregate === undefined)
    aggregates.set(policy, (aggregate = { decider: customerDecider(policy), events: customerEvents }));
  return aggregate;
};

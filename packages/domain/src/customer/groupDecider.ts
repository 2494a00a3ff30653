import * as E from 'fp-ts/Either';
import { isDeepStrictEqual } from 'node:util';
import type { Command, Decider, DecisionError } from '../kernel/decider';
import { DomainError, ValidationError } from '../kernel/errors';
import type { Aggregate } from '../kernel/handleCommand';
import { tidyText } from '../values/text';
import type { CustomerPolicy } from './customerPolicy';
import { customerGroupEvents, type CustomerGroupEvent } from './groupEvents';
import type { PriceModifier } from './priceModifier';

/** Create a group, optionally with discount rules. */
export type CreateGroup = Command<
  'CreateGroup',
  { readonly groupId: string; readonly name: string; readonly discounts: readonly PriceModifier[] }
>;
/** Rename a group. */
export type RenameGroup = Command<'RenameGroup', { readonly name: string }>;
/** Replace a group's discount rules. */
export type SetGroupDiscounts = Command<
  'SetGroupDiscounts',
  { readonly discounts: readonly PriceModifier[] }
>;
/** Archive a group. */
export type ArchiveGroup = Command<'ArchiveGroup', Record<string, never>>;

/** Every command of a customer-group stream. */
export type CustomerGroupCommand = CreateGroup | RenameGroup | SetGroupDiscounts | ArchiveGroup;

/** A customer group as its events made it. */
export type CustomerGroupState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly groupId: string;
      readonly name: string;
      readonly discounts: readonly PriceModifier[];
      readonly archived: boolean;
    };

const NAME_MAX = 100;

type Decision = E.Either<DecisionError, readonly CustomerGroupEvent[]>;

const checkName = (name: string): E.Either<ValidationError, string> => {
  const tidy = tidyText(name);
  if (tidy === '')
    return E.left(new ValidationError('group.name_empty', 'A customer group needs a name.', 'name', name));
  return [...tidy].length > NAME_MAX
    ? E.left(
        new ValidationError(
          'group.name_too_long',
          `A group name has at most ${NAME_MAX} characters.`,
          'name',
          name,
        ),
      )
    : E.right(tidy);
};

const decideExisting = (
  command: Exclude<CustomerGroupCommand, CreateGroup>,
  state: Extract<CustomerGroupState, { exists: true }>,
): Decision => {
  switch (command.type) {
    case 'RenameGroup':
      return E.flatMap((name: string): Decision =>
        E.right(name === state.name ? [] : [{ type: 'CustomerGroupRenamed', data: { name } }]),
      )(checkName(command.data.name));
    case 'SetGroupDiscounts':
      return E.right(
        isDeepStrictEqual(command.data.discounts, state.discounts)
          ? []
          : [{ type: 'CustomerGroupDiscountsSet', data: { discounts: command.data.discounts } }],
      );
    case 'ArchiveGroup':
      return E.right([{ type: 'CustomerGroupArchived', data: {} }]);
  }
};

const decide =
  (policy: CustomerPolicy) =>
  (command: CustomerGroupCommand, state: CustomerGroupState): Decision => {
    const subjectId =
      command.type === 'CreateGroup' ? command.data.groupId : state.exists ? state.groupId : '';
    const allowed = policy.mayAct(command.metadata.actor, command.type, subjectId);
    if (E.isLeft(allowed)) return allowed;
    if (command.type === 'CreateGroup') {
      if (state.exists)
        return E.left(
          new DomainError('group.already_exists', `Group ${command.data.groupId} already exists.`, {
            groupId: command.data.groupId,
          }),
        );
      const { groupId, discounts } = command.data;
      return E.flatMap((name: string): Decision =>
        E.right([{ type: 'CustomerGroupCreated', data: { groupId, name, discounts } }]),
      )(checkName(command.data.name));
    }
    if (!state.exists)
      return E.left(new DomainError('group.not_found', 'There is no such customer group.', {}));
    if (state.archived)
      return E.left(
        new DomainError('group.archived', `The group "${state.name}" is archived and cannot be changed.`, {
          groupId: state.groupId,
        }),
      );
    return decideExisting(command, state);
  };

/** Applies one customer-group event. */
export const evolveCustomerGroup = (
  state: CustomerGroupState,
  event: CustomerGroupEvent,
): CustomerGroupState => {
  if (event.type === 'CustomerGroupCreated') return { exists: true, ...event.data, archived: false };
  if (!state.exists) return state;
  switch (event.type) {
    case 'CustomerGroupRenamed':
      return { ...state, name: event.data.name };
    case 'CustomerGroupDiscountsSet':
      return { ...state, discounts: event.data.discounts };
    case 'CustomerGroupArchived':
      return { ...state, archived: true };
  }
};

/** The customer-group decider under a shop's policy (who may act). */
export const customerGroupDecider = (
  policy: CustomerPolicy,
): Decider<CustomerGroupCommand, CustomerGroupEvent, CustomerGroupState> => ({
  initialState: () => ({ exists: false }),
  evolve: evolveCustomerGroup,
  decide: decide(policy),
});

/** The customer-group decider with its event catalog, for `handleCommand`. */
export const customerGroupAggregate = (
  policy: CustomerPolicy,
): Aggregate<CustomerGroupCommand, CustomerGroupEvent, CustomerGroupState> => ({
  decider: customerGroupDecider(policy),
  events: customerGroupEvents,
});

import {
  DomainError,
  eventCatalog,
  integer,
  isoInstant,
  nonEmptyString,
  withOptional,
} from '@tillstream/domain';
import type { Aggregate, Command, Event } from '@tillstream/domain';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type {
  CustomerState,
  MovementData,
  Outcome,
  RegisterData,
  RegisteredData,
  WalletState,
} from './rules.mjs';
import { register, spend, topUp } from './rules.mjs';

const decided = <Ev extends Event>(outcome: Outcome<Ev['data']>, type: Ev['type']) =>
  outcome.ok
    ? E.right([{ type, data: outcome.data } as Ev])
    : E.left(new DomainError(outcome.code, outcome.message));

/** The bench's registration command. */
export type RegisterCustomer = Command<'RegisterCustomer', RegisterData>;
/** The bench's registration event. */
export type CustomerRegistered = Event<'CustomerRegistered', RegisteredData>;

/** Registration written for tillstream's kernel: decider plus io-ts event catalog. */
export const customerAggregate: Aggregate<RegisterCustomer, CustomerRegistered, CustomerState> = {
  decider: {
    initialState: () => ({ registered: false }),
    evolve: () => ({ registered: true }),
    decide: (command, state) =>
      decided<CustomerRegistered>(register(state, command.data, command.metadata.now), 'CustomerRegistered'),
  },
  events: eventCatalog<CustomerRegistered>({
    CustomerRegistered: {
      codec: withOptional(
        {
          customerId: nonEmptyString,
          firstName: nonEmptyString,
          lastName: t.string,
          registeredAt: isoInstant,
        },
        { phone: nonEmptyString, cardNumber: nonEmptyString },
      ),
    },
  }),
};

/** The bench's wallet commands. */
export type WalletCommand =
  Command<'TopUp', { readonly amount: number }> | Command<'Spend', { readonly amount: number }>;
/** The bench's wallet events. */
export type WalletEvent = Event<'WalletToppedUp', MovementData> | Event<'WalletSpent', MovementData>;

const movement = t.type({ amount: integer, balance: integer, at: isoInstant });

/** A wallet written for tillstream's kernel. */
export const walletAggregate: Aggregate<WalletCommand, WalletEvent, WalletState> = {
  decider: {
    initialState: () => ({ balance: 0 }),
    evolve: (_state, event) => ({ balance: event.data.balance }),
    decide: (command, state) =>
      command.type === 'TopUp'
        ? decided<WalletEvent>(topUp(state, command.data.amount, command.metadata.now), 'WalletToppedUp')
        : decided<WalletEvent>(spend(state, command.data.amount, command.metadata.now), 'WalletSpent'),
  },
  events: eventCatalog<WalletEvent>({
    WalletToppedUp: { codec: movement },
    WalletSpent: { codec: movement },
  }),
};

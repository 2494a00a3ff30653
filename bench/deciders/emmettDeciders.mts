import { DeciderCommandHandler, IllegalStateError } from '@event-driven-io/emmett';
import type { Command, Event } from '@event-driven-io/emmett';
import type {
  CustomerState,
  MovementData,
  Outcome,
  RegisterData,
  RegisteredData,
  WalletState,
} from './rules.mjs';
import { register, spend, topUp } from './rules.mjs';

// Emmett's idiom: decide returns events and throws on refusal; time arrives in command metadata.
const decided = <D,>(outcome: Outcome<D>): D => {
  if (!outcome.ok) throw new IllegalStateError(`${outcome.code}: ${outcome.message}`);
  return outcome.data;
};

/** The bench's registration command, Emmett-shaped. */
export type EmmettRegisterCustomer = Command<'RegisterCustomer', RegisterData, { now: Date }>;
/** The bench's registration event, Emmett-shaped. */
export type EmmettCustomerRegistered = Event<'CustomerRegistered', RegisteredData>;

/** Registration on Emmett's decider command handler. */
export const handleEmmettCustomer = DeciderCommandHandler<
  CustomerState,
  EmmettRegisterCustomer,
  EmmettCustomerRegistered
>({
  initialState: () => ({ registered: false }),
  evolve: () => ({ registered: true }),
  decide: (command, state) => ({
    type: 'CustomerRegistered',
    data: decided(register(state, command.data, command.metadata.now)),
  }),
});

/** The bench's wallet commands, Emmett-shaped. */
export type EmmettWalletCommand =
  Command<'TopUp', { amount: number }, { now: Date }> | Command<'Spend', { amount: number }, { now: Date }>;
/** The bench's wallet events, Emmett-shaped. */
export type EmmettWalletEvent = Event<'WalletToppedUp', MovementData> | Event<'WalletSpent', MovementData>;

/** A wallet on Emmett's decider command handler. */
export const handleEmmettWallet = DeciderCommandHandler<WalletState, EmmettWalletCommand, EmmettWalletEvent>({
  initialState: () => ({ balance: 0 }),
  evolve: (_state, event) => ({ balance: event.data.balance }),
  decide: (command, state) =>
    command.type === 'TopUp'
      ? { type: 'WalletToppedUp', data: decided(topUp(state, command.data.amount, command.metadata.now)) }
      : { type: 'WalletSpent', data: decided(spend(state, command.data.amount, command.metadata.now)) },
});

import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { ValidationError, type EventDecodeError, type PermissionError } from '../kernel/errors';
import type { EventStore } from '../kernel/eventStore';
import {
  handleCommand,
  type CommandError,
  type CommandResult,
  type HandleCommandOptions,
} from '../kernel/handleCommand';
import { readState } from '../kernel/readAggregate';
import type { StateCache } from '../kernel/stateCache';
import { parseTenantId, streamName } from '../kernel/streamName';
import type { WalletCommand } from './walletCommands';
import { walletAggregate } from './walletDecider';
import { walletEvents, type WalletEvent } from './walletEvents';
import type { WalletPolicy } from './walletPolicy';
import { evolveWallet, initialWalletState, type WalletState } from './walletState';

/** The one wallet stream of a customer: `wallet-{tenantId}.{customerId}`. */
export const walletStreamName = (tenantId: string, customerId: string): string =>
  streamName('wallet', tenantId, customerId);

// Reading needs no policy: only deciding does.
const walletFold = {
  decider: { initialState: initialWalletState, evolve: evolveWallet },
  events: walletEvents,
};

const checkedStream = (tenantId: string, customerId: string): E.Either<ValidationError, string> => {
  const tenant = parseTenantId(tenantId);
  if (E.isLeft(tenant)) return tenant;
  return customerId.length > 0
    ? E.right(walletStreamName(tenantId, customerId))
    : E.left(
        new ValidationError(
          'wallet.customer_required',
          'Say whose wallet: the customer id is missing.',
          'customerId',
          customerId,
        ),
      );
};

/**
 * Handles a wallet command on the stream of the customer it names. The command id is the
 * movement's idempotency key: processes derive it from what they pay (e.g. `pay:<order>:<payment>`).
 */
export const handleWalletCommand = async (
  store: EventStore,
  policy: WalletPolicy,
  command: WalletCommand,
  options?: HandleCommandOptions,
): Promise<E.Either<CommandError, CommandResult<WalletEvent, WalletState>>> => {
  const stream = checkedStream(command.metadata.tenantId, command.data.customerId);
  return E.isLeft(stream)
    ? stream
    : handleCommand(store, walletAggregate(policy), stream.right, command, options);
};

/**
 * Folds a customer's wallet from its stream (an unknown customer has an empty wallet), through
 * `cache` when given: a wallet folded before by a command or a read is read only from there on.
 */
export const readWallet = async (
  store: EventStore,
  tenantId: string,
  customerId: string,
  cache?: StateCache,
): Promise<E.Either<ValidationError | PermissionError | EventDecodeError, WalletState>> => {
  const stream = checkedStream(tenantId, customerId);
  if (E.isLeft(stream)) return stream;
  return pipe(
    await readState(store, walletFold, stream.right, tenantId, cache),
    E.map(({ state }) => state),
  );
};

import type { HandleCommandOptions, InMemoryEventStore } from '@tillstream/domain';
import { handleCommand, inMemoryEventStore, stateCache, streamName } from '@tillstream/domain';
import type { RegisterCustomer, WalletCommand } from '../deciders/tillstreamDeciders.mjs';
import { customerAggregate, walletAggregate } from '../deciders/tillstreamDeciders.mjs';
import { filledStore, longWalletTemplates, walletStream } from '../longStreams.mjs';
import type { CaseSpec } from '../harness.mjs';
import {
  CUSTOMERS_PER_STORE,
  LONG_WALLETS,
  NOW,
  TENANT,
  WALLET_COMMANDS_PER_STORE,
  WALLETS,
  prefillStep,
  refillEvery,
  registration,
  walletStep,
} from '../workload.mjs';

const metadata = (commandId: string) => ({
  commandId,
  tenantId: TENANT,
  actor: { role: 'operator' as const, id: 'op-1' },
  now: NOW,
});

const succeeded = (result: { readonly _tag: string }, what: string) => {
  if (result._tag !== 'Right') throw new Error(`${what} was refused: ${JSON.stringify(result)}`);
};

/** Registers the n-th customer through `handleCommand`. */
export const registerOne = async (
  store: InMemoryEventStore,
  n: number,
  options?: HandleCommandOptions,
): Promise<void> => {
  const command: RegisterCustomer = {
    type: 'RegisterCustomer',
    data: registration(n),
    metadata: metadata(`reg-${n}`),
  };
  const stream = streamName('customer', TENANT, command.data.customerId);
  succeeded(await handleCommand(store, customerAggregate, stream, command, options), 'registration');
};

const walletCommand = async (
  store: InMemoryEventStore,
  w: number,
  step: ReturnType<typeof walletStep>,
  commandId: string,
  options?: HandleCommandOptions,
): Promise<void> => {
  const command: WalletCommand = {
    type: step.kind,
    data: { amount: step.amount },
    metadata: metadata(commandId),
  };
  succeeded(await handleCommand(store, walletAggregate, walletStream(w), command, options), 'wallet command');
};

/** Runs the n-th wallet command through `handleCommand`. */
export const walletOne = (store: InMemoryEventStore, n: number, options?: HandleCommandOptions) =>
  walletCommand(store, n % WALLETS, walletStep(n), `wal-${n}`, options);

/** Wallet templates of 50–200 events written by the bench decider. */
export const benchWalletTemplates = () =>
  longWalletTemplates((store, w, k) => walletCommand(store, w, prefillStep(k), `pre-${w}-${k}`));

/** Command handling on the kernel with the bench's registration and wallet deciders, with and without a state cache. */
export const commandCases = async (): Promise<CaseSpec[]> => {
  const templates = await benchWalletTemplates();
  const base = { scenario: 'commands', unit: 'cmd/s' };
  return [false, true].flatMap((cached): CaseSpec[] => {
    const suffix = cached ? ', state cache' : '';
    const options = (): HandleCommandOptions => (cached ? { cache: stateCache() } : {});
    const registrations = (() => {
      let store = inMemoryEventStore();
      let handling = options();
      let n = 0;
      return async () => {
        if (n % CUSTOMERS_PER_STORE === 0) [store, handling] = [inMemoryEventStore(), options()];
        await registerOne(store, n++, handling);
      };
    })();
    const wallets = (() => {
      let store = inMemoryEventStore();
      let handling = options();
      let n = 0;
      return async () => {
        if (n % WALLET_COMMANDS_PER_STORE === 0) [store, handling] = [inMemoryEventStore(), options()];
        await walletOne(store, n++, handling);
      };
    })();
    let longStore = inMemoryEventStore();
    let longHandling = options();
    const refill = refillEvery(async () => {
      [longStore, longHandling] = [await filledStore(templates), options()];
    });
    return [
      {
        ...base,
        label: `register customer (bench decider${suffix})`,
        fn: registrations,
        extra: { population: `≤ ${CUSTOMERS_PER_STORE} streams` },
      },
      {
        ...base,
        label: `wallet top-up / spend (bench decider${suffix})`,
        fn: wallets,
        extra: { population: `${WALLETS} wallets, 0–19 events each` },
      },
      {
        ...base,
        label: `wallet top-up / spend on 50–200-event streams (bench decider${suffix})`,
        fn: () => walletOne(longStore, refill.next(), longHandling),
        extra: { population: LONG_WALLETS },
        beforeEach: refill.beforeEach,
      },
    ];
  });
};

import type { EventStore, HandleCommandOptions, InMemoryEventStore, WalletCommand } from '@tillstream/domain';
import { defaultWalletPolicy, handleWalletCommand, inMemoryEventStore, stateCache } from '@tillstream/domain';
import type { CaseSpec } from '../harness.mjs';
import { filledStore, longWalletTemplates } from '../longStreams.mjs';
import {
  LONG_WALLETS,
  NOW,
  TENANT,
  WALLET_COMMANDS_PER_STORE,
  WALLETS,
  prefillStep,
  refillEvery,
  walletStep,
} from '../workload.mjs';

const metadata = (commandId: string) => ({
  commandId,
  tenantId: TENANT,
  actor: { role: 'operator' as const, id: 'op-1' },
  now: NOW,
});

/** A wallet command of the workload, as the wallet context's own commands; every spend pays its own order. */
const walletCommand = (w: number, step: ReturnType<typeof walletStep>, commandId: string): WalletCommand => {
  const customerId = `w${w}`;
  return step.kind === 'TopUp'
    ? {
        type: 'TopUp',
        data: { customerId, amount: step.amount, currency: 'EUR', method: 'cash' },
        metadata: metadata(commandId),
      }
    : {
        type: 'Spend',
        data: { customerId, orderId: `o-${commandId}`, amount: step.amount, currency: 'EUR' },
        metadata: metadata(commandId),
      };
};

const handled = async (
  store: EventStore,
  command: WalletCommand,
  options?: HandleCommandOptions,
): Promise<void> => {
  const result = await handleWalletCommand(store, defaultWalletPolicy, command, options);
  if (result._tag === 'Left') throw new Error(`wallet command refused: ${result.left.message}`);
};

/** Runs the n-th wallet command of the workload through the wallet context. */
export const contextWalletOne = (
  store: EventStore,
  n: number,
  options?: HandleCommandOptions,
): Promise<void> => handled(store, walletCommand(n % WALLETS, walletStep(n), `wal-${n}`), options);

/** Command handling on the wallet context's own decider (`handleWalletCommand`), with and without a state cache. */
export const contextCases = async (): Promise<CaseSpec[]> => {
  const templates = await longWalletTemplates((scratch, w, k) =>
    handled(scratch, walletCommand(w, prefillStep(k), `pre-${w}-${k}`)),
  );
  const base = { scenario: 'contexts', unit: 'cmd/s' };
  return [false, true].flatMap((cached): CaseSpec[] => {
    const suffix = cached ? ', state cache' : '';
    const options = (): HandleCommandOptions => (cached ? { cache: stateCache() } : {});
    const wallets = (() => {
      let store: InMemoryEventStore = inMemoryEventStore();
      let handling = options();
      let n = 0;
      return async () => {
        if (n % WALLET_COMMANDS_PER_STORE === 0) [store, handling] = [inMemoryEventStore(), options()];
        await handled(store, walletCommand(n % WALLETS, walletStep(n), `wal-${n}`), handling);
        n++;
      };
    })();
    let longStore: InMemoryEventStore = inMemoryEventStore();
    let longHandling = options();
    const refill = refillEvery(async () => {
      [longStore, longHandling] = [await filledStore(templates), options()];
    });
    return [
      {
        ...base,
        label: `wallet top-up / spend (wallet context, handleWalletCommand${suffix})`,
        fn: wallets,
        extra: { population: `${WALLETS} wallets, 0–19 events each` },
      },
      {
        ...base,
        label: `wallet top-up / spend on 50–200-event streams (wallet context${suffix})`,
        fn: () => {
          const i = refill.next();
          return handled(longStore, walletCommand(i % WALLETS, walletStep(i), `wal-${i}`), longHandling);
        },
        extra: { population: LONG_WALLETS },
        beforeEach: refill.beforeEach,
      },
    ];
  });
};

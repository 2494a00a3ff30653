import type { InMemoryEventStore } from '@event-driven-io/emmett';
import { getInMemoryEventStore } from '@event-driven-io/emmett';
import { handleEmmettCustomer, handleEmmettWallet } from '../deciders/emmettDeciders.mjs';
import type { CaseSpec } from '../harness.mjs';
import { walletStream } from '../longStreams.mjs';
import {
  CUSTOMERS_PER_STORE,
  LONG_WALLETS,
  NOW,
  WALLET_COMMANDS_PER_STORE,
  WALLETS,
  longWalletLength,
  prefillStep,
  refillEvery,
  registration,
  walletStep,
} from '../workload.mjs';

const emmettWallet = (store: InMemoryEventStore, w: number, step: ReturnType<typeof walletStep>) =>
  handleEmmettWallet(store, walletStream(w), {
    type: step.kind,
    data: { amount: step.amount },
    metadata: { now: NOW },
  });

/** Labels of the Emmett cases, for the ratio targets. */
export const PEER = {
  registration: 'Emmett: register customer',
  wallet: 'Emmett: wallet top-up / spend',
  longWallet: 'Emmett: wallet top-up / spend on 50–200-event streams',
} as const;

/** The same registration and wallet rules on Emmett's in-memory store and decider command handler. */
export const peerCases = async (): Promise<CaseSpec[]> => {
  const registrations = (() => {
    let store: InMemoryEventStore = getInMemoryEventStore();
    let n = 0;
    return async () => {
      if (n % CUSTOMERS_PER_STORE === 0) store = getInMemoryEventStore();
      const data = registration(n++);
      await handleEmmettCustomer(store, `customer-shop1.${data.customerId}`, {
        type: 'RegisterCustomer',
        data,
        metadata: { now: NOW },
      });
    };
  })();
  const wallets = (() => {
    let store: InMemoryEventStore = getInMemoryEventStore();
    let n = 0;
    return async () => {
      if (n % WALLET_COMMANDS_PER_STORE === 0) store = getInMemoryEventStore();
      await emmettWallet(store, n % WALLETS, walletStep(n));
      n++;
    };
  })();
  // The same first events per wallet as the tillstream long-stream cases, written by Emmett itself.
  const scratch = getInMemoryEventStore();
  for (let w = 0; w < WALLETS; w++)
    for (let k = 0; k < longWalletLength(w); k++) await emmettWallet(scratch, w, prefillStep(k));
  const templates = await Promise.all(
    Array.from({ length: WALLETS }, async (_, w) => (await scratch.readStream(walletStream(w))).events),
  );
  let longStore: InMemoryEventStore = getInMemoryEventStore();
  const refill = refillEvery(async () => {
    longStore = getInMemoryEventStore();
    for (const [w, events] of templates.entries())
      await longStore.appendToStream(
        walletStream(w),
        events.map((e) => ({ type: e.type, data: e.data })),
      );
  });
  const base = { scenario: 'peer', unit: 'cmd/s' };
  return [
    {
      ...base,
      label: PEER.registration,
      fn: registrations,
      extra: { population: `≤ ${CUSTOMERS_PER_STORE} streams` },
    },
    {
      ...base,
      label: PEER.wallet,
      fn: wallets,
      extra: { population: `${WALLETS} wallets, 0–19 events each` },
    },
    {
      ...base,
      label: PEER.longWallet,
      fn: async () => {
        const i = refill.next();
        await emmettWallet(longStore, i % WALLETS, walletStep(i));
      },
      extra: { population: LONG_WALLETS },
      beforeEach: refill.beforeEach,
    },
  ];
};

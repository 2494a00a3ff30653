import type { InMemoryEventStore } from '@event-driven-io/emmett';
import { getInMemoryEventStore } from '@event-driven-io/emmett';
import { handleEmmettCustomer, handleEmmettWallet } from '../deciders/emmettDeciders.mjs';
import type { Scenario } from '../harness.mjs';
import { find, measure, ratioTarget } from '../harness.mjs';
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

/** The same registration and wallet rules on Emmett's in-memory store and decider command handler. */
export const peer: Scenario = {
  name: 'peer',
  title: 'Peer: the same deciders on Emmett 0.42 (getInMemoryEventStore + DeciderCommandHandler)',
  needs: ['commands'],
  run: async (mode, earlier) => {
    let store: InMemoryEventStore = getInMemoryEventStore();
    let n = 0;
    const register = await measure(
      mode,
      'peer',
      'Emmett: register customer',
      'cmd/s',
      async () => {
        if (n % CUSTOMERS_PER_STORE === 0) store = getInMemoryEventStore();
        const data = registration(n++);
        await handleEmmettCustomer(store, `customer-shop1.${data.customerId}`, {
          type: 'RegisterCustomer',
          data,
          metadata: { now: NOW },
        });
      },
      { population: `≤ ${CUSTOMERS_PER_STORE} streams` },
    );
    n = 0;
    const wallet = await measure(
      mode,
      'peer',
      'Emmett: wallet top-up / spend',
      'cmd/s',
      async () => {
        if (n % WALLET_COMMANDS_PER_STORE === 0) store = getInMemoryEventStore();
        await emmettWallet(store, n % WALLETS, walletStep(n));
        n++;
      },
      { population: `${WALLETS} wallets, 0–19 events each` },
    );
    // The same first events per wallet as the tillstream long-stream cases, written by Emmett itself.
    const fill = async () => {
      store = getInMemoryEventStore();
      for (let w = 0; w < WALLETS; w++)
        for (let k = 0; k < longWalletLength(w); k++) await emmettWallet(store, w, prefillStep(k));
    };
    const templates = await (async () => {
      await fill();
      return Promise.all(
        Array.from({ length: WALLETS }, async (_, w) => (await store.readStream(walletStream(w))).events),
      );
    })();
    const refill = refillEvery(async () => {
      store = getInMemoryEventStore();
      for (const [w, events] of templates.entries())
        await store.appendToStream(
          walletStream(w),
          events.map((e) => ({ type: e.type, data: e.data })),
        );
    });
    const longWallet = await measure(
      mode,
      'peer',
      'Emmett: wallet top-up / spend on 50–200-event streams',
      'cmd/s',
      async () => {
        const i = refill.next();
        await emmettWallet(store, i % WALLETS, walletStep(i));
      },
      { population: LONG_WALLETS },
      refill.beforeEach,
    );
    return {
      cases: [register, wallet, longWallet],
      targets: [false, true].flatMap((cached) => {
        const suffix = cached ? ', state cache' : '';
        return [
          ...ratioTarget(
            `Registration${suffix} ≥ 1.5× Emmett on the same decider`,
            find(earlier, 'commands', `register customer (bench decider${suffix})`),
            register,
            1.5,
          ),
          ...ratioTarget(
            `Wallet commands${suffix} ≥ 1.5× Emmett on the same decider`,
            find(earlier, 'commands', `wallet top-up / spend (bench decider${suffix})`),
            wallet,
            1.5,
          ),
          ...ratioTarget(
            `Wallet commands on 50–200-event streams${suffix} ≥ 1.5× Emmett on the same decider`,
            find(
              earlier,
              'commands',
              `wallet top-up / spend on 50–200-event streams (bench decider${suffix})`,
            ),
            longWallet,
            1.5,
          ),
        ];
      }),
    };
  },
};

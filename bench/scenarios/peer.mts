import type { InMemoryEventStore } from '@event-driven-io/emmett';
import { getInMemoryEventStore } from '@event-driven-io/emmett';
import { handleEmmettCustomer, handleEmmettWallet } from '../deciders/emmettDeciders.mjs';
import type { Scenario } from '../harness.mjs';
import { find, measure, ratioTarget } from '../harness.mjs';
import {
  CUSTOMERS_PER_STORE,
  NOW,
  WALLET_COMMANDS_PER_STORE,
  WALLETS,
  registration,
  walletStep,
} from '../workload.mjs';

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
        const step = walletStep(n);
        await handleEmmettWallet(store, `wallet-shop1.w${n % WALLETS}`, {
          type: step.kind,
          data: { amount: step.amount },
          metadata: { now: NOW },
        });
        n++;
      },
      { population: `${WALLETS} wallets, 0–19 events each` },
    );
    return {
      cases: [register, wallet],
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
        ];
      }),
    };
  },
};

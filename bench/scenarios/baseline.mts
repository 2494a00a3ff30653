import type { EventToAppend, InMemoryEventStore } from '@tillstream/domain';
import { inMemoryEventStore, streamName } from '@tillstream/domain';
import type { CaseSpec } from '../harness.mjs';
import { filledStore, longWalletTemplates, walletStream } from '../longStreams.mjs';
import {
  CUSTOMERS_PER_STORE,
  LONG_WALLETS,
  NOW,
  TENANT,
  WALLET_COMMANDS_PER_STORE,
  WALLETS,
  refillEvery,
  registration,
} from '../workload.mjs';

// The envelope a command would write, built once: the baseline pays for no hashing, ids or encoding.
const metadata = {
  eventId: '',
  commandId: 'cmd',
  commandHash: 'AAAAAAAAAAAAAAAAAAAAAA',
  correlationId: 'cmd',
  causationId: 'cmd',
  tenantId: TENANT,
  actor: { role: 'operator' as const, id: 'op-1' },
  occurredAt: NOW.toISOString(),
  schemaVersion: 1,
};

const event = (eventId: string, type: string, data: unknown): EventToAppend => ({
  eventId,
  type,
  data,
  metadata: { ...metadata, eventId },
});

/** One raw wallet operation: read the whole stream, append one top-up at the revision read. */
const walletReadAppend = async (store: InMemoryEventStore, stream: string, eventId: string) => {
  const read = await store.readStream(stream);
  const data = { amount: 400, balance: 400 * (read.length + 1), at: metadata.occurredAt };
  await store.appendToStream(stream, [event(eventId, 'WalletToppedUp', data)], {
    expectedRevision: read.length === 0 ? 'no_stream' : BigInt(read.length - 1),
  });
};

/** Labels of the baseline cases, for the ratio targets. */
export const BASELINE = {
  registration: 'read + append, new stream (registration-shaped)',
  wallet: 'read + append, wallet stream of ~10 events',
  longWallet: 'read + append, wallet stream of 50–200 events',
} as const;

/** Physical baseline: raw reads and appends on the in-memory store, shaped like the command cases. */
export const baselineCases = async (): Promise<CaseSpec[]> => {
  const registrations = (() => {
    let store: InMemoryEventStore = inMemoryEventStore();
    let n = 0;
    return async () => {
      if (n % CUSTOMERS_PER_STORE === 0) store = inMemoryEventStore();
      const data = { ...registration(n), registeredAt: metadata.occurredAt };
      const stream = streamName('customer', TENANT, data.customerId);
      const read = await store.readStream(stream);
      await store.appendToStream(stream, [event(`e${n}`, 'CustomerRegistered', data)], {
        expectedRevision: read.length === 0 ? 'no_stream' : BigInt(read.length - 1),
      });
      n++;
    };
  })();
  const wallets = (() => {
    let store: InMemoryEventStore = inMemoryEventStore();
    let n = 0;
    return async () => {
      if (n % WALLET_COMMANDS_PER_STORE === 0) store = inMemoryEventStore();
      await walletReadAppend(store, walletStream(n % WALLETS), `e${n}`);
      n++;
    };
  })();
  const templates = await longWalletTemplates(async (scratch, w, k) => {
    await walletReadAppend(scratch, walletStream(w), `pre-${w}-${k}`);
  });
  let longStore = inMemoryEventStore();
  const refill = refillEvery(async () => {
    longStore = await filledStore(templates);
  });
  const base = { scenario: 'baseline', unit: 'op/s' };
  return [
    {
      ...base,
      label: BASELINE.registration,
      fn: registrations,
      extra: { population: `≤ ${CUSTOMERS_PER_STORE} streams` },
    },
    {
      ...base,
      label: BASELINE.wallet,
      fn: wallets,
      extra: { population: `${WALLETS} wallets, 0–19 events each` },
    },
    {
      ...base,
      label: BASELINE.longWallet,
      fn: async () => {
        const i = refill.next();
        await walletReadAppend(longStore, walletStream(i % WALLETS), `e${i}`);
      },
      extra: { population: LONG_WALLETS },
      beforeEach: refill.beforeEach,
    },
  ];
};

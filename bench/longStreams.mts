// Long wallet streams for the "50–200 events" cases: written once by each side's own code, then
// copied into a fresh store at every refill, so a refill costs appends rather than commands.
import type { EventToAppend, InMemoryEventStore } from '@tillstream/domain';
import { inMemoryEventStore, streamName } from '@tillstream/domain';
import { TENANT, WALLETS, longWalletLength } from './workload.mjs';

/** The stream of the w-th bench wallet. */
export const walletStream = (w: number): string => streamName('wallet', TENANT, `w${w}`);

/** A store's long wallet streams, ready to be appended to a fresh store. */
export type WalletTemplates = readonly (readonly EventToAppend[])[];

/**
 * Writes every wallet's first `longWalletLength(w)` events with `write(store, w, k)` on a scratch
 * store, and keeps them as templates.
 */
export const longWalletTemplates = async (
  write: (store: InMemoryEventStore, w: number, k: number) => Promise<void>,
): Promise<WalletTemplates> => {
  const store = inMemoryEventStore();
  const templates: EventToAppend[][] = [];
  for (let w = 0; w < WALLETS; w++) {
    for (let k = 0; k < longWalletLength(w); k++) await write(store, w, k);
    templates.push(
      (await store.readStream(walletStream(w))).map((e) => ({
        eventId: e.eventId,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      })),
    );
  }
  return templates;
};

/** A fresh in-memory store holding the templates' wallet streams. */
export const filledStore = async (templates: WalletTemplates): Promise<InMemoryEventStore> => {
  const store = inMemoryEventStore();
  for (const [w, events] of templates.entries()) {
    const done = await store.appendToStream(walletStream(w), events, { expectedRevision: 'no_stream' });
    if (done._tag === 'Left') throw done.left;
  }
  return store;
};

import { createEventStoreDBEventStore } from '@tillstream/adapters';
import type { EventStore, StoredEvent } from '@tillstream/domain';
import { readJsonl, readJsonlFile, type JsonlRecord } from '../jsonl';
import { belongsToTenant, readAllEvents } from '../transfer';
import type { Location } from './location';

/** A store the CLI opened, and how to let it go. */
export interface OpenStore {
  readonly store: EventStore;
  readonly close: () => Promise<void>;
}

/** Connects to the EventStoreDB a connection string names. */
export const openEventStoreDB = (connectionString: string): OpenStore => {
  const store = createEventStoreDBEventStore({ connectionString });
  return { store, close: store.close };
};

/** The JSONL records at a file location (or stdin). */
export const jsonlRecords = (
  location: Location & { readonly kind: 'jsonl' | 'stdin' },
): AsyncIterable<JsonlRecord> =>
  location.kind === 'stdin' ? readJsonl(process.stdin) : readJsonlFile(location.path);

async function* eventsOf(records: AsyncIterable<JsonlRecord>, tenant: string | undefined) {
  for await (const { event } of records) if (belongsToTenant(event, tenant)) yield event;
}

/** Every event at a location, in log order, optionally of one tenant; the store (if any) closes when the reading ends. */
export async function* readLocation(location: Location, tenant?: string): AsyncGenerator<StoredEvent> {
  if (location.kind !== 'eventstoredb') {
    yield* eventsOf(jsonlRecords(location), tenant);
    return;
  }
  const { store, close } = openEventStoreDB(location.connectionString);
  try {
    yield* readAllEvents(store, tenant === undefined ? {} : { tenant });
  } finally {
    await close();
  }
}

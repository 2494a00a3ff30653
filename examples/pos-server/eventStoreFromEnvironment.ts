import { createEventStoreDBEventStore, eventStoreDBKeyStore } from '@tillstream/adapters';
import { inMemoryEventStore, inMemoryKeyStore, type EventStore, type KeyStore } from '@tillstream/domain';

/** The store the server writes to, the key store beside it, and how to let them go on shutdown. */
export interface ChosenStore {
  readonly eventStore: EventStore;
  /** Customers' data keys, kept as durably as the events they open. */
  readonly keys: KeyStore;
  readonly close: () => Promise<void>;
  readonly description: string;
}

/** EventStoreDB when `EVENTSTORE_CONNECTION_STRING` is set (`esdb://localhost:2113?tls=false`), in memory otherwise. */
export const eventStoreFromEnvironment = (env: NodeJS.ProcessEnv = process.env): ChosenStore => {
  const connectionString = env['EVENTSTORE_CONNECTION_STRING'];
  if (connectionString === undefined || connectionString === '')
    return {
      eventStore: inMemoryEventStore(),
      keys: inMemoryKeyStore(),
      close: async () => undefined,
      description: 'the in-memory store (set EVENTSTORE_CONNECTION_STRING for EventStoreDB)',
    };
  const store = createEventStoreDBEventStore({ connectionString });
  return {
    eventStore: store,
    keys: eventStoreDBKeyStore(store.client),
    close: store.close,
    description: `EventStoreDB at ${connectionString}`,
  };
};

/**
 * Each shop's secret for identifier hashes, from `TILLSTREAM_TENANT_SECRET` (one secret for every
 * shop here; a real backend keeps one per shop in its secret store). Keep it stable: a changed
 * secret makes held phones and cards look free.
 */
export const tenantSecretFromEnvironment =
  (env: NodeJS.ProcessEnv = process.env) =>
  (tenantId: string): string =>
    `${env['TILLSTREAM_TENANT_SECRET'] ?? 'development-only-secret'}:${tenantId}`;

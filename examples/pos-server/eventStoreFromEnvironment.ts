import { createEventStoreDBEventStore } from '@tillstream/adapters';
import { inMemoryEventStore, type EventStore } from '@tillstream/domain';

/** The store the server writes to, and how to let it go on shutdown. */
export interface ChosenStore {
  readonly eventStore: EventStore;
  readonly close: () => Promise<void>;
  readonly description: string;
}

/** EventStoreDB when `EVENTSTORE_CONNECTION_STRING` is set (`esdb://localhost:2113?tls=false`), in memory otherwise. */
export const eventStoreFromEnvironment = (env: NodeJS.ProcessEnv = process.env): ChosenStore => {
  const connectionString = env['EVENTSTORE_CONNECTION_STRING'];
  if (connectionString === undefined || connectionString === '')
    return {
      eventStore: inMemoryEventStore(),
      close: async () => undefined,
      description: 'the in-memory store (set EVENTSTORE_CONNECTION_STRING for EventStoreDB)',
    };
  const store = createEventStoreDBEventStore({ connectionString });
  return { eventStore: store, close: store.close, description: `EventStoreDB at ${connectionString}` };
};

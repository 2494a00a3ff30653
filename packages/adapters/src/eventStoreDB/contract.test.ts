// The kernel's EventStore contract, through the real client: on the test server always, on a real
// EventStoreDB when EVENTSTORE_CONNECTION_STRING is set.
import { jest } from '@jest/globals';
import { describeEventStoreContract } from '@tillstream/domain/testing';
import { startEventStoreDBTestServer } from '@tillstream/adapters/testing';
import { createEventStoreDBEventStore } from './eventStoreDBEventStore';

// The property-based contract test runs many subscriptions over a socket; on a loaded machine it
// needs more than jest's default 5 s.
jest.setTimeout(30_000);

describeEventStoreContract('EventStoreDB adapter on the test server', async () => {
  const server = await startEventStoreDBTestServer();
  const store = createEventStoreDBEventStore({ connectionString: server.connectionString });
  return {
    store,
    teardown: async () => {
      await store.close();
      await server.stop();
    },
  };
});

const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];
if (connectionString) {
  describeEventStoreContract(`EventStoreDB adapter on ${connectionString}`, async () => {
    const store = createEventStoreDBEventStore({ connectionString });
    return { store, teardown: () => store.close() };
  });
} else {
  console.info(
    'EventStoreDB contract on a real server: SKIPPED (set EVENTSTORE_CONNECTION_STRING, e.g. ' +
      'esdb://localhost:2113?tls=false after `docker run -p 2113:2113 eventstore/eventstore:24.10 --insecure`).',
  );
}

// Faults: server restart under a live subscription, appends while down, replies lost mid-append.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { contractEvent } from '@tillstream/domain/testing';
import type { EventToAppend, StoredEvent } from '@tillstream/domain';
import { startEventStoreDBTestServer } from '@tillstream/adapters/testing';
import type { EventStoreDBTestServer } from '@tillstream/adapters/testing';
import { retrying as retryEvery } from '../testing/testKit';
import { EventStoreDBError } from './errors';
import type { EventStoreDBEventStore } from './eventStoreDBEventStore';
import { createEventStoreDBEventStore } from './eventStoreDBEventStore';

let server: EventStoreDBTestServer;
let store: EventStoreDBEventStore & { close: () => Promise<void> };
beforeAll(async () => {
  server = await startEventStoreDBTestServer();
  store = createEventStoreDBEventStore({
    connectionString: server.connectionString,
    options: { resubscribe: { maxAttempts: 100, initialDelayMs: 10, maxDelayMs: 100 } },
  });
});
afterAll(async () => {
  await store.close();
  await server.stop();
});

const unique = () => `fault${Math.random().toString(36).slice(2, 10)}`;

const waitFor = async (check: () => boolean, timeoutMs = 8000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const retrying = <T>(action: () => Promise<T>): Promise<T> => retryEvery(action, 50, 20);

const appendOk = async (stream: string, events: EventToAppend[]) => {
  const result = await store.appendToStream(stream, events, { expectedRevision: 'any' });
  if (E.isLeft(result)) throw result.left;
  return result.right;
};

describe('EventStoreDB adapter under faults', () => {
  it('a subscription following $all across a server restart loses nothing and applies nothing twice', async () => {
    const scope = unique();
    const seen: StoredEvent[] = [];
    const sub = store.subscribeToAll(
      { filter: { kind: 'streamPrefix', prefixes: [`${scope}-`] } },
      {
        onEvent: async (event) => {
          seen.push(event);
          // A slow projection, so events are still buffered when the server goes away.
          await new Promise((resolve) => setTimeout(resolve, 1));
        },
      },
    );
    for (let i = 0; i < 10; i++)
      await appendOk(`${scope}-${i % 3}`, [contractEvent('Before'), contractEvent('Before')]);
    await server.stop();
    await server.start();
    for (let i = 0; i < 10; i++) {
      await retrying(() => appendOk(`${scope}-${i % 3}`, [contractEvent('After')]));
    }
    server.dropConnections();
    await retrying(() => appendOk(`${scope}-0`, [contractEvent('Last')]));
    const truth = await retrying(() =>
      store.readAll({ filter: { kind: 'streamPrefix', prefixes: [`${scope}-`] } }),
    );
    expect(truth).toHaveLength(31);
    await waitFor(() => seen.length >= truth.length);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sub.unsubscribe();
    expect(seen.map((e) => e.eventId)).toEqual(truth.map((e) => e.eventId));
  });

  it('an append while the server is down fails with a clear error and writes nothing', async () => {
    const stream = `${unique()}-down`;
    await retrying(() => appendOk(stream, [contractEvent('A')]));
    await server.stop();
    const error = await store
      .appendToStream(stream, [contractEvent('B'), contractEvent('C')], { expectedRevision: 0n })
      .catch((e: unknown) => e);
    await server.start();
    expect(error).toBeInstanceOf(EventStoreDBError);
    expect(error).toMatchObject({ code: 'eventstoredb.unavailable' });
    expect((error as Error).message).toContain(`appending 2 event(s) to ${stream}`);
    const read = await retrying(() => store.readStream(stream));
    expect(read.map((e) => e.type)).toEqual(['A']);
  });

  it('an append whose reply is lost is retried with the same event ids and stored once', async () => {
    const stream = `${unique()}-lost`;
    await retrying(() => appendOk(stream, [contractEvent('A')]));
    const batch = [contractEvent('B'), contractEvent('C')];
    server.dropConnectionsAfterNextCommit();
    const lost = await store.appendToStream(stream, batch, { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(EventStoreDBError);
    const retried = await retrying(() => store.appendToStream(stream, batch, { expectedRevision: 0n }));
    expect(E.isRight(retried) && retried.right.nextExpectedRevision).toBe(2n);
    const read = await store.readStream(stream);
    expect(read.map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });

  it('an append whose reply is lost before the commit could be seen is also safe to retry with any', async () => {
    const stream = `${unique()}-lost-any`;
    const batch = [contractEvent('A'), contractEvent('B')];
    server.dropConnectionsAfterNextCommit();
    await store.appendToStream(stream, batch, { expectedRevision: 'any' }).catch(() => undefined);
    await retrying(() => store.appendToStream(stream, batch, { expectedRevision: 'any' }));
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
  });
});

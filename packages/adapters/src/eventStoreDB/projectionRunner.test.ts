// The projections' runner on EventStoreDB: following $all through server restarts and dropped
// connections, checkpoints in EventStoreDB, a new runner resuming where the last one stopped.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { eventCatalog, integer, type Event, type EventToAppend } from '@tillstream/domain';
import { contractEvent } from '@tillstream/domain/testing';
import { CheckpointConflictError, createProjectionRunner } from '@tillstream/projections';
import type { Projection, ProjectionRunner } from '@tillstream/projections';
import { startEventStoreDBTestServer } from '@tillstream/adapters/testing';
import type { EventStoreDBTestServer } from '@tillstream/adapters/testing';
import { retrying as retryEvery } from '../testing/testKit';
import { eventStoreDBCheckpointStore } from './checkpointStore';
import type { EventStoreDBEventStore } from './eventStoreDBEventStore';
import { createEventStoreDBEventStore } from './eventStoreDBEventStore';

type Counted = Event<'Counted', { readonly n: number }>;
const catalog = eventCatalog<Counted>({ Counted: { codec: t.type({ n: integer }) } });

type Store = EventStoreDBEventStore & { readonly close: () => Promise<void> };
let server: EventStoreDBTestServer;
const stores: Store[] = [];
const connect = (): Store => {
  const store = createEventStoreDBEventStore({
    connectionString: server.connectionString,
    options: { resubscribe: { maxAttempts: 100, initialDelayMs: 10, maxDelayMs: 100 } },
  });
  stores.push(store);
  return store;
};
beforeAll(async () => {
  server = await startEventStoreDBTestServer();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await server.stop();
});

const unique = () => `run${Math.random().toString(36).slice(2, 10)}`;

const retrying = <T>(action: () => Promise<T>): Promise<T> => retryEvery(action, 100, 20);

/** A durable model: a table of applied event ids that outlives runners, as a database would. */
const ledger = (scope: string, table: string[]): Projection<string[], Counted> => ({
  name: scope,
  version: 1,
  events: catalog,
  filter: { kind: 'streamPrefix', prefixes: [`${scope}-`] },
  init: () => {
    table.length = 0;
    return table;
  },
  resume: () => table,
  apply: async (model, { metadata }) => {
    model.push(metadata.eventId);
    // A slow projection, so events are still in flight when the server goes away.
    await new Promise((resolve) => setTimeout(resolve, 1));
    return model;
  },
});

const counted = (n: number): EventToAppend => contractEvent('Counted', { n });

const appendTo = (store: Store, stream: string, events: EventToAppend[]) =>
  retrying(async () => {
    const result = await store.appendToStream(stream, events, { expectedRevision: 'any' });
    if (E.isLeft(result)) throw result.left;
  });

const truthOf = async (store: Store, scope: string) =>
  (await retrying(() => store.readAll({ filter: { kind: 'streamPrefix', prefixes: [`${scope}-`] } }))).map(
    (e) => e.eventId,
  );

const caughtUp = (runner: ProjectionRunner<string[]>) => retrying(() => runner.waitFor());

describe('projection runner on EventStoreDB', () => {
  it('follows $all across a server restart and dropped connections, then a new runner resumes from its checkpoint: nothing lost, nothing applied twice', async () => {
    const scope = unique();
    const table: string[] = [];
    const store = connect();
    let n = 0;
    const batch = async (count: number) => {
      for (let i = 0; i < count; i++)
        await appendTo(store, `${scope}-${i % 3}`, [counted(n++), counted(n++)]);
    };
    await batch(5);
    const first = createProjectionRunner({
      store,
      checkpoints: eventStoreDBCheckpointStore(store.client),
      projection: ledger(scope, table),
    });
    await first.start();
    await batch(5);
    await server.stop();
    await server.start();
    await batch(5);
    server.dropConnections();
    await batch(5);
    await caughtUp(first);
    expect(table).toEqual(await truthOf(store, scope));
    expect((await first.status()).state).toBe('live');
    await first.stop();

    await batch(5);
    // Another process: its own connection and checkpoint store, the same durable table.
    const other = connect();
    const checkpoints = eventStoreDBCheckpointStore(other.client);
    const saved = await checkpoints.load(scope);
    const second = createProjectionRunner({ store: other, checkpoints, projection: ledger(scope, table) });
    await second.start();
    await caughtUp(second);
    const truth = await truthOf(other, scope);
    expect(truth).toHaveLength(50);
    expect(table).toEqual(truth);
    expect(new Set(table).size).toBe(table.length);
    expect((await second.status()).position).toBeGreaterThan(saved?.position ?? 0n);
    await second.stop();
    expect((await checkpoints.load(scope))?.position).toBe((await second.status()).position);
  });

  it('resumes after a runner loses its process, from the checkpoint of its last applied event', async () => {
    const scope = unique();
    const table: string[] = [];
    const store = connect();
    for (let i = 0; i < 6; i++) await appendTo(store, `${scope}-a`, [counted(i)]);
    const doomed = createProjectionRunner({
      store,
      checkpoints: eventStoreDBCheckpointStore(store.client),
      projection: ledger(scope, table),
    });
    await doomed.start();
    await caughtUp(doomed);
    // Dies once its last checkpoint is written: the model and the checkpoint are two writes, and a
    // death between them would hand the last event to the next runner again (see docs/eventstoredb.md).
    const position = (await doomed.status()).position;
    const checkpoints = eventStoreDBCheckpointStore(connect().client);
    while ((await checkpoints.load(scope))?.position !== position)
      await new Promise((resolve) => setTimeout(resolve, 5));
    // The process dies: its connection goes, nothing is saved on the way out.
    await store.close();
    // Ends its retry loop at once, as the end of its process would; nothing is left to save.
    await doomed.stop();
    for (let i = 6; i < 10; i++) await appendTo(connect(), `${scope}-b`, [counted(i)]);
    const other = connect();
    const next = createProjectionRunner({
      store: other,
      checkpoints: eventStoreDBCheckpointStore(other.client),
      projection: ledger(scope, table),
    });
    await next.start();
    await caughtUp(next);
    expect(table).toEqual(await truthOf(other, scope));
    expect(table).toHaveLength(10);
    await next.stop();
  });

  it('lets only one of two runners of the same projection go on; the other fails with a checkpoint conflict', async () => {
    const scope = unique();
    const [a, b] = [connect(), connect()];
    await appendTo(a, `${scope}-a`, [counted(0)]);
    const runners = [a, b].map((store) =>
      createProjectionRunner({
        store,
        checkpoints: eventStoreDBCheckpointStore(store.client),
        projection: ledger(scope, []),
      }),
    );
    for (const runner of runners) await runner.start();
    for (let i = 1; i <= 5; i++) await appendTo(a, `${scope}-a`, [counted(i)]);
    const outcomes = await Promise.all(
      runners.map((r) =>
        r.waitFor().then(
          () => 'ok',
          (e: unknown) => e,
        ),
      ),
    );
    const failures = outcomes.filter((o) => o !== 'ok');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(CheckpointConflictError);
    const states = await Promise.all(runners.map(async (r) => (await r.status()).state));
    expect(states.sort()).toEqual(['failed', 'live']);
    for (const runner of runners) await runner.stop();
  });
});

import { describe, expect, it } from '@jest/globals';
import * as t from 'io-ts';
import {
  eventCatalog,
  inMemoryEventStore,
  integer,
  streamName,
  type Event,
  type EventStore,
  type InMemoryEventStore,
  type StoredEvent,
} from '@tillstream/domain';
import { inMemoryCheckpointStore } from './checkpointStore';
import { PoisonEventError } from './errors';
import type { Projection } from './projection';
import { createProjectionRunner } from './projectionRunner';

type Counted = Event<'Counted', { readonly n: number }>;
const catalog = eventCatalog<Counted>({ Counted: { codec: t.type({ n: integer }) } });

let seq = 0;
const append = async (store: EventStore, data: unknown, type = 'Counted', id = 'a') => {
  const stream = streamName('tally', 'shop1', id);
  const eventId = `e-${++seq}`;
  const metadata = {
    eventId,
    commandId: eventId,
    commandHash: 'h',
    correlationId: eventId,
    causationId: eventId,
    tenantId: 'shop1',
    actor: { role: 'system' as const, id: 'test' },
    occurredAt: '2026-03-01T10:00:00.000Z',
    schemaVersion: 1,
  };
  await store.appendToStream(stream, [{ eventId, type, data, metadata }], { expectedRevision: 'any' });
};
const count = async (store: EventStore, ...ns: number[]) => {
  for (const n of ns) await append(store, { n });
};

/** An in-memory model: a fresh list per start. */
const memoryTally = (version = 1): Projection<number[], Counted> => ({
  name: 'tally',
  version,
  events: catalog,
  init: () => [],
  apply: (model, { event }) => [...model, event.data.n],
});

/** A "durable" model: a table that outlives runners, as a database would. */
const durableTally = (table: number[][], version = 1, scale = 1): Projection<number[], Counted> => ({
  name: 'tally',
  version,
  events: catalog,
  init: () => {
    table.length = 0;
    table.push([]);
    return table[0] as number[];
  },
  resume: () => table[0] as number[],
  apply: (model, { event }) => {
    model.push(event.data.n * scale);
    return model;
  },
});

/** A store whose subscriptions ignore `after` and replay the log from the start: at-least-once delivery. */
const redelivering = (inner: InMemoryEventStore): EventStore => ({
  ...inner,
  subscribeToAll: ({ filter }, handler) =>
    inner.subscribeToAll(filter === undefined ? {} : { filter }, handler),
});

describe('projection runner', () => {
  it('catches up on history, then follows live events', async () => {
    const store = inMemoryEventStore();
    await count(store, 1, 2);
    const runner = createProjectionRunner({
      store,
      checkpoints: inMemoryCheckpointStore(),
      projection: memoryTally(),
    });
    await runner.start();
    await runner.waitFor();
    await count(store, 3);
    await runner.waitFor();
    expect(runner.model()).toEqual([1, 2, 3]);
    const status = await runner.status();
    expect(status).toMatchObject({
      state: 'live',
      position: 3n,
      head: 3n,
      lag: { events: 0, atLeast: false },
    });
    await runner.stop();
  });

  it('reports lag in events behind the head while stopped', async () => {
    const store = inMemoryEventStore();
    const runner = createProjectionRunner({
      store,
      checkpoints: inMemoryCheckpointStore(),
      projection: memoryTally(),
      lagLimit: 2,
    });
    await count(store, 1);
    await runner.start();
    await runner.waitFor();
    await runner.stop();
    await count(store, 2, 3, 4);
    expect((await runner.status()).lag).toEqual({ events: 2, atLeast: true });
  });

  it('restarts mid-stream with a durable model: loses nothing and repeats nothing', async () => {
    const store = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore();
    const table: number[][] = [];
    await count(store, 1, 2, 3);
    const first = createProjectionRunner({ store, checkpoints, projection: durableTally(table) });
    await first.start();
    await first.waitFor();
    await first.stop();
    await count(store, 4, 5);
    // The next runner gets every event again from the store; the checkpoint keeps it from re-applying any.
    const second = createProjectionRunner({
      store: redelivering(store),
      checkpoints,
      projection: durableTally(table),
    });
    await second.start();
    await second.waitFor();
    await count(store, 6);
    await second.waitFor();
    expect(table[0]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await checkpoints.load('tally')).toEqual({ position: 6n, version: 1 });
    await second.stop();
  });

  it('applies a redelivered event once even within one run', async () => {
    const store = inMemoryEventStore();
    await count(store, 1, 2);
    const twice: EventStore = {
      ...store,
      subscribeToAll: (options, handler) =>
        store.subscribeToAll(options, {
          ...handler,
          onEvent: async (e: StoredEvent) => {
            await handler.onEvent(e);
            await handler.onEvent(e);
          },
        }),
    };
    const runner = createProjectionRunner({
      store: twice,
      checkpoints: inMemoryCheckpointStore(),
      projection: memoryTally(),
    });
    await runner.start();
    await runner.waitFor();
    expect(runner.model()).toEqual([1, 2]);
    await runner.stop();
  });

  it('rebuilds an in-memory model from the start on every start of a runner', async () => {
    const store = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore();
    await count(store, 1, 2);
    const first = createProjectionRunner({ store, checkpoints, projection: memoryTally() });
    await first.start();
    await first.waitFor();
    await first.stop();
    await count(store, 3);
    const second = createProjectionRunner({ store, checkpoints, projection: memoryTally() });
    await second.start();
    await second.waitFor();
    expect(second.model()).toEqual([1, 2, 3]);
    await second.stop();
  });

  it('rebuilds from the start when the version changes', async () => {
    const store = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore();
    const table: number[][] = [];
    await count(store, 1, 2);
    const v1 = createProjectionRunner({ store, checkpoints, projection: durableTally(table, 1) });
    await v1.start();
    await v1.waitFor();
    await v1.stop();
    const v2 = createProjectionRunner({ store, checkpoints, projection: durableTally(table, 2, 10) });
    await v2.start();
    await v2.waitFor();
    expect(table[0]).toEqual([10, 20]);
    expect(await checkpoints.load('tally')).toEqual({ position: 2n, version: 2 });
    await v2.stop();
  });

  it('stops at an event that does not decode, naming its stream, revision and cause', async () => {
    const store = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore();
    await count(store, 1);
    await append(store, { n: 'many' });
    await count(store, 3);
    const runner = createProjectionRunner({ store, checkpoints, projection: memoryTally() });
    await runner.start();
    const failure = await runner.waitFor().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(PoisonEventError);
    const error = failure as PoisonEventError;
    expect([error.streamName, error.revision, error.position]).toEqual(['tally-shop1.a', 1n, 2n]);
    expect(error.message).toContain('tally-shop1.a@1');
    expect(error.message).toContain('field "n"');
    expect(runner.model()).toEqual([1]);
    const status = await runner.status();
    expect(status).toMatchObject({ state: 'failed', position: 1n, lastError: error });
    expect(await checkpoints.load('tally')).toEqual({ position: 1n, version: 1 });
  });

  it('stops when apply throws, with the cause in the error', async () => {
    const store = inMemoryEventStore();
    await count(store, 1, 13, 2);
    const picky: Projection<number[], Counted> = {
      ...memoryTally(),
      apply: (model, { event }) => {
        if (event.data.n === 13) throw new Error('13 is unlucky');
        return [...model, event.data.n];
      },
    };
    const runner = createProjectionRunner({
      store,
      checkpoints: inMemoryCheckpointStore(),
      projection: picky,
    });
    await runner.start();
    await expect(runner.waitFor()).rejects.toThrow(
      'Projection tally stopped at Counted tally-shop1.a@1 (position 2): 13 is unlucky',
    );
    expect(runner.model()).toEqual([1]);
  });

  it('parks poison events in a dead-letter list and goes on when asked to', async () => {
    const store = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore();
    await count(store, 1);
    await append(store, { n: 'many' });
    await count(store, 3);
    const told: string[] = [];
    const runner = createProjectionRunner({
      store,
      checkpoints,
      projection: memoryTally(),
      poison: 'dead-letter',
      onDeadLetter: (letter) => told.push(letter.error.message),
    });
    await runner.start();
    await runner.waitFor();
    expect(runner.model()).toEqual([1, 3]);
    const [letter] = runner.deadLetters();
    expect(letter?.event.position).toBe(2n);
    expect(letter?.error.streamName).toBe('tally-shop1.a');
    expect(told).toHaveLength(1);
    expect(await runner.status()).toMatchObject({ state: 'live', position: 3n, deadLetters: 1 });
    await runner.stop();
  });

  it('lets events outside its catalog pass by without treating them as poison', async () => {
    const store = inMemoryEventStore();
    await count(store, 1);
    await append(store, { anything: true }, 'Renamed');
    await count(store, 2);
    const runner = createProjectionRunner({
      store,
      checkpoints: inMemoryCheckpointStore(),
      projection: { ...memoryTally(), filter: { kind: 'streamPrefix', prefixes: ['tally-'] } },
    });
    await runner.start();
    await runner.waitFor();
    expect(runner.model()).toEqual([1, 2]);
    expect(runner.deadLetters()).toEqual([]);
    await runner.stop();
  });

  it('saves checkpoints in batches, and on reaching the head', async () => {
    const store = inMemoryEventStore();
    const saves: bigint[] = [];
    const inner = inMemoryCheckpointStore();
    const checkpoints = {
      ...inner,
      save: async (...args: Parameters<typeof inner.save>) => {
        saves.push(args[1].position);
        return inner.save(...args);
      },
    };
    await count(store, 1, 2, 3, 4, 5);
    const runner = createProjectionRunner({
      store,
      checkpoints,
      projection: memoryTally(),
      checkpointEvery: 2,
    });
    await runner.start();
    await runner.waitFor();
    await runner.stop();
    expect(saves).toEqual([2n, 4n, 5n]);
  });
});

describe('in-memory checkpoint store', () => {
  it('refuses a save whose expected checkpoint is not the stored one', async () => {
    const store = inMemoryCheckpointStore();
    await store.save('p', { position: 5n, version: 1 }, 'none');
    await expect(store.save('p', { position: 6n, version: 1 }, 'none')).rejects.toMatchObject({
      code: 'projection.checkpoint_conflict',
    });
    await store.save('p', { position: 6n, version: 1 }, { position: 5n, version: 1 });
    expect(await store.load('p')).toEqual({ position: 6n, version: 1 });
  });
});

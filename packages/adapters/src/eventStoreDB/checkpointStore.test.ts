// The projections' CheckpointStore port on EventStoreDB, through the real client on the test server.
// The port's rules run against the in-memory store too, so they describe the port, not this adapter.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreDBClient, StreamNotFoundError } from '@eventstore/db-client';
import { CheckpointConflictError, inMemoryCheckpointStore } from '@tillstream/projections';
import type { CheckpointStore } from '@tillstream/projections';
import { contractEvent } from '@tillstream/domain/testing';
import { startEventStoreDBTestServer } from '@tillstream/adapters/testing';
import type { EventStoreDBTestServer } from '@tillstream/adapters/testing';
import {
  CHECKPOINT_EVENT_TYPE,
  DEFAULT_CHECKPOINT_STREAM_PREFIX,
  eventStoreDBCheckpointStore,
} from './checkpointStore';
import { EventStoreDBError } from './errors';
import { eventStoreDBEventStore } from './eventStoreDBEventStore';

let server: EventStoreDBTestServer;
const clients: EventStoreDBClient[] = [];
const connect = () => {
  const client = EventStoreDBClient.connectionString(server.connectionString);
  clients.push(client);
  return client;
};
beforeAll(async () => {
  server = await startEventStoreDBTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server.stop();
});

const unique = () => `p${Math.random().toString(36).slice(2, 10)}`;
const at = (position: bigint, version = 1) => ({ position, version });

const portRules = (name: string, make: () => CheckpointStore) =>
  describe(`CheckpointStore port rules: ${name}`, () => {
    it('loads nothing for a projection that never saved', async () => {
      expect(await make().load(unique())).toBeUndefined();
    });

    it('loads what was saved last, position as a bigint and version', async () => {
      const store = make();
      const p = unique();
      await store.save(p, at(10n), 'none');
      await store.save(p, at(2n ** 70n, 3), at(10n));
      expect(await store.load(p)).toEqual(at(2n ** 70n, 3));
    });

    it('refuses a save whose expected checkpoint is not the stored one, and stores nothing', async () => {
      const store = make();
      const p = unique();
      await store.save(p, at(5n), 'none');
      for (const wrong of ['none', at(4n), at(5n, 2)] as const)
        await expect(store.save(p, at(6n), wrong)).rejects.toBeInstanceOf(CheckpointConflictError);
      expect(await store.load(p)).toEqual(at(5n));
    });

    it('refuses an expected checkpoint when none was ever stored', async () => {
      await expect(make().save(unique(), at(6n), at(5n))).rejects.toMatchObject({
        code: 'projection.checkpoint_conflict',
      });
    });

    it('saves without an expected checkpoint over whatever is stored', async () => {
      const store = make();
      const p = unique();
      await store.save(p, at(5n));
      await store.save(p, at(3n));
      expect(await store.load(p)).toEqual(at(3n));
    });

    it('keeps each projection apart', async () => {
      const store = make();
      const [a, b] = [unique(), unique()];
      await store.save(a, at(1n), 'none');
      await store.save(b, at(2n), 'none');
      expect([await store.load(a), await store.load(b)]).toEqual([at(1n), at(2n)]);
    });
  });

portRules('in memory (the reference)', inMemoryCheckpointStore);
portRules('EventStoreDB', () => eventStoreDBCheckpointStore(connect()));

describe('EventStoreDB checkpoint store', () => {
  it('of two runners racing from the same checkpoint, exactly one saves; the other gets a conflict naming the winner', async () => {
    const p = unique();
    const runners = Array.from({ length: 8 }, () => eventStoreDBCheckpointStore(connect()));
    const results = await Promise.allSettled(runners.map((r, i) => r.save(p, at(BigInt(100 + i)), 'none')));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    const winner = at(BigInt(100 + (won[0] as number)));
    for (const r of results)
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(CheckpointConflictError);
        expect((r.reason as CheckpointConflictError).actual).toEqual(winner);
        expect((r.reason as Error).message).toContain('is another runner of it running?');
      }
    expect(await runners[0]?.load(p)).toEqual(winner);
  });

  it('refuses a runner whose cached checkpoint another runner has moved on from', async () => {
    const p = unique();
    const first = eventStoreDBCheckpointStore(connect());
    const second = eventStoreDBCheckpointStore(connect());
    await first.save(p, at(1n), 'none');
    expect(await second.load(p)).toEqual(at(1n));
    await second.save(p, at(2n), at(1n));
    await expect(first.save(p, at(3n), at(1n))).rejects.toMatchObject({ actual: at(2n) });
    expect(await second.load(p)).toEqual(at(2n));
  });

  it('accepts a save whose expected value is stored, even when another runner wrote it', async () => {
    const p = unique();
    const first = eventStoreDBCheckpointStore(connect());
    const second = eventStoreDBCheckpointStore(connect());
    await first.save(p, at(1n), 'none');
    await second.save(p, at(7n));
    await second.save(p, at(1n));
    // The revision moved on twice but the value is the expected one: the port compares values.
    await first.save(p, at(2n), at(1n));
    expect(await second.load(p)).toEqual(at(2n));
  });

  it('keeps one checkpoint per projection stream: a $ stream with $maxCount 1', async () => {
    const client = connect();
    const p = unique();
    const store = eventStoreDBCheckpointStore(client);
    let expected: { position: bigint; version: number } | 'none' = 'none';
    for (let i = 1n; i <= 5n; i++) {
      await store.save(p, at(i), expected);
      expected = at(i);
    }
    const stream = `${DEFAULT_CHECKPOINT_STREAM_PREFIX}${p}`;
    expect(stream.startsWith('$')).toBe(true);
    expect((await client.getStreamMetadata(stream)).metadata).toEqual({ maxCount: 1 });
    const read = [];
    for await (const e of client.readStream(stream)) read.push(e.event);
    expect(read.map((e) => [e?.type, e?.revision, e?.data])).toEqual([
      [CHECKPOINT_EVENT_TYPE, 4n, { position: '5', version: 1 }],
    ]);
  });

  it('stays out of $all as the event store reads and follows it', async () => {
    const client = connect();
    const events = eventStoreDBEventStore(client);
    const p = unique();
    await events.appendToStream(`${p}-1`, [contractEvent('Seen')], { expectedRevision: 'any' });
    await eventStoreDBCheckpointStore(client).save(p, at(1n), 'none');
    const all = await events.readAll();
    expect(all.some((e) => e.type === CHECKPOINT_EVENT_TYPE)).toBe(false);
    expect(all.some((e) => e.streamName === `${p}-1`)).toBe(true);
  });

  it('uses the stream prefix it is given', async () => {
    const client = connect();
    const p = unique();
    await eventStoreDBCheckpointStore(client, { streamPrefix: 'checkpoints-' }).save(p, at(9n), 'none');
    const [read] = await eventStoreDBEventStore(client).readStream(`checkpoints-${p}`);
    expect(read?.data).toEqual({ position: '9', version: 1 });
    await expect(
      (async () => {
        for await (const e of client.readStream(`${DEFAULT_CHECKPOINT_STREAM_PREFIX}${p}`)) void e;
      })(),
    ).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('refuses to load a checkpoint stream that holds something else', async () => {
    const client = connect();
    const p = unique();
    await eventStoreDBEventStore(client, {}).appendToStream(
      `checkpoints-${p}`,
      [contractEvent('NotACheckpoint')],
      { expectedRevision: 'any' },
    );
    await expect(
      eventStoreDBCheckpointStore(client, { streamPrefix: 'checkpoints-' }).load(p),
    ).rejects.toMatchObject({
      code: 'eventstoredb.bad_checkpoint',
    });
  });

  it('gives up with a clear error when the server stays down past its retries', async () => {
    const p = unique();
    const retry = { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10 };
    const store = eventStoreDBCheckpointStore(connect(), { retry });
    await store.save(p, at(1n), 'none');
    await server.stop();
    const error = await store.save(p, at(2n), at(1n)).catch((e: unknown) => e);
    await server.start();
    expect(error).toBeInstanceOf(EventStoreDBError);
    expect(error).toMatchObject({ code: 'eventstoredb.unavailable' });
    expect((error as Error).message).toContain(`saving the checkpoint of projection ${p}`);
    await expect(store.save(p, at(2n), at(1n))).resolves.toBeUndefined();
    expect(await store.load(p)).toEqual(at(2n));
  });

  it('rides out a server restart: a save made while the server is down completes once it is back', async () => {
    const p = unique();
    const store = eventStoreDBCheckpointStore(connect(), {
      retry: { maxAttempts: 100, initialDelayMs: 10, maxDelayMs: 20 },
    });
    await store.save(p, at(1n), 'none');
    await server.stop();
    const saving = store.save(p, at(2n), at(1n));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.start();
    await expect(saving).resolves.toBeUndefined();
    expect(await store.load(p)).toEqual(at(2n));
  });

  it('retries a save whose reply was lost as the same write, not as a conflict with itself', async () => {
    const p = unique();
    const client = connect();
    const store = eventStoreDBCheckpointStore(client, {
      retry: { maxAttempts: 100, initialDelayMs: 10, maxDelayMs: 20 },
    });
    await store.save(p, at(1n), 'none');
    server.dropConnectionsAfterNextCommit();
    await store.save(p, at(2n), at(1n));
    await store.save(p, at(3n), at(2n));
    const [last] = await eventStoreDBEventStore(client).readStream(`${DEFAULT_CHECKPOINT_STREAM_PREFIX}${p}`);
    expect(last?.revision).toBe(2n);
    expect(await store.load(p)).toEqual(at(3n));
  });
});

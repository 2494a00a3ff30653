// Cluster connection strings and leader-only writes, through the real client: test servers play a
// leader and a follower, answering Gossip (for esdb+discover://) and `not-leader` as EventStoreDB does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import * as E from 'fp-ts/Either';
import { contractEvent } from '@tillstream/domain/testing';
import { startEventStoreDBTestServer } from '@tillstream/adapters/testing';
import type { EventStoreDBTestServer } from '@tillstream/adapters/testing';
import { EventStoreDBError } from './errors';
import type { EventStoreDBEventStoreOptions } from './eventStoreDBEventStore';
import { createEventStoreDBEventStore } from './eventStoreDBEventStore';

type Store = ReturnType<typeof createEventStoreDBEventStore>;
let leader: EventStoreDBTestServer;
let follower: EventStoreDBTestServer;
const stores: Store[] = [];
const connect = (connectionString: string, options: EventStoreDBEventStoreOptions = {}): Store => {
  const store = createEventStoreDBEventStore({ connectionString, options });
  stores.push(store);
  return store;
};

/** A loopback port nobody listens on. */
const deadPort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 1));
    });
  });

beforeAll(async () => {
  leader = await startEventStoreDBTestServer();
  follower = await startEventStoreDBTestServer({
    cluster: { role: 'follower', leader: { host: '127.0.0.1', port: leader.port } },
  });
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all([leader.stop(), follower.stop()]);
});

const unique = () => `cluster${Math.random().toString(36).slice(2, 10)}-1`;
const FAST_DISCOVERY = 'tls=false&maxDiscoverAttempts=3&discoveryInterval=10&gossipTimeout=1';

const append = (store: Store, stream: string) =>
  store.appendToStream(stream, [contractEvent('Written')], { expectedRevision: 'no_stream' });

/** Which node holds the stream: read from each one directly. */
const holders = async (stream: string) => ({
  leader: (await connect(leader.connectionString).readStream(stream)).length,
  follower: (await connect(follower.connectionString).readStream(stream)).length,
});

describe('EventStoreDB cluster connection strings and leader preference', () => {
  it('discovers the leader through a follower seed (esdb+discover://, nodePreference=leader) and writes there', async () => {
    const store = connect(
      `esdb+discover://127.0.0.1:${follower.port}?nodePreference=leader&${FAST_DISCOVERY}`,
    );
    const stream = unique();
    expect(E.isRight(await append(store, stream))).toBe(true);
    expect(await holders(stream)).toEqual({ leader: 1, follower: 0 });
  });

  it('takes several hosts as gossip seeds and skips one that is down', async () => {
    const down = await deadPort();
    const store = connect(`esdb://127.0.0.1:${down},127.0.0.1:${follower.port}?${FAST_DISCOVERY}`);
    const stream = unique();
    expect(E.isRight(await append(store, stream))).toBe(true);
    expect(await holders(stream)).toEqual({ leader: 1, follower: 0 });
  });

  it('sends appends as leader-only: a follower refuses with not-leader, and the retry lands on the leader it named', async () => {
    const store = connect(
      `esdb+discover://127.0.0.1:${follower.port}?nodePreference=follower&${FAST_DISCOVERY}`,
    );
    const stream = unique();
    const refused = await append(store, stream).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EventStoreDBError);
    expect(refused).toMatchObject({
      code: 'eventstoredb.unavailable',
      details: { clientErrorType: 'not-leader' },
    });
    expect(await holders(stream)).toEqual({ leader: 0, follower: 0 });
    expect(E.isRight(await append(store, stream))).toBe(true);
    expect(await holders(stream)).toEqual({ leader: 1, follower: 0 });
  });

  it('writes wherever it is connected when requiresLeader is off', async () => {
    const store = connect(
      `esdb+discover://127.0.0.1:${follower.port}?nodePreference=follower&${FAST_DISCOVERY}`,
      {
        requiresLeader: false,
      },
    );
    const stream = unique();
    expect(E.isRight(await append(store, stream))).toBe(true);
    expect(await holders(stream)).toEqual({ leader: 0, follower: 1 });
  });

  it('fails with a clear error when discovery finds no node', async () => {
    const down = await deadPort();
    const store = connect(`esdb+discover://127.0.0.1:${down}?${FAST_DISCOVERY}`);
    const error = await append(store, unique()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreDBError);
    expect(error).toMatchObject({ code: 'eventstoredb.unavailable' });
    expect((error as Error).message).toContain('Failed to discover after 3 attempts');
  });

  it('refuses a malformed connection string at once, naming the problem', () => {
    expect(() =>
      createEventStoreDBEventStore({ connectionString: 'esdb+discover://?nodePreference=nearest' }),
    ).toThrow(/nodePreference|host/i);
  });
});

// The domain's KeyStore port on EventStoreDB, through the real client on the test server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreDBClient, StreamDeletedError } from '@eventstore/db-client';
import { inMemoryKeyStore } from '@tillstream/domain';
import type { KeyStore } from '@tillstream/domain';
import { startEventStoreDBTestServer } from '@tillstream/adapters/testing';
import type { EventStoreDBTestServer } from '@tillstream/adapters/testing';
import { contractEvent } from '@tillstream/domain/testing';
import { eventStoreDBEventStore } from './eventStoreDBEventStore';
import { DEFAULT_KEY_STREAM_PREFIX, eventStoreDBKeyStore } from './keyStore';

let server: EventStoreDBTestServer;
let client: EventStoreDBClient;
beforeAll(async () => {
  server = await startEventStoreDBTestServer();
  client = EventStoreDBClient.connectionString(server.connectionString);
});
afterAll(async () => {
  await client.dispose();
  await server.stop();
});

const subject = () => ({ tenantId: 'shop1', subjectId: `c${Math.random().toString(36).slice(2, 10)}` });

const portRules = (name: string, make: () => KeyStore) =>
  describe(`KeyStore port rules: ${name}`, () => {
    it('has no key for a subject until one is obtained, then always the same one', async () => {
      const keys = make();
      const s = subject();
      expect(await keys.find(s)).toBeUndefined();
      const key = await keys.obtain(s);
      expect(key?.length).toBe(32);
      expect(Buffer.from((await keys.obtain(s)) ?? [])).toEqual(Buffer.from(key ?? []));
      expect(Buffer.from((await keys.find(s)) ?? [])).toEqual(Buffer.from(key ?? []));
    });

    it('never gives a destroyed key back, nor makes a new one', async () => {
      const keys = make();
      const s = subject();
      await keys.obtain(s);
      await keys.destroy(s);
      await keys.destroy(s);
      expect([await keys.find(s), await keys.obtain(s)]).toEqual([undefined, undefined]);
    });

    it('destroys a key that was never made, so the subject never gets one', async () => {
      const keys = make();
      const s = subject();
      await keys.destroy(s);
      expect(await keys.obtain(s)).toBeUndefined();
    });
  });

portRules('in memory', inMemoryKeyStore);
portRules('EventStoreDB', () => eventStoreDBKeyStore(client));

describe('the EventStoreDB key store', () => {
  it('keeps keys in system streams that $all readers never see, and tombstones them on destroy', async () => {
    const keys = eventStoreDBKeyStore(client);
    const s = subject();
    await keys.obtain(s);
    const stream = `${DEFAULT_KEY_STREAM_PREFIX}${s.tenantId}.${s.subjectId}`;
    const customer = `customer-${s.tenantId}.${s.subjectId}`;
    await eventStoreDBEventStore(client).appendToStream(customer, [contractEvent('Registered')], {
      expectedRevision: 'no_stream',
    });
    const seen = (await eventStoreDBEventStore(client).readAll()).map((e) => e.streamName);
    expect(seen).toContain(customer);
    expect(seen).not.toContain(stream);
    await keys.destroy(s);
    const read = async () => {
      const events = [];
      for await (const resolved of client.readStream(stream)) events.push(resolved);
      return events;
    };
    await expect(read()).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('agrees with another process on one key when both make it at once', async () => {
    const s = subject();
    const [a, b] = await Promise.all([
      eventStoreDBKeyStore(client).obtain(s),
      eventStoreDBKeyStore(client).obtain(s),
    ]);
    expect(Buffer.from(a ?? [])).toEqual(Buffer.from(b ?? []));
  });
});

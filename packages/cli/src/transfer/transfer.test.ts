import { describe, expect, it } from '@jest/globals';
import { createEventStoreDBEventStore } from '@tillstream/adapters';
import { startEventStoreDBTestServer } from '@tillstream/adapters/testing';
import { inMemoryEventStore, type EventStore } from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { PassThrough, Readable } from 'node:stream';
import { readJsonl } from '../jsonl';
import { exportEvents } from './exportEvents';
import { importEvents } from './importEvents';
import { readAllEvents } from './readAllEvents';

const metadata = (eventId: string, tenantId: string) => ({
  eventId,
  commandId: `c-${eventId}`,
  commandHash: 'h',
  correlationId: `c-${eventId}`,
  causationId: `c-${eventId}`,
  tenantId,
  actor: { role: 'operator' as const, id: 'anna' },
  occurredAt: '2026-03-01T10:00:00.000Z',
  schemaVersion: 1,
});

/** Interleaves appends to several streams of two tenants, some appends holding several events. */
const seed = async <S extends EventStore>(store: S): Promise<S> => {
  const streams = ['wallet-shop1.a', 'order-shop1.o1', 'wallet-shop2.b', 'customer-shop1.a'];
  let n = 0;
  for (let round = 0; round < 5; round++) {
    for (const stream of streams) {
      const tenant = stream.includes('shop2') ? 'shop2' : 'shop1';
      const events = Array.from({ length: 1 + (round % 2) }, () => {
        const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
        return { eventId: id, type: 'Something', data: { n, text: 'ż\n"' }, metadata: metadata(id, tenant) };
      });
      await store.appendToStream(stream, events, { expectedRevision: 'any' });
    }
  }
  return store;
};

const exported = async (store: EventStore, tenant?: string): Promise<string> => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportEvents(readAllEvents(store, { pageSize: 7, ...(tenant === undefined ? {} : { tenant }) }), out);
  return Buffer.concat(chunks).toString('utf8');
};

const fromText = (text: string) => readJsonl(Readable.from([text]));

describe('export and import', () => {
  it('round-trips byte for byte: export, import into an empty store, export again', async () => {
    const first = await exported(await seed(inMemoryEventStore()));
    const target = inMemoryEventStore();
    expect(await importEvents(fromText(first), target)).toEqual(E.right(28));
    expect(await exported(target)).toBe(first);
  });

  it('keeps every event id, type, data, metadata and revision, in the same order', async () => {
    const source = await seed(inMemoryEventStore());
    const target = inMemoryEventStore();
    await importEvents(fromText(await exported(source)), target);
    expect(target.allEvents()).toEqual(source.allEvents());
  });

  it('exports one tenant only when asked', async () => {
    const text = await exported(await seed(inMemoryEventStore()), 'shop2');
    const streams = new Set(
      text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { stream: string }).stream),
    );
    expect([...streams]).toEqual(['wallet-shop2.b']);
  });

  it('can be run again after an interruption without duplicating anything', async () => {
    const text = await exported(await seed(inMemoryEventStore()));
    const target = inMemoryEventStore();
    const half = text.split('\n').slice(0, 11).join('\n');
    await importEvents(fromText(half), target);
    expect(await importEvents(fromText(text), target)).toEqual(E.right(28));
    expect(await exported(target)).toBe(text);
  });

  it('refuses, naming the line, an event whose stream already holds other events in the target', async () => {
    const text = await exported(await seed(inMemoryEventStore()));
    const target = inMemoryEventStore();
    await target.appendToStream(
      'order-shop1.o1',
      [{ eventId: 'other', type: 'Other', data: {}, metadata: metadata('other', 'shop1') }],
      { expectedRevision: 'no_stream' },
    );
    const result = await importEvents(fromText(text), target);
    expect(E.isLeft(result) && result.left.message).toMatch(
      /^Line 2: order-shop1\.o1 revision 0 cannot be appended, the target stream is at 0/,
    );
  });

  it('refuses a file that skips a revision, naming the line after the gap', async () => {
    const lines = (await exported(await seed(inMemoryEventStore()))).trim().split('\n');
    // Line 5 is wallet-shop1.a revision 1; drop it so that line 6 of the file jumps to revision 2.
    const tampered = lines.filter((_, i) => i !== 4).join('\n');
    const result = await importEvents(fromText(tampered), inMemoryEventStore());
    expect(E.isLeft(result) && result.left).toMatchObject({ code: 'import.conflict', line: 5 });
  });
});

describe('export and import on EventStoreDB (the test server, through the real client)', () => {
  it('round-trips byte for byte, positions included, into an empty server', async () => {
    const servers = [await startEventStoreDBTestServer(), await startEventStoreDBTestServer()];
    const [a, b] = servers.map((s) => createEventStoreDBEventStore({ connectionString: s.connectionString }));
    try {
      const first = await exported(await seed(a!));
      expect(await importEvents(fromText(first), b!)).toEqual(E.right(28));
      expect(await exported(b!)).toBe(first);
    } finally {
      for (const store of [a, b]) await store?.close();
      for (const server of servers) await server.stop();
    }
  });
});

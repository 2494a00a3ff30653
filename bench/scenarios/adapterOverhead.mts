import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { JSONType } from '@eventstore/db-client';
import { eventStoreDBEventStore } from '@tillstream/adapters';
import { startEventStoreDBTestServer } from '@tillstream/adapters/testing';
import type { EventToAppend } from '@tillstream/domain';
import type { CaseResult, Scenario } from '../harness.mjs';
import { measure, ratioTarget } from '../harness.mjs';

const STREAMS = 100;
const READ_LENGTH = 20;

/** One event as tillstream appends it: JSON data, the envelope as metadata, the kernel's id. */
const event = (n: number): EventToAppend => {
  const eventId = randomUUID();
  return {
    eventId,
    type: 'PointsEarned',
    data: { customerId: `c${n % STREAMS}`, points: n % 500, orderId: `o-${n}` },
    metadata: {
      eventId,
      commandId: eventId,
      commandHash: 'bench',
      correlationId: eventId,
      causationId: eventId,
      tenantId: 'shop1',
      actor: { role: 'operator', id: 'op-1' },
      occurredAt: '2026-03-01T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
};

/**
 * The EventStoreDB adapter against the raw `@eventstore/db-client` calls it makes, on the same
 * in-process test server: the ratio is what the adapter adds (mapping, checks, errors), since both
 * sides pay the same socket and server.
 */
export const adapterOverhead: Scenario = {
  name: 'adapterOverhead',
  title: 'EventStoreDB adapter overhead against raw client calls (test server, loopback)',
  run: async (mode) => {
    const server = await startEventStoreDBTestServer();
    const client = EventStoreDBClient.connectionString(server.connectionString);
    const store = eventStoreDBEventStore(client);
    try {
      const readStream = `read-${randomUUID()}`;
      for (let i = 0; i < READ_LENGTH; i++)
        await store.appendToStream(readStream, [event(i)], { expectedRevision: 'any' });

      let n = 0;
      const rawAppendOnce = async () => {
        const e = event(n++);
        // The adapter sends appends as leader-only; the raw call does too, so only the adapter differs.
        await client.appendToStream(
          `raw-${n % STREAMS}`,
          jsonEvent({
            id: e.eventId,
            type: e.type,
            data: e.data as JSONType,
            metadata: e.metadata as unknown as JSONType,
          }),
          { expectedRevision: 'any', requiresLeader: true },
        );
      };
      const rawReadOnce = async () => {
        const read: unknown[] = [];
        for await (const resolved of client.readStream(readStream)) read.push(resolved);
      };
      // Both sides share the channel and the BatchAppend call: open and warm them before either is measured.
      for (let i = 0; i < 300; i++) {
        await rawAppendOnce();
        await store.appendToStream(`adapter-${n % STREAMS}`, [event(n++)], { expectedRevision: 'any' });
        if (i % 10 === 0) await Promise.all([rawReadOnce(), store.readStream(readStream)]);
      }
      const rawAppend = await measure(
        mode,
        'adapterOverhead',
        'raw client: append 1 event',
        'appends/s',
        rawAppendOnce,
      );
      const adapterAppend = await measure(
        mode,
        'adapterOverhead',
        'adapter: append 1 event',
        'appends/s',
        async () => {
          const result = await store.appendToStream(`adapter-${n % STREAMS}`, [event(n++)], {
            expectedRevision: 'any',
          });
          if (result._tag === 'Left') throw result.left;
        },
      );
      const rawRead = await measure(
        mode,
        'adapterOverhead',
        `raw client: read a ${READ_LENGTH}-event stream`,
        'reads/s',
        rawReadOnce,
      );
      const adapterRead = await measure(
        mode,
        'adapterOverhead',
        `adapter: read a ${READ_LENGTH}-event stream`,
        'reads/s',
        () => store.readStream(readStream),
      );
      const cases: CaseResult[] = [rawAppend, adapterAppend, rawRead, adapterRead];
      return {
        cases,
        targets: [
          ...ratioTarget('EventStoreDB adapter append ≥ 0.8× raw client', adapterAppend, rawAppend, 0.8),
          ...ratioTarget('EventStoreDB adapter stream read ≥ 0.8× raw client', adapterRead, rawRead, 0.8),
        ],
      };
    } finally {
      await client.dispose();
      await server.stop();
    }
  },
};

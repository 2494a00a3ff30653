import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Command, Decider } from './decider';
import { decodeRecorded } from './decodeRecorded';
import type { Event, StoredEvent } from './envelope';
import { EventDecodeError } from './errors';
import { eventCatalog, type EventCatalog } from './eventCatalog';
import { decodeEvent, handleCommand } from './handleCommand';
import { inMemoryEventStore } from './inMemoryEventStore';
import { streamName } from './streamName';

type Counted = Event<'Counted', { readonly n: number; readonly label?: string }>;
const inner = eventCatalog<Counted>({
  Counted: { codec: t.intersection([t.type({ n: t.number }), t.partial({ label: t.string })]) },
});
const decodes = { count: 0 };
const catalog: EventCatalog<Counted> = {
  ...inner,
  decode: (type, data, version) => {
    decodes.count++;
    return inner.decode(type, data, version);
  },
};
const stream = streamName('counter', 'shop1', 'one');

const storedWith = (type: string, data: unknown, schemaVersion = 1): StoredEvent => ({
  eventId: 'e-1',
  type,
  data,
  metadata: {
    eventId: 'e-1',
    commandId: 'c-1',
    commandHash: 'h',
    correlationId: 'c-1',
    causationId: 'c-1',
    tenantId: 'shop1',
    actor: { role: 'operator', id: 'op-1' },
    occurredAt: '2026-03-01T10:00:00.000Z',
    schemaVersion,
  },
  streamName: stream,
  revision: 3n,
  position: 7n,
});

describe('decodeRecorded', () => {
  it('gives what decodeEvent gives, a recorded event or the same decode error, for any data', () => {
    const data = fc.oneof(
      fc.record({ n: fc.double(), label: fc.option(fc.string(), { nil: undefined }) }),
      fc.record({ n: fc.anything(), label: fc.anything() }),
      fc.anything(),
    );
    fc.assert(
      fc.property(
        data,
        fc.constantFrom('Counted', 'Unknown'),
        fc.integer({ min: 1, max: 3 }),
        (d, type, v) => {
          const stored = storedWith(type, d, v);
          const expected = decodeEvent(catalog, stored);
          const got = decodeRecorded(catalog, stored);
          if (E.isRight(expected)) expect(got).toEqual(expected.right);
          else {
            expect(got).toBeInstanceOf(EventDecodeError);
            expect((got as EventDecodeError).toJSON()).toEqual(expected.left.toJSON());
          }
        },
      ),
    );
  });

  it('takes an event its catalog checked on the way into the in-memory store as decoded', async () => {
    const store = inMemoryEventStore();
    const decider: Decider<Command<'Count', object>, Counted, number> = {
      initialState: () => 0,
      evolve: (n) => n + 1,
      decide: (_c, n) => E.right([{ type: 'Counted', data: { n: n + 1 } }]),
    };
    const metadata = {
      commandId: 'c-1',
      tenantId: 'shop1',
      actor: { role: 'operator' as const, id: 'op-1' },
      now: new Date('2026-03-01T10:00:00Z'),
    };
    await handleCommand(store, { decider, events: catalog }, stream, { type: 'Count', data: {}, metadata });
    const [stored] = await store.readStream(stream);
    decodes.count = 0;
    const got = decodeRecorded(catalog, stored as StoredEvent);
    expect(decodes.count).toBe(0);
    expect(got).toEqual({
      event: { type: 'Counted', data: { n: 1 } },
      metadata: stored?.metadata,
      streamName: stream,
      revision: 0n,
      position: stored?.position,
    });
    // Another catalog of the same events did not check it: it decodes.
    expect(decodeRecorded(inner, stored as StoredEvent)).toEqual(got);
  });
});

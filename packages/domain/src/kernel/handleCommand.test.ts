import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Command, Decider } from './decider';
import type { Event, EventToAppend } from './envelope';
import {
  ConcurrencyError,
  DomainError,
  EventDecodeError,
  IdempotencyConflictError,
  InvalidEventError,
} from './errors';
import { integer } from './codecs';
import { commandHash } from './commandHash';
import { eventCatalog } from './eventCatalog';
import type { EventStore } from './eventStore';
import { handleCommand, stateCache } from './handleCommand';
import { inMemoryEventStore } from './inMemoryEventStore';
import { streamName } from './streamName';

// A tab that takes integer amounts: just enough domain to exercise the handler.
type TabCommand = Command<'Add', { readonly amount: number }>;
type TabEvent = Event<'Added', { readonly amount: number; readonly total: number }>;
const tabDecider: Decider<TabCommand, TabEvent, { total: number }> = {
  initialState: () => ({ total: 0 }),
  evolve: (_state, event) => ({ total: event.data.total }),
  decide: (command, state) =>
    command.data.amount === 0
      ? E.left(new DomainError('tab.zero', 'Nothing to add.'))
      : E.right([
          { type: 'Added', data: { amount: command.data.amount, total: state.total + command.data.amount } },
        ]),
};
const tab = {
  decider: tabDecider,
  events: eventCatalog<TabEvent>({ Added: { codec: t.type({ amount: integer, total: t.number }) } }),
};

const meta = (commandId: string, tenantId = 'shop1') => ({
  commandId,
  tenantId,
  actor: { role: 'operator' as const, id: 'op-1' },
  now: new Date('2026-03-01T10:00:00Z'),
});
const add = (amount: number, commandId: string, tenantId?: string): TabCommand => ({
  type: 'Add',
  data: { amount },
  metadata: meta(commandId, tenantId),
});
const tabStream = streamName('tab', 'shop1', 'one');

describe('handleCommand', () => {
  it('appends the decided events with envelope metadata from the command', async () => {
    const store = inMemoryEventStore();
    const result = await handleCommand(store, tab, tabStream, add(5, 'cmd-1'));
    expect(E.isRight(result) && result.right.state).toEqual({ total: 5 });
    const [stored] = await store.readStream(tabStream);
    expect(stored?.metadata).toMatchObject({
      commandId: 'cmd-1',
      correlationId: 'cmd-1',
      tenantId: 'shop1',
      actor: { role: 'operator', id: 'op-1' },
      occurredAt: '2026-03-01T10:00:00.000Z',
      schemaVersion: 1,
    });
  });

  it('returns each written event with its place in the stream and the state after all of them', async () => {
    // Adds in steps of one: a command writes as many events as its amount.
    const stepper = {
      ...tab,
      decider: {
        ...tabDecider,
        decide: (command: TabCommand, state: { total: number }) =>
          E.right(
            Array.from({ length: command.data.amount }, (_, i): TabEvent => ({
              type: 'Added',
              data: { amount: 1, total: state.total + i + 1 },
            })),
          ),
      },
    };
    const store = inMemoryEventStore();
    await handleCommand(store, stepper, tabStream, add(2, 'first'));
    const result = await handleCommand(store, stepper, tabStream, add(3, 'second'));
    if (E.isLeft(result)) throw result.left;
    expect(result.right.events.map((e) => [e.revision, e.event.data.total])).toEqual([
      [2n, 3],
      [3n, 4],
      [4n, 5],
    ]);
    expect([result.right.revision, result.right.state]).toEqual([4n, { total: 5 }]);
    const stored = await store.readStream(tabStream);
    expect(result.right.events.map((e) => e.metadata.eventId)).toEqual(stored.slice(2).map((e) => e.eventId));
  });

  it('lets two handlers racing on one stream both succeed by re-reading and re-deciding', async () => {
    const store = inMemoryEventStore();
    const results = await Promise.all([
      handleCommand(store, tab, tabStream, add(2, 'a')),
      handleCommand(store, tab, tabStream, add(3, 'b')),
    ]);
    expect(results.every(E.isRight)).toBe(true);
    const totals = (await store.readStream(tabStream)).map((e) => (e.data as { total: number }).total);
    expect(totals).toEqual([2, 5]);
  });

  it('gives the loser a ConcurrencyError once its retries are used up', async () => {
    const inner = inMemoryEventStore();
    // A rival writes between every read and append, so every attempt conflicts.
    const busy: EventStore = {
      ...inner,
      appendToStream: async (name, events, options) => {
        await handleCommand(inner, tab, name, add(1, `rival-${Math.random()}`));
        return inner.appendToStream(name, events, options);
      },
    };
    const result = await handleCommand(busy, tab, tabStream, add(7, 'loser'), { maxAttempts: 3 });
    expect(E.isLeft(result)).toBe(true);
    const error = (result as E.Left<ConcurrencyError>).left;
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error.attempts).toBe(3);
    expect(error.streamName).toBe(tabStream);
    const written = await inner.readStream(tabStream);
    expect(written.filter((e) => e.metadata.commandId === 'loser')).toHaveLength(0);
  });

  it('writes nothing for a re-sent command and returns the first result', async () => {
    const store = inMemoryEventStore();
    const first = await handleCommand(store, tab, tabStream, add(4, 'once'));
    await handleCommand(store, tab, tabStream, add(1, 'other'));
    const again = await handleCommand(store, tab, tabStream, add(4, 'once'));
    expect(await store.readStream(tabStream)).toHaveLength(2);
    expect(E.isRight(again) && again.right.idempotent).toBe(true);
    expect(E.isRight(again) && again.right.events.map((e) => e.event)).toEqual(
      E.isRight(first) ? first.right.events.map((e) => e.event) : undefined,
    );
  });

  it('refuses a re-used command id carrying a different request', async () => {
    const store = inMemoryEventStore();
    await handleCommand(store, tab, tabStream, add(4, 'once'));
    const reused = await handleCommand(store, tab, tabStream, add(9, 'once'));
    expect(E.isLeft(reused) && reused.left).toBeInstanceOf(IdempotencyConflictError);
    expect(await store.readStream(tabStream)).toHaveLength(1);
  });

  it('recognises a command stored with the SHA-256 commandHash of earlier versions, and refuses another request under its id', async () => {
    const store = inMemoryEventStore();
    const legacy: EventToAppend = {
      eventId: 'e0c3a0d2-8d4f-5b1e-9c57-3b1f6e2a9d10',
      type: 'Added',
      data: { amount: 4, total: 4 },
      metadata: {
        eventId: 'e0c3a0d2-8d4f-5b1e-9c57-3b1f6e2a9d10',
        commandId: 'old',
        commandHash: commandHash('Add', { amount: 4 }),
        correlationId: 'old',
        causationId: 'old',
        tenantId: 'shop1',
        actor: { role: 'operator', id: 'op-1' },
        occurredAt: '2026-03-01T10:00:00.000Z',
        schemaVersion: 1,
      },
    };
    await store.appendToStream(tabStream, [legacy], { expectedRevision: 'no_stream' });
    const again = await handleCommand(store, tab, tabStream, add(4, 'old'));
    expect(E.isRight(again) && again.right.idempotent).toBe(true);
    const reused = await handleCommand(store, tab, tabStream, add(5, 'old'));
    expect(E.isLeft(reused) && reused.left).toBeInstanceOf(IdempotencyConflictError);
    expect(await store.readStream(tabStream)).toHaveLength(1);
  });

  it('names stream, revision, type and field when a stored event does not decode', async () => {
    const store = inMemoryEventStore();
    await handleCommand(store, tab, tabStream, add(4, 'ok'));
    const bad: EventToAppend = {
      eventId: '5b0a4a8e-2f7c-4c39-9d54-9a8f2a3f0c11',
      type: 'Added',
      data: { amount: 'lots', total: 4 },
      metadata: { ...(await store.readStream(tabStream))[0]!.metadata, eventId: 'x', commandId: 'forged' },
    };
    await store.appendToStream(tabStream, [bad], { expectedRevision: 0n });
    const result = await handleCommand(store, tab, tabStream, add(1, 'next'));
    const error = (result as E.Left<EventDecodeError>).left;
    expect(error).toBeInstanceOf(EventDecodeError);
    expect([error.streamName, error.revision, error.eventType, error.field]).toEqual([
      tabStream,
      1n,
      'Added',
      'amount',
    ]);
    expect(error.message).toContain('"lots"');
  });

  it('refuses to write an event its schema rejects, and writes nothing', async () => {
    const store = inMemoryEventStore();
    const result = await handleCommand(store, tab, tabStream, add(1.5, 'float'));
    expect(E.isLeft(result) && result.left).toBeInstanceOf(InvalidEventError);
    expect(E.isLeft(result) && result.left.details['field']).toBe('amount');
    expect(await store.readStream(tabStream)).toEqual([]);
  });

  it('returns a refusal from the decider as a value and writes nothing', async () => {
    const store = inMemoryEventStore();
    const result = await handleCommand(store, tab, tabStream, add(0, 'zero'));
    expect(E.isLeft(result) && result.left.code).toBe('tab.zero');
    expect(await store.readStream(tabStream)).toEqual([]);
  });

  it('seals tenants: a command of one tenant cannot touch another tenant stream', async () => {
    const store = inMemoryEventStore();
    const result = await handleCommand(store, tab, tabStream, add(3, 'intruder', 'shop2'));
    expect(E.isLeft(result) && result.left.code).toBe('tenant.sealed');
    expect(await store.readStream(tabStream)).toEqual([]);
  });

  it('reads old schema versions through upcasters', async () => {
    const store = inMemoryEventStore();
    const v1 = eventCatalog<Event<'Added', { amount: number }>>({
      Added: { codec: t.type({ amount: t.number }) },
    });
    await handleCommand(
      store,
      {
        decider: {
          initialState: () => ({}),
          evolve: (s) => s,
          decide: (c: TabCommand) => E.right([{ type: 'Added' as const, data: { amount: c.data.amount } }]),
        },
        events: v1,
      },
      tabStream,
      add(6, 'old'),
    );
    const v2 = {
      decider: tabDecider,
      events: eventCatalog<TabEvent>({
        Added: {
          codec: t.type({ amount: integer, total: t.number }),
          version: 2,
          upcasters: { 1: (d) => ({ ...(d as object), total: (d as { amount: number }).amount }) },
        },
      }),
    };
    const result = await handleCommand(store, v2, tabStream, add(1, 'new'));
    expect(E.isRight(result) && result.right.state).toEqual({ total: 7 });
    expect((await store.readStream(tabStream))[1]?.metadata.schemaVersion).toBe(2);
  });
});

describe('handleCommand with a state cache', () => {
  // Records how each read was asked for, to see whether a command read the whole stream or its tail.
  const spied = (inner: EventStore = inMemoryEventStore()) => {
    const reads: (bigint | 'start' | 'end' | undefined)[] = [];
    const store: EventStore = {
      ...inner,
      readStream: (name, options) => {
        reads.push(options?.fromRevision);
        return inner.readStream(name, options);
      },
    };
    return { store, reads };
  };

  it('gives the same results and writes the same events as without a cache', async () => {
    const step = fc.record({
      stream: fc.constantFrom('a', 'b', 'c'),
      amount: fc.integer({ min: -3, max: 5 }),
      resend: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        const plain = inMemoryEventStore();
        const cached = inMemoryEventStore();
        const cache = stateCache();
        for (const [i, s] of steps.entries()) {
          // Some commands re-use an earlier id: re-sends and idempotency conflicts both happen.
          const id = s.resend % 4 === 0 && i > 0 ? `cmd-${s.resend % i}` : `cmd-${i}`;
          const name = streamName('tab', 'shop1', s.stream);
          const expected = await handleCommand(plain, tab, name, add(s.amount, id));
          const actual = await handleCommand(cached, tab, name, add(s.amount, id), { cache });
          expect(actual).toEqual(expected);
        }
        expect(cached.allEvents()).toEqual(plain.allEvents());
      }),
      { numRuns: 200 },
    );
  });

  it('reads only the events after the cached revision, and still folds in what others wrote', async () => {
    const { store, reads } = spied();
    const cache = stateCache();
    await handleCommand(store, tab, tabStream, add(2, 'a'), { cache });
    // Another handler, without the cache, writes to the same stream.
    await handleCommand(store, tab, tabStream, add(3, 'b'));
    reads.length = 0;
    const result = await handleCommand(store, tab, tabStream, add(4, 'c'), { cache });
    expect(reads).toEqual([1n]);
    expect(E.isRight(result) && result.right.state).toEqual({ total: 9 });
    expect(E.isRight(result) && result.right.revision).toBe(2n);
  });

  it('still returns the first result for a re-sent command and refuses a re-used id', async () => {
    const store = inMemoryEventStore();
    const cache = stateCache();
    const first = await handleCommand(store, tab, tabStream, add(4, 'once'), { cache });
    await handleCommand(store, tab, tabStream, add(1, 'other'), { cache });
    const again = await handleCommand(store, tab, tabStream, add(4, 'once'), { cache });
    const reused = await handleCommand(store, tab, tabStream, add(9, 'once'), { cache });
    expect(E.isRight(again) && again.right.idempotent).toBe(true);
    const events = (r: typeof first) => (E.isRight(r) ? r.right.events.map((e) => e.event) : undefined);
    expect(events(again)).toEqual(events(first));
    expect(E.isLeft(reused) && reused.left).toBeInstanceOf(IdempotencyConflictError);
    expect(await store.readStream(tabStream)).toHaveLength(2);
  });

  it('drops a stream from the cache on a conflict and decides again on a full read', async () => {
    const inner = inMemoryEventStore();
    const { store, reads } = spied(inner);
    const cache = stateCache();
    let rivals = 0;
    const busy: EventStore = {
      ...store,
      appendToStream: async (name, events, options) => {
        if (rivals-- > 0) await handleCommand(inner, tab, name, add(10, 'rival'));
        return inner.appendToStream(name, events, options);
      },
    };
    await handleCommand(busy, tab, tabStream, add(1, 'first'), { cache });
    rivals = 1;
    reads.length = 0;
    const result = await handleCommand(busy, tab, tabStream, add(5, 'late'), { cache });
    expect(reads).toEqual([1n, undefined]);
    expect(E.isRight(result) && result.right.state).toEqual({ total: 16 });
  });

  it('shares folds between deciders built per call that fold alike, not with one folding otherwise', async () => {
    const { store, reads } = spied();
    const cache = stateCache();
    // As a facade building its decider from a shop policy on every call.
    const perCall = () => ({ ...tab, decider: { ...tabDecider } });
    await handleCommand(store, perCall(), tabStream, add(2, 'a'), { cache });
    reads.length = 0;
    await handleCommand(store, perCall(), tabStream, add(3, 'b'), { cache });
    expect(reads).toEqual([1n]);
    const startingElsewhere = { ...tab, decider: { ...tabDecider, initialState: () => ({ total: 100 }) } };
    reads.length = 0;
    const other = await handleCommand(store, startingElsewhere, tabStream, add(1, 'c'), { cache });
    expect(reads).toEqual([undefined]);
    expect(E.isRight(other) && other.right.state).toEqual({ total: 6 });
  });

  it('keeps stores apart: one cache used with two stores never mixes their streams', async () => {
    const cache = stateCache();
    const one = inMemoryEventStore();
    const two = inMemoryEventStore();
    await handleCommand(one, tab, tabStream, add(5, 'a'), { cache });
    await handleCommand(two, tab, tabStream, add(1, 'a'), { cache });
    await handleCommand(two, tab, tabStream, add(1, 'b'), { cache });
    const result = await handleCommand(one, tab, tabStream, add(1, 'c'), { cache });
    expect(E.isRight(result) && result.right.state).toEqual({ total: 6 });
  });

  it('forgets the least recently used stream beyond maxStreams, and then reads it whole', async () => {
    const { store, reads } = spied();
    const cache = stateCache({ maxStreams: 1 });
    const other = streamName('tab', 'shop1', 'two');
    await handleCommand(store, tab, tabStream, add(1, 'a'), { cache });
    await handleCommand(store, tab, other, add(1, 'b'), { cache });
    reads.length = 0;
    const result = await handleCommand(store, tab, tabStream, add(1, 'c'), { cache });
    expect(reads).toEqual([undefined]);
    expect(E.isRight(result) && result.right.state).toEqual({ total: 2 });
  });
});

describe('handleCommand with the stream the caller already read (known)', () => {
  const counting = (store: EventStore) => {
    const counter = { reads: 0 };
    const wrapped: EventStore = {
      ...store,
      readStream: (...args) => {
        counter.reads++;
        return store.readStream(...args);
      },
    };
    return { wrapped, counter };
  };

  it('folds what it is given instead of reading the stream again', async () => {
    const store = inMemoryEventStore();
    await handleCommand(store, tab, tabStream, add(2, 'a'));
    const { wrapped, counter } = counting(store);
    const known = await store.readStream(tabStream);
    const result = await handleCommand(wrapped, tab, tabStream, add(3, 'b'), { known });
    expect(counter.reads).toBe(0);
    expect(E.isRight(result) && result.right.state).toEqual({ total: 5 });
  });

  it('reads afresh when what it was given is stale, so no event in between is lost', async () => {
    const store = inMemoryEventStore();
    await handleCommand(store, tab, tabStream, add(2, 'a'));
    const known = await store.readStream(tabStream);
    await handleCommand(store, tab, tabStream, add(10, 'between'));
    const { wrapped, counter } = counting(store);
    const result = await handleCommand(wrapped, tab, tabStream, add(3, 'b'), { known });
    expect(counter.reads).toBe(1);
    expect(E.isRight(result) && result.right.state).toEqual({ total: 15 });
    expect((await store.readStream(tabStream)).map((e) => (e.data as { total: number }).total)).toEqual([
      2, 12, 15,
    ]);
  });
});

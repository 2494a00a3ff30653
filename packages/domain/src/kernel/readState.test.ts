import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Command, Decider } from './decider';
import type { Event } from './envelope';
import { eventCatalog } from './eventCatalog';
import type { EventStore } from './eventStore';
import { handleCommand, stateCache } from './handleCommand';
import { inMemoryEventStore } from './inMemoryEventStore';
import { readAggregate, readState } from './readAggregate';
import { streamName } from './streamName';

// A counter: each command adds its amount, and the state is the running total.
type AddCommand = Command<'Add', { readonly amount: number }>;
type AddedEvent = Event<'Added', { readonly amount: number }>;
const counterDecider: Decider<AddCommand, AddedEvent, { total: number }> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
  decide: (command) => E.right([{ type: 'Added', data: { amount: command.data.amount } }]),
};
const counter = {
  decider: counterDecider,
  events: eventCatalog<AddedEvent>({ Added: { codec: t.type({ amount: t.number }) } }),
};
const add = (amount: number, commandId: string, tenantId = 'shop1'): AddCommand => ({
  type: 'Add',
  data: { amount },
  metadata: { commandId, tenantId, actor: { role: 'operator', id: 'op-1' }, now: new Date(0) },
});
const stream = streamName('counter', 'shop1', 'one');

// Records where each read started, to tell a whole read (undefined) from a tail read.
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

describe('readState', () => {
  it('folds to the state and revision readAggregate folds to, with or without a cache', async () => {
    const store = inMemoryEventStore();
    const cache = stateCache();
    expect(await readState(store, counter, stream, 'shop1', cache)).toEqual(
      E.right({ state: { total: 0 }, revision: 'no_stream' }),
    );
    for (const [i, amount] of [3, -1, 7, 2].entries()) {
      await handleCommand(store, counter, stream, add(amount, `c${i}`));
      const whole = await readAggregate(store, counter, stream, 'shop1');
      const expected = E.map((r: { state: unknown; revision: unknown }) => ({
        state: r.state,
        revision: r.revision,
      }))(whole);
      expect(await readState(store, counter, stream, 'shop1')).toEqual(expected);
      expect(await readState(store, counter, stream, 'shop1', cache)).toEqual(expected);
    }
  });

  it('reads only the tail past a fold a command cached, and folds in what others wrote since', async () => {
    const { store, reads } = spied();
    const cache = stateCache();
    await handleCommand(store, counter, stream, add(2, 'a'), { cache });
    await handleCommand(store, counter, stream, add(5, 'b'));
    reads.length = 0;
    const read = await readState(store, counter, stream, 'shop1', cache);
    expect(reads).toEqual([1n]);
    expect(read).toEqual(E.right({ state: { total: 7 }, revision: 1n }));
  });

  it('keeps its fold for the next command, which then reads only the tail', async () => {
    const { store, reads } = spied();
    const cache = stateCache();
    await handleCommand(store, counter, stream, add(2, 'a'));
    await readState(store, counter, stream, 'shop1', cache);
    reads.length = 0;
    const result = await handleCommand(store, counter, stream, add(4, 'b'), { cache });
    expect(reads).toEqual([1n]);
    expect(E.isRight(result) && result.right.state).toEqual({ total: 6 });
  });

  it('still returns the first result for a command re-sent after a read cached the stream', async () => {
    const store = inMemoryEventStore();
    const cache = stateCache();
    const first = await handleCommand(store, counter, stream, add(2, 'a'));
    await readState(store, counter, stream, 'shop1', cache);
    const again = await handleCommand(store, counter, stream, add(2, 'a'), { cache });
    expect(E.isRight(again) && again.right.idempotent).toBe(true);
    const written = (r: typeof first) => (E.isRight(r) ? r.right.events.map((e) => e.metadata.eventId) : []);
    expect(written(again)).toEqual(written(first));
    expect(store.allEvents()).toHaveLength(1);
  });

  it('refuses another tenant the stream, even when its fold is cached, and reads nothing', async () => {
    const { store, reads } = spied();
    const cache = stateCache();
    await handleCommand(store, counter, stream, add(2, 'a'), { cache });
    reads.length = 0;
    const read = await readState(store, counter, stream, 'shop2', cache);
    expect(E.isLeft(read) && read.left.code).toBe('tenant.sealed');
    expect(reads).toEqual([]);
  });

  it('refuses a stream holding an event of another tenant', async () => {
    const store = inMemoryEventStore();
    await handleCommand(store, counter, stream, add(2, 'a'));
    const [kept] = await store.readStream(stream);
    if (kept === undefined) throw new Error('the first event was not written');
    await store.appendToStream(
      stream,
      [
        {
          ...kept,
          eventId: 'ffffffff-0000-4000-8000-000000000000',
          metadata: { ...kept.metadata, tenantId: 'shop2' },
        },
      ],
      { expectedRevision: 0n },
    );
    const read = await readState(store, counter, stream, 'shop1', stateCache());
    expect(E.isLeft(read) && read.left.code).toBe('tenant.sealed');
  });
});

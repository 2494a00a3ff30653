import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Command, Decider } from './decider';
import type { Event } from './envelope';
import type { EventCatalog } from './eventCatalog';
import { eventCatalog } from './eventCatalog';
import { decodeEvent, handleCommand } from './handleCommand';
import { readAggregate } from './readAggregate';
import { inMemoryEventStore } from './inMemoryEventStore';
import { streamName } from './streamName';

// A note taker whose events hold whatever the command carries: the codec only checks that `note`
// is there, so the property below can throw any JSON-ish value at the store.
type Note = Command<'Note', { readonly note: unknown }>;
type Noted = Event<'Noted', { readonly note: unknown; readonly count: number }>;
const decider: Decider<Note, Noted, { readonly count: number; readonly notes: readonly unknown[] }> = {
  initialState: () => ({ count: 0, notes: [] }),
  evolve: (state, event) => ({ count: event.data.count, notes: [...state.notes, event.data.note] }),
  decide: (command, state) =>
    E.right([{ type: 'Noted', data: { note: command.data.note, count: state.count + 1 } }]),
};
const codec = t.type({ note: t.unknown, count: t.number });

/** The catalog, counting how often a stored event is decoded through it. */
const countingCatalog = () => {
  const inner = eventCatalog<Noted>({ Noted: { codec } });
  const counter = { decodes: 0 };
  const catalog: EventCatalog<Noted> = {
    ...inner,
    decode: (type, data, version) => {
      counter.decodes++;
      return inner.decode(type, data, version);
    },
  };
  return { catalog, counter };
};

const meta = (commandId: string) => ({
  commandId,
  tenantId: 'shop1',
  actor: { role: 'operator' as const, id: 'op-1' },
  now: new Date('2026-03-01T10:00:00Z'),
});
const note = (value: unknown, commandId: string): Note => ({
  type: 'Note',
  data: { note: value },
  metadata: meta(commandId),
});
const stream = streamName('notes', 'shop1', 'one');

describe('events a catalog checked on their way into the in-memory store', () => {
  it('are not decoded again when a command folds them with the same catalog', async () => {
    const store = inMemoryEventStore();
    const { catalog, counter } = countingCatalog();
    const aggregate = { decider, events: catalog };
    for (let i = 0; i < 5; i++) await handleCommand(store, aggregate, stream, note(i, `c${i}`));
    expect(counter.decodes).toBe(0);
    const result = await handleCommand(store, aggregate, stream, note(5, 'c5'));
    expect(E.isRight(result) && result.right.state).toEqual({ count: 6, notes: [0, 1, 2, 3, 4, 5] });
    expect(counter.decodes).toBe(0);
  });

  it('are not decoded again when read with the same catalog either (readAggregate, decodeEvent)', async () => {
    const store = inMemoryEventStore();
    const { catalog, counter } = countingCatalog();
    for (let i = 0; i < 3; i++)
      await handleCommand(store, { decider, events: catalog }, stream, note(i, `c${i}`));
    const read = await readAggregate(store, { decider, events: catalog }, stream, 'shop1');
    expect(E.isRight(read) && read.right.events.map((e) => e.event)).toEqual([
      { type: 'Noted', data: { note: 0, count: 1 } },
      { type: 'Noted', data: { note: 1, count: 2 } },
      { type: 'Noted', data: { note: 2, count: 3 } },
    ]);
    const [first] = await store.readStream(stream);
    expect(E.isRight(decodeEvent(catalog, first!))).toBe(true);
    expect(counter.decodes).toBe(0);
  });

  it('are decoded by any other catalog, and events appended without a check are decoded by all', async () => {
    const store = inMemoryEventStore();
    const writer = countingCatalog();
    await handleCommand(store, { decider, events: writer.catalog }, stream, note('a', 'c1'));
    const [stored] = await store.readStream(stream);
    await store.appendToStream(stream, [{ ...stored!, eventId: 'raw-1', data: { note: 'raw', count: 2 } }], {
      expectedRevision: 0n,
    });
    const reader = countingCatalog();
    await handleCommand(store, { decider, events: reader.catalog }, stream, note('b', 'c2'));
    await handleCommand(store, { decider, events: writer.catalog }, stream, note('c', 'c3'));
    // The reader decodes the writer's event and the raw one; the writer, the raw one and the reader's.
    expect(reader.counter.decodes).toBe(2);
    expect(writer.counter.decodes).toBe(2);
  });

  it('fold to exactly what decoding them would give, whatever the data holds', async () => {
    const values = fc.anything({
      withDate: true,
      withMap: true,
      withBoxedValues: true,
      withSparseArray: true,
    });
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        const marked = inMemoryEventStore();
        const { catalog } = countingCatalog();
        const written = await handleCommand(marked, { decider, events: catalog }, stream, note(value, 'c1'));
        // The same log with no marks: what any other store would hand back.
        const plain = inMemoryEventStore();
        for (const e of await marked.readStream(stream))
          await plain.appendToStream(
            stream,
            [{ ...e, data: JSON.parse(JSON.stringify(e.data)) as unknown }],
            {
              expectedRevision: 'any',
            },
          );
        const again = await handleCommand(marked, { decider, events: catalog }, stream, note(1, 'c2'));
        const decoded = await handleCommand(plain, { decider, events: catalog }, stream, note(1, 'c2'));
        expect(E.isRight(written)).toBe(true);
        expect(again).toEqual(decoded);
      }),
      { numRuns: 300 },
    );
  });

  it('are checked again when JSON changed them on the way in, as a real store would make them read', async () => {
    type Count = Command<'Count', { readonly by: number }>;
    type Counted = Event<'Counted', { readonly by: number }>;
    const counter: Decider<Count, Counted, number> = {
      initialState: () => 0,
      evolve: (n, e) => n + e.data.by,
      decide: (c) => E.right([{ type: 'Counted', data: { by: c.data.by } }]),
    };
    const aggregate = {
      decider: counter,
      events: eventCatalog<Counted>({ Counted: { codec: t.type({ by: t.number }) } }),
    };
    const store = inMemoryEventStore();
    const count = (by: number, commandId: string): Count => ({
      type: 'Count',
      data: { by },
      metadata: meta(commandId),
    });
    // Infinity is a number to the codec, but JSON stores it as null.
    expect(E.isRight(await handleCommand(store, aggregate, stream, count(Infinity, 'c1')))).toBe(true);
    const next = await handleCommand(store, aggregate, stream, count(1, 'c2'));
    expect(E.isLeft(next) && next.left.code).toBe('event.undecodable');
  });

  it('are sealed: a reader cannot change the data the store holds', async () => {
    const store = inMemoryEventStore();
    const { catalog } = countingCatalog();
    await handleCommand(store, { decider, events: catalog }, stream, note({ lines: [{ qty: 1 }] }, 'c1'));
    const [stored] = await store.readStream(stream);
    const lines = (stored!.data as { note: { lines: { qty: number }[] } }).note.lines;
    expect(() => {
      lines[0]!.qty = 99;
    }).toThrow(TypeError);
    expect((await store.readStream(stream))[0]?.data).toEqual({ note: { lines: [{ qty: 1 }] }, count: 1 });
  });
});

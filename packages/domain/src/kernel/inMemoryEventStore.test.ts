import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { EventToAppend } from './envelope';
import { inMemoryEventStore } from './inMemoryEventStore';
import { describeEventStoreContract } from '../testing/eventStoreContract';

describeEventStoreContract('in-memory', async () => ({ store: inMemoryEventStore() }));

const metadata = {
  eventId: 'e1',
  commandId: 'c1',
  commandHash: 'h',
  correlationId: 'c1',
  causationId: 'c1',
  tenantId: 'shop1',
  actor: { role: 'operator' as const, id: 'op-1' },
  occurredAt: '2026-03-01T10:00:00.000Z',
  schemaVersion: 1,
};

const storedData = async (data: unknown): Promise<unknown> => {
  const store = inMemoryEventStore();
  const event: EventToAppend = { eventId: 'e1', type: 'Happened', data, metadata };
  await store.appendToStream('thing-shop1.one', [event], { expectedRevision: 'no_stream' });
  return (await store.readStream('thing-shop1.one'))[0]?.data;
};

describe('in-memory store', () => {
  it('stores exactly what a JSON round trip of the data gives, whatever the data holds', async () => {
    const values = fc.anything({
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
    });
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), values), async (data) => {
        expect(await storedData(data)).toStrictEqual(JSON.parse(JSON.stringify(data)));
      }),
      { numRuns: 1000 },
    );
  });

  it('writes -0, NaN, holes, undefined, functions, dates and toJSON as JSON does', async () => {
    const data = {
      zero: -0,
      nan: Number.NaN,
      list: [undefined, () => 1, -0, Infinity, , 'x'], // eslint-disable-line no-sparse-arrays
      gone: undefined,
      fn: () => 1,
      at: new Date('2026-03-01T10:00:00Z'),
      custom: { toJSON: () => 'custom' },
      ['__proto__']: { polluted: true },
    };
    const stored = await storedData(data);
    expect(stored).toStrictEqual(JSON.parse(JSON.stringify(data)));
    expect(Object.is((stored as { zero: number }).zero, 0)).toBe(true);
  });

  it('keeps its own copy: changing the appended data afterwards changes nothing stored', async () => {
    const store = inMemoryEventStore();
    const data = { lines: [{ qty: 1 }] };
    await store.appendToStream('thing-shop1.one', [{ eventId: 'e1', type: 'Happened', data, metadata }], {
      expectedRevision: 'no_stream',
    });
    data.lines[0]!.qty = 99;
    expect((await store.readStream('thing-shop1.one'))[0]?.data).toEqual({ lines: [{ qty: 1 }] });
  });
});

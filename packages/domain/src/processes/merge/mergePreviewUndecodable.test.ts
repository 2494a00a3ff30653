import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { inMemoryEventStore } from '../../kernel/inMemoryEventStore';
import { createTillstream } from '../../tillstream';

const manager = { role: 'manager', id: 'ola' } as const;

describe('a merge preview over a reservation that does not decode', () => {
  it('is refused with the decode error instead of naming a guessed holder', async () => {
    const store = inMemoryEventStore();
    const till = createTillstream({ eventStore: store, keys: false });
    const ctx = { tenantId: 'cafe', actor: manager };
    await till.customers.register(ctx, { customerId: 'jan', phone: '+48601234567' });
    await till.customers.register(ctx, { customerId: 'jan-card', card: '12345678' });
    const reservations = [...new Set((await store.readAll()).map((e) => e.streamName))].filter((s) =>
      s.startsWith('unique-'),
    );
    for (const stream of reservations) {
      const [last] = (await store.readStream(stream)).slice(-1);
      if (last === undefined) throw new Error('a reservation stream has events');
      await store.appendToStream(
        stream,
        [
          {
            eventId: `${last.eventId}-bad`,
            type: last.type,
            data: { nonsense: true },
            metadata: last.metadata,
          },
        ],
        { expectedRevision: last.revision },
      );
    }
    const preview = await till.customers.previewMerge({
      ...ctx,
      sourceCustomerId: 'jan',
      targetCustomerId: 'jan-card',
    });
    expect(reservations.length).toBeGreaterThan(0);
    expect(E.isLeft(preview) && preview.left.code).toBe('event.undecodable');
  });
});

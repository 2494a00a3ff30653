import { describe, expect, it } from '@jest/globals';
import { defaultPreferences, inMemoryEventStore, streamName, type EventStore } from '@tillstream/domain';
import { createProjectionRunner, inMemoryCheckpointStore } from '../runner';
import { customerSearchProjection } from './customerSearchProjection';
import { domainIdentifierReaders } from './identifierReaders';
import { defaultCustomerSearchPolicy } from './searchPolicy';

let n = 0;
/** Appends stored JSON as the customer context writes it; the runner decodes it with the customer catalog. */
const record = async (store: EventStore, customerId: string, type: string, data: unknown) => {
  const eventId = `c-${++n}`;
  await store.appendToStream(
    streamName('customer', 'shop1', customerId),
    [
      {
        eventId,
        type,
        data,
        metadata: {
          eventId,
          commandId: eventId,
          commandHash: 'h',
          correlationId: eventId,
          causationId: eventId,
          tenantId: 'shop1',
          actor: { role: 'operator', id: 'op-1' },
          occurredAt: '2026-03-01T10:00:00.000Z',
          schemaVersion: 1,
        },
      },
    ],
    { expectedRevision: 'any' },
  );
};

describe('customer search fed by customer events', () => {
  it('indexes registrations and edits, and follows merges', async () => {
    const store = inMemoryEventStore();
    await record(store, 'c1', 'CustomerRegistered', {
      customerId: 'c1',
      profile: {
        firstName: 'Мария',
        lastName: 'Петрова',
        phone: { e164: '+79161234567', raw: '8 916 123-45-67', country: 'RU' },
        preferences: defaultPreferences,
      },
    });
    await record(store, 'c2', 'CustomerRegistered', {
      customerId: 'c2',
      profile: { firstName: 'Maria', lastName: 'Petrova', card: '555001', preferences: defaultPreferences },
    });
    await record(store, 'c1', 'CustomerProfileUpdated', {
      set: { address: { street: 'Тверская', houseNumber: '7', city: 'Москва' }, email: 'maria@example.ru' },
      removed: [],
    });
    const search = createProjectionRunner({
      store,
      checkpoints: inMemoryCheckpointStore(),
      projection: customerSearchProjection({
        policyFor: () => ({ ...defaultCustomerSearchPolicy, defaultCountry: 'RU' }),
        readers: domainIdentifierReaders,
      }),
    });
    await search.start();
    await search.waitFor();
    const ids = (q: string) =>
      search
        .model()
        .search('shop1', q)
        .hits.map((h) => h.customerId);
    expect(ids('8 916 123 45 67')).toEqual(['c1']);
    expect(ids('Maria Petrova').sort()).toEqual(['c1', 'c2']);
    expect(ids('tverskaia')).toEqual(['c1']);
    expect(ids('maria@example.ru')).toEqual(['c1']);

    await record(store, 'c2', 'CustomerMergedInto', { survivorId: 'c1' });
    await search.waitFor();
    expect(ids('Maria Petrova')).toEqual(['c1']);
    expect(ids('555001')).toEqual([]);
    expect(search.model().resolve('shop1', 'c2')).toBe('c1');
    await search.stop();
  });
});

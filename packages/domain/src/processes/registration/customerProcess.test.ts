import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { CustomerCommand } from '../../customer/customerCommands';
import { defaultCustomerPolicy, type CustomerPolicy } from '../../customer/customerPolicy';
import { inMemoryEventStore, type InMemoryEventStore } from '../../kernel/inMemoryEventStore';
import type { TaxId } from '../../values/taxId';
import { runCustomerCommand } from './customerProcess';
import { SECRET, card, holderOf, metadata, registration, ruPhone } from './testFixtures';

const T0 = new Date('2026-03-01T10:00:00Z');
const deps = (store: InMemoryEventStore, policy: CustomerPolicy = defaultCustomerPolicy) => ({
  store,
  policy,
  tenantSecret: SECRET,
});
const edit = (commandId: string, type: CustomerCommand['type'], data: object): CustomerCommand =>
  ({ type, data, metadata: metadata(commandId, T0) }) as CustomerCommand;
const run = (
  store: InMemoryEventStore,
  customerId: string,
  command: CustomerCommand,
  policy?: CustomerPolicy,
) => runCustomerCommand(deps(store, policy), customerId, command);
const PHONE = '+79161234567';

describe('registering through reservations', () => {
  it('reserves, registers and confirms, naming streams by a hash, never the number', async () => {
    const store = inMemoryEventStore();
    const result = await run(
      store,
      'c1',
      registration('c1', 'r1', { phone: ruPhone('8 916 123-45-67'), card: card('A-1') }),
    );
    expect(E.isRight(result)).toBe(true);
    expect(await holderOf(store, 'phone', PHONE)).toMatchObject({ status: 'confirmed', holderId: 'c1' });
    expect(await holderOf(store, 'card', 'A1')).toMatchObject({ status: 'confirmed', holderId: 'c1' });
    const reservationStreams = store.allEvents().filter((e) => e.streamName.startsWith('unique-'));
    expect(reservationStreams.some((e) => e.streamName.includes('9161234567'))).toBe(false);
    expect(JSON.stringify(reservationStreams.map((e) => e.data))).not.toContain('916');
  });

  it('refuses a phone another customer holds, naming the holder', async () => {
    const store = inMemoryEventStore();
    await run(store, 'c1', registration('c1', 'r1', { phone: ruPhone('89161234567') }));
    const result = await run(store, 'c2', registration('c2', 'r2', { phone: ruPhone('+7 (916) 123 45 67') }));
    const error = E.isLeft(result) ? result.left : undefined;
    expect(error?.code).toBe('customer.phone_taken');
    expect(error?.details).toMatchObject({ holderId: 'c1', field: 'phone', value: PHONE });
    expect(await store.readStream('customer-shop1.c2')).toEqual([]);
  });

  it('gives back the phone it had claimed when the card turns out to be taken', async () => {
    const store = inMemoryEventStore();
    await run(store, 'c1', registration('c1', 'r1', { card: card('B2') }));
    const result = await run(
      store,
      'c2',
      registration('c2', 'r2', { phone: ruPhone('89161234567'), card: card('B2') }),
    );
    expect(E.isLeft(result) && result.left.details).toMatchObject({ holderId: 'c1', field: 'card' });
    expect(await holderOf(store, 'phone', PHONE)).toEqual({ status: 'free' });
  });

  it('refuses a card another customer holds', async () => {
    const store = inMemoryEventStore();
    await run(store, 'c1', registration('c1', 'r1', { card: card('a1') }));
    const result = await run(store, 'c2', registration('c2', 'r2', { card: card('A 1') }));
    expect(E.isLeft(result) && result.left.code).toBe('customer.card_taken');
  });

  it('reserves nothing for a registration the decider refuses', async () => {
    const store = inMemoryEventStore();
    const policy = { ...defaultCustomerPolicy, requiredFields: ['firstName' as const] };
    const result = await run(
      store,
      'c1',
      registration('c1', 'r1', { phone: ruPhone('89161234567') }),
      policy,
    );
    expect(E.isLeft(result) && result.left.code).toBe('customer.required_fields_missing');
    expect(store.allEvents()).toEqual([]);
  });

  it('warns about a shared tax id by default and refuses it when the shop wants it unique', async () => {
    const taxId: TaxId = { country: 'PL', value: '5260250274' };
    const store = inMemoryEventStore();
    await run(store, 'c1', registration('c1', 'r1', { card: card('A1'), taxId }));
    const shared = await run(store, 'c2', registration('c2', 'r2', { card: card('A2'), taxId }));
    expect(E.isRight(shared) && shared.right.warnings.map((w) => [w.code, w.details['holderId']])).toEqual([
      ['customer.taxid_shared', 'c1'],
    ]);
    const strict = { ...defaultCustomerPolicy, uniqueTaxId: true };
    const refused = await run(store, 'c3', registration('c3', 'r3', { card: card('A3'), taxId }), strict);
    expect(E.isLeft(refused) && refused.left.code).toBe('customer.taxid_taken');
  });

  it('returns the first result for a re-sent registration and writes nothing more', async () => {
    const store = inMemoryEventStore();
    const command = registration('c1', 'r1', { phone: ruPhone('89161234567') });
    await run(store, 'c1', command);
    const count = store.allEvents().length;
    const again = await run(store, 'c1', command);
    expect(E.isRight(again) && again.right.idempotent).toBe(true);
    expect(store.allEvents()).toHaveLength(count);
  });
});

describe('changing identifiers', () => {
  const registered = async () => {
    const store = inMemoryEventStore();
    await run(store, 'c1', registration('c1', 'r1', { phone: ruPhone('89161234567'), card: card('A1') }));
    return store;
  };

  it('claims the new phone, then releases the old one for others', async () => {
    const store = await registered();
    const changed = await run(store, 'c1', edit('e1', 'ChangePhone', { phone: ruPhone('89160000000') }));
    expect(E.isRight(changed)).toBe(true);
    expect(await holderOf(store, 'phone', '+79160000000')).toMatchObject({
      status: 'confirmed',
      holderId: 'c1',
    });
    expect(await holderOf(store, 'phone', PHONE)).toEqual({ status: 'free' });
    const reuse = await run(store, 'c2', registration('c2', 'r2', { phone: ruPhone('89161234567') }));
    expect(E.isRight(reuse)).toBe(true);
  });

  it('refuses a new phone someone else holds and keeps the old one', async () => {
    const store = await registered();
    await run(store, 'c2', registration('c2', 'r2', { phone: ruPhone('89160000000') }));
    const changed = await run(store, 'c1', edit('e1', 'ChangePhone', { phone: ruPhone('89160000000') }));
    expect(E.isLeft(changed) && changed.left.code).toBe('customer.phone_taken');
    expect(await holderOf(store, 'phone', PHONE)).toMatchObject({ status: 'confirmed', holderId: 'c1' });
  });

  it('replaces a card and releases a removed one', async () => {
    const store = await registered();
    await run(store, 'c1', edit('e1', 'AssignCard', { card: card('A2') }));
    expect(await holderOf(store, 'card', 'A1')).toEqual({ status: 'free' });
    await run(store, 'c1', edit('e2', 'RemoveCard', {}));
    expect(await holderOf(store, 'card', 'A2')).toEqual({ status: 'free' });
  });

  it('gives back a claimed value when the customer command is refused after the claim', async () => {
    const inner = inMemoryEventStore();
    await run(inner, 'c1', registration('c1', 'r1', { card: card('A1') }));
    const [first] = await inner.readStream('customer-shop1.c1');
    // Someone merges the customer away between the process's first look and its write.
    const racing: InMemoryEventStore = {
      ...inner,
      appendToStream: async (name, events, options) => {
        if (name.startsWith('unique-phone') && (await inner.readStream('customer-shop1.c1')).length === 1)
          await inner.appendToStream(
            'customer-shop1.c1',
            [
              {
                eventId: '0b5e8a4c-1a47-4b44-8e0e-4a1d8f6b2c01',
                type: 'CustomerMergedInto',
                data: { survivorId: 'c9' },
                metadata: { ...first!.metadata, commandId: 'm1' },
              },
            ],
            { expectedRevision: 0n },
          );
        return inner.appendToStream(name, events, options);
      },
    };
    const changed = await run(racing, 'c1', edit('e1', 'ChangePhone', { phone: ruPhone('89160000000') }));
    expect(E.isLeft(changed) && changed.left.code).toBe('customer.merged');
    expect(await holderOf(inner, 'phone', '+79160000000')).toEqual({ status: 'free' });
  });
});

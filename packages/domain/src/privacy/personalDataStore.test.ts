import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { customerEvents } from '../customer/customerEvents';
import { decodeEvent } from '../kernel/handleCommand';
import { ERASED } from './erased';
import { SEALED_FIELD } from './personalDataStore';
import { anna, as, leaks, left, privateShop, right, serialised } from './privacyTestKit';

describe('the personal-data store', () => {
  it('keeps every personal field encrypted at rest and gives it back in clear to readers', async () => {
    const shop = privateShop();
    const { customerId } = right(await shop.customers.register(as('operator'), anna.input));
    expect(leaks(serialised(shop.raw.allEvents()))).toEqual([]);
    const read = right(await shop.customers.get('shop1', customerId));
    expect(read.profile).toMatchObject({ firstName: 'Annushka', card: '424277770001' });
    expect(read.profile.phone?.e164).toBe('+79161234567');
  });

  it('keeps ids, group, preferences and the envelope in clear, so the log is auditable without keys', async () => {
    const shop = privateShop();
    const { customerId } = right(await shop.customers.register(as('operator'), anna.input));
    const [stored] = shop.raw.allEvents().filter((e) => e.type === 'CustomerRegistered');
    expect(stored?.data).toMatchObject({
      customerId,
      profile: { preferences: { marketingConsent: false }, firstName: ERASED },
    });
    expect(typeof (stored?.data as Readonly<Record<string, unknown>>)[SEALED_FIELD]).toBe('string');
    expect(stored?.metadata).toMatchObject({
      actor: { role: 'operator', id: 'operator-1' },
      tenantId: 'shop1',
    });
  });

  it('stores data that decodes without any key, every personal field erased', async () => {
    const shop = privateShop();
    const { customerId } = right(await shop.customers.register(as('operator'), anna.input));
    right(await shop.customers.changePhone(as('operator'), customerId, '8 903 000-11-22'));
    for (const stored of shop.raw.allEvents().filter((e) => e.streamName.startsWith('customer-')))
      expect(E.isRight(decodeEvent(customerEvents, stored))).toBe(true);
  });

  it('hides the command hash, which would let a guess of a card be checked, and still knows a re-sent command', async () => {
    const shop = privateShop();
    const ctx = { ...as('operator'), commandId: 'card-1' };
    const { customerId } = right(await shop.customers.register(as('operator'), { phone: anna.input.phone }));
    right(await shop.customers.assignCard(ctx, customerId, '5555 0000 1111'));
    const stored = shop.raw.allEvents().find((e) => e.type === 'CustomerCardAssigned');
    expect(stored?.metadata.commandHash).toBe(ERASED);
    expect(right(await shop.customers.assignCard(ctx, customerId, '5555 0000 1111')).idempotent).toBe(true);
    expect(left(await shop.customers.assignCard(ctx, customerId, '5555 0000 2222')).code).toBe(
      'command.idempotency_conflict',
    );
  });

  it('refuses to open a sealed value copied into another event, even under the same key', async () => {
    const shop = privateShop();
    const { customerId } = right(
      await shop.customers.register(as('operator'), { card: 'A-1', firstName: 'Alpha' }),
    );
    const original = shop.raw.allEvents().find((e) => e.type === 'CustomerRegistered');
    if (original === undefined) throw new Error('nothing was stored');
    const stream = `customer-shop1.${customerId}`;
    await shop.raw.appendToStream(stream, [{ ...original, eventId: 'copied' }], { expectedRevision: 'any' });
    await expect(shop.store.readStream(stream)).rejects.toThrow();
  });
});

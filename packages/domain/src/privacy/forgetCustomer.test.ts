import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { customerEvents } from '../customer/customerEvents';
import { decodeEvent } from '../kernel/handleCommand';
import { ERASED, erasedPhone } from './erased';
import { anna, as, leaks, left, privateShop, right, serialised } from './privacyTestKit';

const registered = async () => {
  const shop = privateShop();
  const { customerId } = right(await shop.customers.register(as('operator'), anna.input));
  right(await shop.customers.update(as('operator'), customerId, { lastName: 'Smirnova-Ivanova' }));
  right(await shop.customers.setComments(as('operator'), customerId, 'Annushka likes Tverskaya'));
  return { ...shop, customerId };
};

const forget = (shop: Awaited<ReturnType<typeof registered>>, reference = 'GDPR-2026-0042') =>
  shop.privacy.forget({ ...as('manager'), commandId: `forget-${reference}` }, shop.customerId, reference);

describe('forgetting a customer', () => {
  it('leaves no spelling of its phone, card, names or email in the raw log, in a read or in an export', async () => {
    const shop = await registered();
    // The search finds what is there: before forgetting, a read has every piece in clear.
    const before = right(await shop.customers.get('shop1', shop.customerId));
    expect(leaks(serialised(before))).toEqual(
      expect.arrayContaining(['+79161234567', 'Annushka', '424277770001']),
    );
    right(await forget(shop));
    expect(leaks(serialised(shop.raw.allEvents()))).toEqual([]);
    const customer = right(await shop.customers.get('shop1', shop.customerId));
    expect(leaks(serialised(customer))).toEqual([]);
    const exported = right(await shop.privacy.exportData(as('manager'), shop.customerId));
    expect(leaks(serialised(exported))).toEqual([]);
  });

  it('makes every read of its old events yield [erased] for each personal field, and still decode', async () => {
    const shop = await registered();
    right(await forget(shop));
    const customer = right(await shop.customers.get('shop1', shop.customerId));
    expect(customer.status).toEqual({ kind: 'forgotten' });
    expect(customer.profile).toMatchObject({
      phone: erasedPhone,
      card: ERASED,
      firstName: ERASED,
      lastName: ERASED,
      email: ERASED,
      gender: ERASED,
      comments: ERASED,
    });
    for (const stored of await shop.store.readStream(`customer-shop1.${shop.customerId}`))
      expect(E.isRight(decodeEvent(customerEvents, stored))).toBe(true);
  });

  it('records who forgot the customer, when, and under which request', async () => {
    const shop = await registered();
    right(await forget(shop, 'ticket 881'));
    const events = await shop.store.readStream(`customer-shop1.${shop.customerId}`);
    expect(events[events.length - 1]).toMatchObject({
      type: 'CustomerForgotten',
      data: {
        requestReference: 'ticket 881',
        forgottenBy: { role: 'manager', id: 'manager-1' },
        forgottenAt: '2026-03-01T10:00:00.000Z',
      },
    });
  });

  it('releases its phone, card and email, so a new customer can register them', async () => {
    const shop = await registered();
    expect(right(await forget(shop)).released).toEqual(['phone', 'card', 'email']);
    const next = right(
      await shop.customers.register(as('operator'), { phone: anna.input.phone, card: anna.input.card }),
    );
    expect(next.customerId).not.toBe(shop.customerId);
  });

  it("is a manager's decision: anyone else is refused and nothing is written or destroyed", async () => {
    const shop = await registered();
    const before = shop.raw.allEvents().length;
    for (const role of ['operator', 'system', 'customer'] as const)
      expect(left(await shop.privacy.forget(as(role, shop.customerId), shop.customerId, 'GDPR-1')).code).toBe(
        'customer.actor_not_allowed',
      );
    expect(shop.raw.allEvents().length).toBe(before);
    expect(right(await shop.customers.get('shop1', shop.customerId)).profile.firstName).toBe('Annushka');
  });

  it('refuses a request without a reference', async () => {
    const shop = await registered();
    expect(left(await shop.privacy.forget(as('manager'), shop.customerId, '  ')).code).toBe(
      'privacy.request_reference_invalid',
    );
  });

  it('writes nothing more when asked again, and keeps the first request reference', async () => {
    const shop = await registered();
    right(await forget(shop, 'first'));
    const after = shop.raw.allEvents().length;
    const again = right(await forget(shop, 'second'));
    expect(again).toMatchObject({ idempotent: true, requestReference: 'first', released: [] });
    expect(shop.raw.allEvents().length).toBe(after);
  });

  it('stops every later command on the customer', async () => {
    const shop = await registered();
    right(await forget(shop));
    expect(
      left(await shop.customers.update(as('operator'), shop.customerId, { firstName: 'Anna' })).code,
    ).toBe('customer.forgotten');
  });

  it('refuses to forget a customer that does not exist', async () => {
    const shop = privateShop();
    expect(left(await shop.privacy.forget(as('manager'), 'nobody', 'GDPR-1')).code).toBe(
      'customer.not_found',
    );
  });
});

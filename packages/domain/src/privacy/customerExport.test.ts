import { describe, expect, it } from '@jest/globals';
import { orderWorld } from '../processes/orderPayment/testKit';
import { ERASED } from './erased';
import { anna, as, left, privateShop, right, serialised } from './privacyTestKit';

const customerWithHistory = async () => {
  const shop = privateShop();
  right(await shop.customers.register(as('operator'), { ...anna.input, customerId: 'alice' }));
  right(
    await shop.customers.register(as('operator'), { card: 'OTHER-1', firstName: 'Boris', customerId: 'bob' }),
  );
  const till = orderWorld(shop.store);
  await till.topUp(2000);
  await till.topUp(700, 'bob');
  right(await till.place([{ productId: 'cola', quantity: 1, payWith: 'money' }]));
  return shop;
};

const categories = (events: readonly { readonly streamName: string }[]) =>
  new Set(events.map((e) => e.streamName.slice(0, e.streamName.indexOf('-shop1'))));

describe("exporting a customer's data", () => {
  it("gathers its customer, wallet, order and reservation events, decrypted, and nobody else's", async () => {
    const shop = await customerWithHistory();
    const exported = right(await shop.privacy.exportData(as('manager'), 'alice'));
    expect(categories(exported.events)).toEqual(
      new Set([
        'customer',
        'wallet',
        'customerorders',
        'order',
        'unique-phone',
        'unique-card',
        'unique-email',
      ]),
    );
    expect(exported.profile).toMatchObject({ firstName: 'Annushka', email: 'Annushka.Smirnova@example.ru' });
    const registered = exported.events.find((e) => e.type === 'CustomerRegistered');
    expect(registered?.data).toMatchObject({ profile: { lastName: 'Smirnova' } });
    expect(serialised(exported)).not.toContain('Boris');
    expect(serialised(exported)).not.toContain('$personal');
  });

  it('is plain JSON: it survives a round trip unchanged', async () => {
    const shop = await customerWithHistory();
    const exported = right(await shop.privacy.exportData(as('manager'), 'alice'));
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it('still lists every event once the customer is forgotten, with personal fields erased', async () => {
    const shop = await customerWithHistory();
    const before = right(await shop.privacy.exportData(as('manager'), 'alice')).events.length;
    right(await shop.privacy.forget(as('manager'), 'alice', 'GDPR-9'));
    const after = right(await shop.privacy.exportData(as('manager'), 'alice'));
    expect(after.status).toEqual({ kind: 'forgotten' });
    expect(after.profile?.firstName).toBe(ERASED);
    // The forget itself adds CustomerForgotten and three released reservations.
    expect(after.events.length).toBe(before + 4);
  });

  it('is for a manager or the customer itself', async () => {
    const shop = await customerWithHistory();
    right(await shop.privacy.exportData(as('customer', 'alice'), 'alice'));
    expect(left(await shop.privacy.exportData(as('customer', 'bob'), 'alice')).code).toBe(
      'privacy.export_not_allowed',
    );
    expect(left(await shop.privacy.exportData(as('operator'), 'alice')).code).toBe(
      'privacy.export_not_allowed',
    );
  });
});

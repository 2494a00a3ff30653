import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { lifecycleOf } from '../order/orderState';
import { sampleCatalogItems } from '../order/sampleCatalog';
import { opMeta, orderWorld } from '../processes/orderPayment/testKit';
import { defaultWalletPolicy } from '../wallet/walletPolicy';
import { handleWalletCommand } from '../wallet/walletStream';
import { ERASED } from './erased';
import { anna, as, leaks, mergesOf, privateShop, right, serialised } from './privacyTestKit';

// Free text a cashier or manager types about the person, each quoting Annushka's data.
const says = {
  note: 'For Annushka, the corner table',
  voided: 'Smirnova says she never got it',
  adjusted: 'Goodwill for Annushka Smirnova',
  cancelled: 'Annushka called: +79161234567 was busy',
  changed: 'It was Smirnova at Tverskaya, not Bob',
  merge: 'Annushka Smirnova registered twice (9161234567)',
} as const;

const textOf = async (shop: ReturnType<typeof privateShop>, stream: string, type: string, path: string) => {
  const event = (await shop.store.readStream(stream)).find((e) => e.type === type);
  return (event?.data as Readonly<Record<string, unknown>> | undefined)?.[path];
};

// Alice ordered with a note, paid from her wallet; the order was voided (its reason comes along into
// the refund), a manager corrected her balance, and a second order was cancelled.
const aliceHistory = async () => {
  const shop = privateShop();
  right(await shop.customers.register(as('operator'), { ...anna.input, customerId: 'alice' }));
  const till = orderWorld(shop.store);
  await till.topUp(2000);
  right(
    await till.send(
      'PlaceOrder',
      {
        customerId: 'alice',
        currency: 'EUR',
        paymentMethod: 'deposit',
        note: says.note,
        lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
        catalog: sampleCatalogItems,
        discountRules: [],
      },
      'place',
    ),
  );
  right(await till.send('AcceptOrder', {}, 'accept'));
  right(await till.pay('deposit', 'pay-1'));
  right(await till.send('VoidOrder', { reason: says.voided }, 'void'));
  const adjusted = await handleWalletCommand(shop.store, defaultWalletPolicy, {
    type: 'Adjust',
    data: { customerId: 'alice', delta: 150, currency: 'EUR', reason: says.adjusted },
    metadata: { ...opMeta('adjust'), actor: { role: 'manager', id: 'manager-1' } },
  });
  if (E.isLeft(adjusted)) throw adjusted.left;
  const second = orderWorld(shop.store, 'o2');
  right(await second.place([{ productId: 'cola', quantity: 1, payWith: 'money' }], 'place-2'));
  right(await second.send('CancelOrder', { reason: says.cancelled }, 'cancel'));
  return { shop, till, second };
};

describe('free text about a customer in order, wallet and merge events', () => {
  it('is never stored in clear, and reads back in clear while the customer is known', async () => {
    const { shop } = await aliceHistory();
    expect(leaks(serialised(shop.raw.allEvents()))).toEqual([]);
    expect(await textOf(shop, 'order-shop1.o1', 'OrderPlaced', 'note')).toBe(says.note);
    expect(await textOf(shop, 'order-shop1.o1', 'OrderVoided', 'reason')).toBe(says.voided);
    expect(await textOf(shop, 'wallet-shop1.alice', 'WalletRefunded', 'reason')).toBe(says.voided);
    expect(await textOf(shop, 'wallet-shop1.alice', 'WalletAdjusted', 'reason')).toBe(says.adjusted);
    expect(await textOf(shop, 'order-shop1.o2', 'OrderCancelled', 'reason')).toBe(says.cancelled);
  });

  it('is erased by forgetting the customer, while the orders and the wallet replay as before', async () => {
    const { shop, till, second } = await aliceHistory();
    const [order, cancelled, wallet] = [await till.order(), await second.order(), await till.wallet()];
    right(await shop.privacy.forget(as('manager'), 'alice', 'GDPR-12'));
    expect(await textOf(shop, 'order-shop1.o1', 'OrderPlaced', 'note')).toBe(ERASED);
    expect(await textOf(shop, 'order-shop1.o2', 'OrderCancelled', 'reason')).toBe(ERASED);
    expect(await textOf(shop, 'wallet-shop1.alice', 'WalletAdjusted', 'reason')).toBe(ERASED);
    expect(leaks(serialised(right(await shop.privacy.exportData(as('manager'), 'alice'))))).toEqual([]);
    expect([lifecycleOf((await till.order()).state), lifecycleOf((await second.order()).state)]).toEqual([
      lifecycleOf(order.state),
      lifecycleOf(cancelled.state),
    ]);
    expect(lifecycleOf(order.state)).toBe('voided');
    expect((await till.wallet()).balance).toBe(wallet.balance);
  });

  it("seals a change of customer's reason under both customers: forgetting either erases it", async () => {
    for (const forgotten of ['alice', 'bob']) {
      const shop = privateShop();
      right(await shop.customers.register(as('operator'), { ...anna.input, customerId: 'alice' }));
      right(await shop.customers.register(as('operator'), { card: 'B-7', customerId: 'bob' }));
      const till = orderWorld(shop.store);
      right(await till.place([{ productId: 'cola', quantity: 1, payWith: 'money' }]));
      right(await till.send('ChangeOrderCustomer', { customerId: 'bob', reason: says.changed }, 'change'));
      expect(await textOf(shop, 'order-shop1.o1', 'OrderCustomerChanged', 'reason')).toBe(says.changed);
      right(await shop.privacy.forget(as('manager'), forgotten, 'GDPR-13'));
      expect(await textOf(shop, 'order-shop1.o1', 'OrderCustomerChanged', 'reason')).toBe(ERASED);
      expect(leaks(serialised(shop.raw.allEvents()))).toEqual([]);
    }
  });

  it("seals a merge's reason under both customers: forgetting either erases it", async () => {
    for (const forgotten of ['dup', 'alice']) {
      const shop = privateShop();
      const { phone, ...rest } = anna.input;
      right(await shop.customers.register(as('operator'), { phone, customerId: 'dup' }));
      right(await shop.customers.register(as('operator'), { ...rest, customerId: 'alice' }));
      const merges = mergesOf(shop);
      const { mergeId } = right(
        await merges.merge({
          ...as('manager'),
          sourceCustomerId: 'dup',
          targetCustomerId: 'alice',
          reason: says.merge,
        }),
      );
      expect(right(await merges.getMerge('shop1', mergeId)).request?.reason).toBe(says.merge);
      expect(leaks(serialised(shop.raw.allEvents()))).toEqual([]);
      right(await shop.privacy.forget(as('manager'), forgotten, 'GDPR-14'));
      expect(right(await merges.getMerge('shop1', mergeId))).toMatchObject({
        status: 'completed',
        request: { reason: ERASED, sourceCustomerId: 'dup', targetCustomerId: 'alice' },
      });
    }
  });
});

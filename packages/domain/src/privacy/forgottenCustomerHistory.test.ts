import { describe, expect, it } from '@jest/globals';
import { lifecycleOf } from '../order/orderState';
import { orderWorld } from '../processes/orderPayment/testKit';
import { anna, as, privateShop, right } from './privacyTestKit';

// A customer who ordered and paid from the wallet, then asked to be forgotten.
const history = async () => {
  const shop = privateShop();
  right(await shop.customers.register(as('operator'), { ...anna.input, customerId: 'alice' }));
  const till = orderWorld(shop.store);
  await till.topUp(2000);
  await till.grantPoints(100);
  right(await till.place([{ productId: 'cola', quantity: 2, payWith: 'money' }]));
  right(await till.send('AcceptOrder', {}, 'accept'));
  right(await till.pay('deposit', 'pay-1'));
  return { shop, till };
};

describe("a forgotten customer's money and orders", () => {
  it('still replay to the same order and wallet, through the store and from the raw log alike', async () => {
    const { shop, till } = await history();
    const [order, wallet] = [await till.order(), await till.wallet()];
    right(await shop.privacy.forget(as('manager'), 'alice', 'GDPR-7'));
    expect(await till.order()).toEqual(order);
    expect(await till.wallet()).toEqual(wallet);
    expect(lifecycleOf(order.state)).toBe('paid');
    const raw = orderWorld(shop.raw);
    expect([(await raw.order()).state, (await raw.wallet()).balance]).toEqual([order.state, wallet.balance]);
  });
});

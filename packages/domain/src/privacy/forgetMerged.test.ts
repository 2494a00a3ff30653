import { describe, expect, it } from '@jest/globals';
import { orderWorld } from '../processes/orderPayment/testKit';
import { anna, as, leaks, mergesOf, privateShop, right, serialised } from './privacyTestKit';

// The same person twice: a phone-only duplicate merged into the full record, with money on both.
const mergedShop = async () => {
  const shop = privateShop();
  const { phone, ...rest } = anna.input;
  right(await shop.customers.register(as('operator'), { phone, firstName: 'Annushka', customerId: 'dup' }));
  right(await shop.customers.register(as('operator'), { ...rest, customerId: 'alice' }));
  const till = orderWorld(shop.store);
  await till.topUp(300, 'dup');
  await till.topUp(2000, 'alice');
  right(await till.place([{ productId: 'cola', quantity: 1, payWith: 'money' }]));
  const merges = mergesOf(shop);
  const { mergeId } = right(
    await merges.merge({ ...as('manager'), sourceCustomerId: 'dup', targetCustomerId: 'alice' }),
  );
  const record = right(await merges.getMerge('shop1', mergeId));
  return { shop, till, merges, mergeId, record };
};

describe('forgetting merged customers', () => {
  it('forgets the merged-away customer and the survivor, leaving none of their data anywhere', async () => {
    const { shop } = await mergedShop();
    expect(right(await shop.customers.get('shop1', 'alice')).profile.phone?.e164).toBe('+79161234567');
    right(await shop.privacy.forget(as('manager'), 'dup', 'GDPR-11'));
    right(await shop.privacy.forget(as('manager'), 'alice', 'GDPR-11'));
    expect(leaks(serialised(shop.raw.allEvents()))).toEqual([]);
    for (const id of ['dup', 'alice']) {
      expect(leaks(serialised(right(await shop.customers.get('shop1', id))))).toEqual([]);
      expect(leaks(serialised(right(await shop.privacy.exportData(as('manager'), id))))).toEqual([]);
    }
  });

  it('keeps the merge record, the survivor’s wallet and the order exactly as they were', async () => {
    const { shop, till, merges, mergeId, record } = await mergedShop();
    const [wallet, order] = [await till.wallet('alice'), await till.order()];
    right(await shop.privacy.forget(as('manager'), 'dup', 'GDPR-11'));
    right(await shop.privacy.forget(as('manager'), 'alice', 'GDPR-11'));
    expect(right(await merges.getMerge('shop1', mergeId))).toEqual(record);
    expect(await till.wallet('alice')).toEqual(wallet);
    expect(await till.order()).toEqual(order);
    expect(wallet.balance).toBe(2000 + 300);
  });

  it('releases the phone the survivor took over from the merged-away customer', async () => {
    const { shop } = await mergedShop();
    right(await shop.privacy.forget(as('manager'), 'dup', 'GDPR-11'));
    expect(right(await shop.privacy.forget(as('manager'), 'alice', 'GDPR-11')).released).toContain('phone');
    right(await shop.customers.register(as('operator'), { phone: anna.input.phone }));
  });
});

import { describe, expect, it } from '@jest/globals';
import { operator, replay, right, shop, SHOP } from '../testing/shop';
import { walletViewsProjection } from './walletViews';

const cola = [{ productId: 'cola', quantity: 1, payWith: 'money' as const }];

describe('purchase history across merges', () => {
  it('lists the orders of customers merged into a customer, open ones moved and closed ones resolved, and none under the merged-away id', async () => {
    const s = shop();
    const ctx = { tenantId: SHOP, actor: operator };
    const anna = right(await s.customers.register(ctx, { phone: '8 916 123-45-67' })).customerId;
    const duplicate = right(await s.customers.register(ctx, { card: 'C-77' })).customerId;
    const own = right(await s.orders.place({ ...ctx, customerId: anna, lines: cola, paymentMethod: 'cash' }));
    s.clock.advance(1_000);
    right(await s.wallets.topUp({ ...ctx, customerId: duplicate, amount: 1_000, method: 'cash' }));
    const cancelled = right(
      await s.orders.place({ ...ctx, customerId: duplicate, lines: cola, paymentMethod: 'cash' }),
    );
    right(await s.orders.cancel({ ...ctx, orderId: cancelled.orderId, reason: 'changed mind' }));
    s.clock.advance(1_000);
    const open = right(
      await s.orders.place({ ...ctx, customerId: duplicate, lines: cola, paymentMethod: 'cash' }),
    );
    right(
      await s.merges.merge({
        tenantId: SHOP,
        actor: operator,
        sourceCustomerId: duplicate,
        targetCustomerId: anna,
        mergeId: 'm1',
      }),
    );

    const views = await replay(s.eventStore, walletViewsProjection());
    expect(views.purchases(SHOP, anna).map((p) => [p.orderId, p.placedBy, p.status])).toEqual([
      [own.orderId, anna, 'placed'],
      [cancelled.orderId, duplicate, 'cancelled'],
      [open.orderId, duplicate, 'placed'],
    ]);
    expect(views.purchases(SHOP, duplicate)).toEqual([]);
    expect(views.wallet(SHOP, duplicate).mergedInto).toBe(anna);
  });
});

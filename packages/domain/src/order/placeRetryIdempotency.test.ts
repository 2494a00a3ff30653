import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { manualClock } from '../kernel/clock';
import { seededIds } from '../kernel/ids';
import { createTillstream } from '../tillstream';
import type { Catalog, CatalogItem } from './catalog';
import { sampleCatalogItems } from './sampleCatalog';

const op = { tenantId: 'cafe', actor: { role: 'operator' as const, id: 'kasia' } };

const setup = async () => {
  // The shop may change its catalogue between a request and its retry.
  const items: CatalogItem[] = sampleCatalogItems.map((i) => ({ ...i }));
  const catalog: Catalog = { find: (_tenant, id) => Promise.resolve(items.find((i) => i.productId === id)) };
  const till = createTillstream({
    clock: manualClock('2026-05-01T09:00:00Z'),
    ids: seededIds('retry'),
    catalog,
  });
  const customer = await till.customers.register(op, { card: 'A-1' });
  if (E.isLeft(customer)) throw customer.left;
  const request = {
    ...op,
    idempotencyKey: 'till-7-req-42',
    customerId: customer.right.customerId,
    paymentMethod: 'cash' as const,
    lines: [{ productId: 'cola', quantity: 1, payWith: 'money' as const }],
  };
  return { till, items, request };
};

describe('a retried place is the same request whatever the server looked up meanwhile', () => {
  it('returns the first order, at its first price, after the catalogue price changed', async () => {
    const { till, items, request } = await setup();
    const first = await till.orders.place(request);
    const cola = items.find((i) => i.productId === 'cola');
    if (cola === undefined || E.isLeft(first)) throw new Error('setup');
    items[items.indexOf(cola)] = { ...cola, price: 260 };
    const retry = await till.orders.place(request);
    expect(E.isRight(retry) && retry.right).toMatchObject({
      orderId: first.right.orderId,
      idempotent: true,
      order: { totals: first.right.order.totals },
    });
    const orderStream = await till.eventStore.readStream(`order-cafe.${first.right.orderId}`);
    expect(orderStream).toHaveLength(1);
  });

  it('still refuses the same key sent with other lines, another method or a note', async () => {
    const { till, request } = await setup();
    await till.orders.place(request);
    const variants = [
      { ...request, lines: [{ productId: 'cola', quantity: 2, payWith: 'money' as const }] },
      { ...request, paymentMethod: 'card' as const },
      { ...request, note: 'no ice' },
    ];
    for (const variant of variants) {
      const sent = await till.orders.place(variant);
      expect(E.isLeft(sent) && sent.left.code).toBe('command.idempotency_conflict');
    }
  });
});

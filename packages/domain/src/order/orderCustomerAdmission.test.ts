import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { manualClock } from '../kernel/clock';
import { seededIds } from '../kernel/ids';
import { inMemoryEventStore } from '../kernel/inMemoryEventStore';
import { createTillstream } from '../tillstream';
import { sampleCatalog } from './sampleCatalog';

const op = { tenantId: 'cafe', actor: { role: 'operator' as const, id: 'kasia' } };
const manager = { tenantId: 'cafe', actor: { role: 'manager' as const, id: 'ola' } };
const cola = [{ productId: 'cola', quantity: 2, payWith: 'money' as const }];

const setup = async () => {
  const till = createTillstream({
    clock: manualClock('2026-05-01T09:00:00Z'),
    ids: seededIds('admission'),
    catalog: sampleCatalog('cafe'),
  });
  const register = async (card: string) => {
    const r = await till.customers.register(op, { card });
    if (E.isLeft(r)) throw r.left;
    return r.right.customerId;
  };
  return { till, a: await register('A-1'), b: await register('B-1') };
};

const unpaidDebtOf = async (till: Awaited<ReturnType<typeof setup>>['till'], customerId: string) => {
  const placed = await till.orders.place({ ...op, customerId, paymentMethod: 'cash', lines: cola });
  if (E.isLeft(placed)) throw placed.left;
  const orderId = placed.right.orderId;
  await till.orders.accept({ ...op, orderId });
  await till.orders.complete({ ...op, orderId });
  return orderId;
};

describe('an order is placed for, and moved to, a live customer only', () => {
  it('refuses to move an order and its debt to a customer that does not exist, and moves nothing', async () => {
    const { till, a } = await setup();
    const orderId = await unpaidDebtOf(till, a);
    const moved = await till.orders.changeCustomer({
      ...op,
      orderId,
      customerId: 'no-such-customer',
      reason: 'typo',
    });
    expect(E.isLeft(moved) && moved.left.code).toBe('customer.not_found');
    const order = await till.orders.get('cafe', orderId);
    expect(E.isRight(order) && order.right.customerId).toBe(a);
    const wallet = await till.wallets.get('cafe', a);
    expect(E.isRight(wallet) && wallet.right.debt).toBe(500);
    expect(await till.eventStore.readStream('wallet-cafe.no-such-customer')).toHaveLength(0);
  });

  it('refuses an order for a customer that does not exist', async () => {
    const { till } = await setup();
    const placed = await till.orders.place({
      ...op,
      customerId: 'ghost',
      paymentMethod: 'cash',
      lines: cola,
    });
    expect(E.isLeft(placed) && placed.left.code).toBe('customer.not_found');
  });

  it('refuses an order for, or a move to, a forgotten customer', async () => {
    const { till, a, b } = await setup();
    const orderId = await unpaidDebtOf(till, a);
    const forgotten = await till.privacy?.forget(manager, b, 'ticket-1');
    expect(forgotten !== undefined && E.isRight(forgotten)).toBe(true);
    const placed = await till.orders.place({ ...op, customerId: b, paymentMethod: 'cash', lines: cola });
    const moved = await till.orders.changeCustomer({ ...op, orderId, customerId: b, reason: 'wrong person' });
    expect(E.isLeft(placed) && placed.left.code).toBe('customer.forgotten');
    expect(E.isLeft(moved) && moved.left.code).toBe('customer.forgotten');
  });

  it('refuses an order for, or a move to, a merged-away customer, naming the survivor', async () => {
    const { till, a, b } = await setup();
    const orderId = await unpaidDebtOf(till, a);
    const merged = await till.customers.merge({ ...op, sourceCustomerId: b, targetCustomerId: a });
    expect(E.isRight(merged)).toBe(true);
    const placed = await till.orders.place({ ...op, customerId: b, paymentMethod: 'cash', lines: cola });
    const moved = await till.orders.changeCustomer({ ...op, orderId, customerId: b, reason: 'x' });
    expect(E.isLeft(placed) && placed.left.code).toBe('customer.merged');
    expect(E.isLeft(moved) && moved.left.details).toMatchObject({ survivorId: a });
  });

  it("reads the customer once to place an order, and prices it with the customer's modifiers", async () => {
    const base = inMemoryEventStore();
    const customerReads: string[] = [];
    const till = createTillstream({
      eventStore: {
        ...base,
        readStream: (stream, options) => {
          if (stream.startsWith('customer-cafe.')) customerReads.push(stream);
          return base.readStream(stream, options);
        },
      },
      keys: false,
      clock: manualClock('2026-05-01T09:00:00Z'),
      ids: seededIds('admission'),
      catalog: sampleCatalog('cafe'),
    });
    const registered = await till.customers.register(op, { card: 'A-1' });
    if (E.isLeft(registered)) throw registered.left;
    const { customerId } = registered.right;
    const discounted = await till.customers.setPriceModifiers(manager, customerId, [
      { target: { kind: 'everything' }, adjustment: { kind: 'percent', basisPoints: 1000 } },
    ]);
    expect(E.isRight(discounted)).toBe(true);
    customerReads.length = 0;
    const placed = await till.orders.place({ ...op, customerId, paymentMethod: 'cash', lines: cola });
    if (E.isLeft(placed)) throw placed.left;
    expect(customerReads).toEqual([`customer-cafe.${customerId}`]);
    expect(placed.right.order.totals.discount).toBe(placed.right.order.totals.listPrice / 10);
  });
});

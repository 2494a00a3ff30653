import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { ApplicableModifier } from '../customer/applicableModifiers';
import { manualClock } from '../kernel/clock';
import { DomainError } from '../kernel/errors';
import { seededIds } from '../kernel/ids';
import { inMemoryEventStore } from '../kernel/inMemoryEventStore';
import { handleWalletCommand } from '../wallet/walletStream';
import type { RequestedLine } from './orderCommands';
import { ordersFacade } from './facade';
import { defaultOrderPolicy, type OrderPolicy } from './orderPolicy';
import { sampleCatalog } from './sampleCatalog';

const regulars: ApplicableModifier = {
  target: { kind: 'everything' },
  adjustment: { kind: 'percent', basisPoints: 500 },
  source: { kind: 'group', groupId: 'g1', groupName: 'regulars' },
};
const alice = { role: 'customer' as const, id: 'alice' };
const operator = { role: 'operator' as const, id: 'op-1' };
const cola: RequestedLine = { productId: 'cola', quantity: 1, payWith: 'money' };

const setup = (policy: OrderPolicy = defaultOrderPolicy) => {
  const store = inMemoryEventStore();
  const orders = ordersFacade({
    store,
    clock: manualClock('2026-03-01T10:00:00Z'),
    ids: seededIds('orders'),
    catalog: sampleCatalog('shop1'),
    policyFor: () => policy,
    customers: {
      applicableModifiers: async (_tenant, customerId) =>
        customerId === 'nobody'
          ? E.left(new DomainError('customer.not_found', 'There is no such customer.'))
          : E.right(customerId === 'alice' ? [regulars] : []),
    },
  });
  return { store, orders };
};

describe('orders facade', () => {
  it('places with the customer group discount labelled as the bill shows it', async () => {
    const { orders } = setup();
    const placed = await orders.place({
      tenantId: 'shop1',
      actor: alice,
      customerId: 'alice',
      lines: [cola],
      paymentMethod: 'cash',
    });
    if (E.isLeft(placed)) throw placed.left;
    expect(placed.right.order.lines[0]).toMatchObject({
      netPrice: 237,
      rule: { ruleId: 'group:g1:everything', label: 'regulars −5%', source: 'group' },
    });
    expect(placed.right.order.lifecycle).toBe('placed');
  });

  it('refuses a price sent from the customer screen and writes nothing', async () => {
    const { orders, store } = setup();
    const sneaky = [{ ...cola, price: 1 }] as unknown as readonly RequestedLine[];
    const refused = await orders.place({
      tenantId: 'shop1',
      actor: alice,
      customerId: 'alice',
      lines: sneaky,
      paymentMethod: 'cash',
    });
    expect(E.isLeft(refused) && refused.left.code).toBe('order.line.price_not_accepted');
    expect(await store.readAll()).toEqual([]);
  });

  it('keeps to the methods and switch the shop offers on the customer screen', async () => {
    const { orders } = setup({ ...defaultOrderPolicy, customerPaymentMethods: ['cash'] });
    const card = await orders.place({
      tenantId: 'shop1',
      actor: alice,
      customerId: 'alice',
      lines: [cola],
      paymentMethod: 'card',
    });
    expect(E.isLeft(card) && card.left.code).toBe('order.payment_method_not_offered');
    const atCounter = await orders.place({
      tenantId: 'shop1',
      actor: operator,
      customerId: 'alice',
      lines: [cola],
      paymentMethod: 'card',
    });
    expect(E.isRight(atCounter)).toBe(true);
    const off = setup({ ...defaultOrderPolicy, customerOrdering: false });
    const closed = await off.orders.place({
      tenantId: 'shop1',
      actor: alice,
      customerId: 'alice',
      lines: [cola],
      paymentMethod: 'cash',
    });
    expect(E.isLeft(closed) && closed.left.code).toBe('order.customer_ordering_off');
  });

  it('refuses an order for an unknown customer', async () => {
    const { orders } = setup();
    const refused = await orders.place({
      tenantId: 'shop1',
      actor: operator,
      customerId: 'nobody',
      lines: [cola],
      paymentMethod: 'cash',
    });
    expect(E.isLeft(refused) && refused.left.code).toBe('customer.not_found');
  });

  it('places once for one idempotency key, however often it is sent', async () => {
    const { orders } = setup();
    const send = () =>
      orders.place({
        tenantId: 'shop1',
        actor: alice,
        idempotencyKey: 'tap-1',
        customerId: 'alice',
        lines: [cola],
        paymentMethod: 'cash',
      });
    const [first, again] = [await send(), await send()];
    expect(E.isRight(first) && E.isRight(again) && first.right.orderId === again.right.orderId).toBe(true);
    expect(E.isRight(again) && again.right.idempotent).toBe(true);
  });

  it('runs the whole lifecycle: accept, deliver, pay by deposit, complete', async () => {
    const { orders, store } = setup();
    await handleWalletCommand(store, defaultOrderPolicy.wallet, {
      type: 'TopUp',
      data: { customerId: 'alice', amount: 1000, currency: 'EUR', method: 'cash' },
      metadata: { commandId: 'top-up', tenantId: 'shop1', actor: operator, now: new Date() },
    });
    const placed = await orders.place({
      tenantId: 'shop1',
      actor: alice,
      customerId: 'alice',
      lines: [cola],
      paymentMethod: 'deposit',
    });
    if (E.isLeft(placed)) throw placed.left;
    const target = { tenantId: 'shop1', actor: operator, orderId: placed.right.orderId };
    await orders.accept(target);
    await orders.deliver({ ...target, lineId: '1' });
    await orders.pay({ ...target, method: 'deposit' });
    const done = await orders.complete(target);
    expect(E.isRight(done) && done.right.order.lifecycle).toBe('completed');
    const read = await orders.get('shop1', placed.right.orderId);
    expect(E.isRight(read) && read.right.payment?.money).toBe(237);
    const missing = await orders.get('shop1', 'nope');
    expect(E.isLeft(missing) && missing.left.code).toBe('order.not_found');
  });
});

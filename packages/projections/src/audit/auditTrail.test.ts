import { describe, expect, it } from '@jest/globals';
import {
  inMemoryEventStore,
  orderEvents,
  walletEvents,
  type EventStore,
  type OrderEvent,
  type WalletEvent,
} from '@tillstream/domain';
import { createProjectionRunner, inMemoryCheckpointStore } from '../runner';
import { appendEvent } from '../testing/appendEvent';
import { auditTrailProjection } from './auditTrail';

const wallet = (store: EventStore, customerId: string, event: WalletEvent) =>
  appendEvent(store, walletEvents, { category: 'wallet', tenantId: 'shop1', id: customerId }, event);
const order = (store: EventStore, orderId: string, event: OrderEvent) =>
  appendEvent(store, orderEvents, { category: 'order', tenantId: 'shop1', id: orderId }, event, {
    actor: { role: 'operator', id: 'op-7' },
    at: '2026-03-01T11:00:00.000Z',
  });

const paidByDeposit = (orderId: string, money: number): OrderEvent => ({
  type: 'OrderPaid',
  data: {
    orderId,
    paymentNumber: 1,
    customerId: 'anna',
    method: 'deposit',
    money,
    currency: 'PLN',
    points: 0,
    pointsEarned: 0,
    debtSettled: 0,
  },
});
const completed = (orderId: string, paid: boolean, debt: number): OrderEvent => ({
  type: 'OrderCompleted',
  data: { orderId, customerId: 'anna', deliveredLineIds: ['l1'], paid, debt, currency: 'PLN' },
});

/** A consistent history: a top-up, an order paid from the deposit, an order completed unpaid. */
const honestLog = async (balanceAfterSpend = 15000) => {
  const store = inMemoryEventStore();
  await wallet(store, 'anna', {
    type: 'WalletToppedUp',
    data: { movementId: 'm1', amount: 20000, currency: 'PLN', method: 'cash', balanceAfter: 20000 },
  });
  await order(store, 'o1', {
    type: 'OrderAccepted',
    data: { orderId: 'o1', customerId: 'anna', moneyDue: 5000, pointsDue: 0, currency: 'PLN' },
  });
  await wallet(store, 'anna', {
    type: 'WalletSpent',
    data: { movementId: 'm2', orderId: 'o1', amount: 5000, currency: 'PLN', balanceAfter: balanceAfterSpend },
  });
  await order(store, 'o1', paidByDeposit('o1', 5000));
  await wallet(store, 'anna', {
    type: 'WalletSpent',
    data: { movementId: 'm3', orderId: 'o3', amount: 1000, currency: 'PLN', balanceAfter: 14000 },
  });
  await order(store, 'o3', paidByDeposit('o3', 1000));
  await order(store, 'o2', completed('o2', false, 700));
  await wallet(store, 'anna', {
    type: 'DebtRecorded',
    data: { movementId: 'm4', orderId: 'o2', amount: 700, currency: 'PLN', debtAfter: 700 },
  });
  return store;
};

const audit = async (store: EventStore) => {
  const runner = createProjectionRunner({
    store,
    checkpoints: inMemoryCheckpointStore(),
    projection: auditTrailProjection(),
  });
  await runner.start();
  await runner.waitFor();
  await runner.stop();
  return runner.model();
};

describe('audit trail', () => {
  it('finds nothing wrong in a consistent log, and records who did what', async () => {
    const trail = await audit(await honestLog());
    expect(trail.violations('shop1')).toEqual([]);
    const paid = trail.entries('shop1').find((e) => e.event.type === 'OrderPaid');
    expect(paid).toMatchObject({
      actor: { role: 'operator', id: 'op-7' },
      at: '2026-03-01T11:00:00.000Z',
      summary: 'order o1 paid by deposit: 5000 PLN, 0 points',
    });
  });

  it('reports a tampered balance-after once, naming the event and the one before it', async () => {
    const trail = await audit(await honestLog(16000));
    const violations = trail.violations('shop1');
    expect(violations).toHaveLength(1);
    expect(violations[0]?.rule).toBe('wallet.balance_after_mismatch');
    expect(violations[0]?.message).toContain(
      'WalletSpent wallet-shop1.anna@1 says the money balance is 16000',
    );
    expect(violations[0]?.events.map((e) => [e.type, e.revision])).toEqual([
      ['WalletToppedUp', 0n],
      ['WalletSpent', 1n],
    ]);
  });

  it('reports a deposit payment without its wallet debit', async () => {
    const store = await honestLog();
    await order(store, 'o9', paidByDeposit('o9', 2500));
    const [violation] = (await audit(store)).violations('shop1');
    expect(violation).toMatchObject({ rule: 'order.deposit_without_wallet_debit' });
    expect(violation?.events.map((e) => e.streamName)).toEqual(['order-shop1.o9']);
  });

  it('reports a debt with no completed unpaid order behind it, and an unpaid order with no debt', async () => {
    const store = await honestLog();
    await wallet(store, 'anna', {
      type: 'DebtRecorded',
      data: { movementId: 'm5', orderId: 'o7', amount: 300, currency: 'PLN', debtAfter: 1000 },
    });
    await order(store, 'o8', completed('o8', false, 450));
    const rules = (await audit(store))
      .violations('shop1')
      .map((v) => [v.rule, v.events.map((e) => e.streamName)]);
    expect(rules).toEqual([
      ['wallet.debt_without_unpaid_order', ['wallet-shop1.anna']],
      ['order.unpaid_without_debt', ['order-shop1.o8']],
    ]);
  });
});

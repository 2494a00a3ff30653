import { describe, expect, it } from '@jest/globals';
import { inMemoryEventStore, walletEvents, type EventStore, type WalletEvent } from '@tillstream/domain';
import { createProjectionRunner, inMemoryCheckpointStore } from '../runner';
import { appendEvent } from '../testing/appendEvent';
import { walletViewsProjection } from './walletViews';

const wallet = (store: EventStore, customerId: string, event: WalletEvent) =>
  appendEvent(store, walletEvents, { category: 'wallet', tenantId: 'shop1', id: customerId }, event);

describe('wallet views', () => {
  it('shows balance, points and debt apart, with the source of every movement', async () => {
    const store = inMemoryEventStore();
    await wallet(store, 'anna', {
      type: 'WalletToppedUp',
      data: {
        movementId: 'm1',
        amount: 20000,
        currency: 'PLN',
        method: 'gift_voucher',
        reference: 'v-hash',
        balanceAfter: 20000,
      },
    });
    await wallet(store, 'anna', {
      type: 'WalletSpent',
      data: { movementId: 'm2', orderId: 'o1', amount: 4500, currency: 'PLN', balanceAfter: 15500 },
    });
    await wallet(store, 'anna', {
      type: 'PointsEarned',
      data: {
        lotId: 'l1',
        points: 45,
        source: { kind: 'order', orderId: 'o1' },
        earnedAt: '2026-03-01T10:00:00.000Z',
        balanceAfter: 45,
      },
    });
    await wallet(store, 'anna', {
      type: 'DebtRecorded',
      data: { movementId: 'm3', orderId: 'o2', amount: 700, currency: 'PLN', debtAfter: 700 },
    });
    await wallet(store, 'bob', {
      type: 'WalletMoneyTransferredOut',
      data: {
        movementId: 'm4',
        mergeId: 'g1',
        toCustomerId: 'anna',
        amount: 100,
        currency: 'PLN',
        balanceAfter: 0,
      },
    });
    await wallet(store, 'bob', {
      type: 'WalletMergedInto',
      data: { mergeId: 'g1', survivorCustomerId: 'anna' },
    });

    const runner = createProjectionRunner({
      store,
      checkpoints: inMemoryCheckpointStore(),
      projection: walletViewsProjection(),
    });
    await runner.start();
    await runner.waitFor();
    const anna = runner.model().wallet('shop1', 'anna');
    expect([anna.balance, anna.points, anna.debt]).toEqual([15500, 45, 700]);
    expect(anna.history.map((h) => [h.ledger, h.change, h.source])).toEqual([
      ['money', 20000, { kind: 'topUp', method: 'gift_voucher', reference: 'v-hash' }],
      ['money', -4500, { kind: 'order', orderId: 'o1' }],
      ['points', 45, { kind: 'points', source: { kind: 'order', orderId: 'o1' } }],
      ['debt', 700, { kind: 'order', orderId: 'o2' }],
    ]);
    const bob = runner.model().wallet('shop1', 'bob');
    expect(bob).toMatchObject({ balance: 0, mergedInto: 'anna' });
    expect(bob.history[0]?.source).toEqual({
      kind: 'merge',
      mergeId: 'g1',
      direction: 'out',
      customerId: 'anna',
    });
    await runner.stop();
  });
});

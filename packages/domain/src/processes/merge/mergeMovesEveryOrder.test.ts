import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { inMemoryEventStore } from '../../kernel/inMemoryEventStore';
import { readCustomerOrderIndex } from '../../order/customerOrderIndex';
import { readOrder } from '../../order/orderStream';
import { sampleCatalogItems } from '../../order/sampleCatalog';
import { testMergePolicy, TENANT, as, duplicates } from './mergeTestKit';
import { handleOrderCommand, payOrder } from '../orderPayment/orderPayment';
import { lotsOf } from '../../wallet/lotLedger';

const right = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

const JAN = {
  tenantId: TENANT,
  actor: as('operator', 'anna'),
  sourceCustomerId: 'jan-phone',
  targetCustomerId: 'jan-card',
  mergeId: 'm1',
};

/** Jan-by-phone pays order o-paid (a cola by points, 3 hours of play from the deposit), and voids o-voided. */
const withPaidOrders = async (store = inMemoryEventStore()) => {
  const s = await duplicates(store);
  const deps = { store: s.store, walletPolicy: testMergePolicy.wallet };
  const meta = (commandId: string) => ({
    commandId,
    tenantId: TENANT,
    actor: as('operator'),
    now: s.clock.now(),
  });
  right(
    await handleOrderCommand(deps, {
      type: 'PlaceOrder',
      data: {
        orderId: 'o-paid',
        customerId: 'jan-phone',
        currency: 'EUR',
        paymentMethod: 'deposit',
        lines: [
          { productId: 'cola', quantity: 1, payWith: 'points' },
          { productId: 'play-3h', quantity: 1, payWith: 'money' },
        ],
        catalog: sampleCatalogItems,
        discountRules: [],
      },
      metadata: meta('place:o-paid'),
    }),
  );
  await s.accept('o-paid');
  right(
    await payOrder(deps, {
      type: 'PayOrder',
      data: { orderId: 'o-paid', method: 'deposit' },
      metadata: meta('pay:o-paid'),
    }),
  );
  await s.place('o-voided', 'jan-phone');
  await s.accept('o-voided');
  right(
    await handleOrderCommand(deps, {
      type: 'VoidOrder',
      data: { orderId: 'o-voided', reason: 'wrong table' },
      metadata: meta('void:o-voided'),
    }),
  );
  const voidLater = (commandId: string) =>
    handleOrderCommand(deps, {
      type: 'VoidOrder',
      data: { orderId: 'o-paid', reason: 'the console was broken' },
      metadata: meta(commandId),
    });
  return { ...s, voidLater };
};

describe('a merge moves every order of the source', () => {
  it('re-points paid, cancelled and voided orders at the survivor in their state, moving no money itself', async () => {
    const s = await withPaidOrders();
    const sourceBefore = await s.walletOf('jan-phone');
    right(await s.merges.merge(JAN));
    for (const [orderId, status] of [
      ['o-paid', 'accepted'],
      ['o-voided', 'voided'],
      ['o-cancelled', 'cancelled'],
      ['o-open', 'accepted'],
      ['o-unpaid', 'completed'],
    ] as const)
      expect(right(await readOrder(s.store, TENANT, orderId)).state).toMatchObject({
        customerId: 'jan-card',
        status,
      });
    const moves = s.store.allEvents().filter((e) => e.type === 'OrderMovedByMerge');
    expect(moves).toHaveLength(5);
    expect(
      moves.every(
        (e) => e.metadata.actor.role === 'system' && (e.data as { mergeId?: unknown }).mergeId === 'm1',
      ),
    ).toBe(true);
    // The wallet transfer alone carried the money, points and debt: totals add up exactly once.
    const target = await s.walletOf('jan-card');
    expect([target.balance, target.pointsBalance, target.debt]).toEqual([
      1000 + sourceBefore.balance,
      sourceBefore.pointsBalance,
      sourceBefore.debt,
    ]);
  });

  it('lets a paid order voided after the merge give its deposit and points back to the survivor', async () => {
    const s = await withPaidOrders();
    right(await s.merges.merge(JAN));
    const before = await s.walletOf('jan-card');
    const voided = right(await s.voidLater('void:o-paid'));
    expect(voided.events[0]).toMatchObject({
      type: 'OrderVoided',
      data: { customerId: 'jan-card', depositReturned: 900, pointsReturned: 25 },
    });
    const after = await s.walletOf('jan-card');
    expect(after.balance - before.balance).toBe(900);
    // Points the order redeemed come back; the 9 it earned are taken back.
    expect(after.pointsBalance - before.pointsBalance).toBe(25 - 9);
    expect(lotsOf(after.lots).reduce((sum, l) => sum + l.remaining, 0)).toBe(after.pointsBalance);
    const source = await s.walletOf('jan-phone');
    expect([source.balance, source.pointsBalance]).toEqual([0, 0]);
  });

  it("finds the source's orders through its order index, never by scanning the shop's log", async () => {
    const store = inMemoryEventStore();
    const s = await withPaidOrders({
      ...store,
      readAll: () => Promise.reject(new Error('a merge must not scan the log')),
    });
    expect(right(await s.merges.previewMerge({ ...JAN, choices: {} })).orders).toHaveLength(5);
    right(await s.merges.merge(JAN));
    const index = async (customerId: string) =>
      right(await readCustomerOrderIndex(store, TENANT, customerId)).index;
    expect([...(await index('jan-card')).linked].sort()).toEqual([
      'o-cancelled',
      'o-open',
      'o-paid',
      'o-unpaid',
      'o-voided',
    ]);
    expect([...(await index('jan-phone')).linked]).toEqual([]);
  });
});

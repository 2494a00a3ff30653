import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { RequestedLine } from '../../order/orderCommands';
import { lifecycleOf } from '../../order/orderState';
import { orderWorld } from './testKit';

// 2 colas (500) + 3 hours of play for 90 points + a combo (399): 899 money, 90 points.
const lines: readonly RequestedLine[] = [
  { productId: 'cola', quantity: 2, payWith: 'money' },
  { productId: 'play-3h', quantity: 1, payWith: 'points' },
  { productId: 'gamer-combo', quantity: 1, payWith: 'money' },
];

const accepted = async () => {
  const w = orderWorld();
  await w.place(lines);
  await w.send('AcceptOrder', {}, 'accept');
  return w;
};

describe('paying an order against the wallet', () => {
  it('takes deposit money and points, marks the order paid, then earns points by the shop rule', async () => {
    const w = await accepted();
    await w.topUp(2000);
    await w.grantPoints(100);
    const paid = await w.pay('deposit', 'pay-1');
    expect(E.isRight(paid) && lifecycleOf(paid.right.state)).toBe('paid');
    const wallet = await w.wallet();
    expect(wallet.balance).toBe(2000 - 899);
    // 100 granted − 90 redeemed + 8 earned (1 point per whole euro of 8.99).
    expect(wallet.pointsBalance).toBe(18);
  });

  it('refuses a deposit payment the wallet cannot cover and takes nothing', async () => {
    const w = await accepted();
    await w.topUp(500);
    await w.grantPoints(100);
    const refused = await w.pay('deposit', 'pay-1');
    expect(E.isLeft(refused) && refused.left.code).toBe('wallet.insufficient_balance');
    expect([(await w.wallet()).balance, (await w.wallet()).pointsBalance]).toEqual([500, 100]);
    expect(lifecycleOf((await w.order()).state)).toBe('accepted');
    expect((await w.order()).events.map((e) => e.event.type)).toEqual(['OrderPlaced', 'OrderAccepted']);
  });

  it('refuses when the points do not cover the points lines, whatever the method', async () => {
    const w = await accepted();
    await w.grantPoints(50);
    const refused = await w.pay('cash', 'pay-1');
    expect(E.isLeft(refused) && refused.left.code).toBe('points.insufficient');
    expect((await w.wallet()).pointsBalance).toBe(50);
  });

  it('lets the method change at Pay: cash takes no money from the wallet', async () => {
    const w = await accepted();
    await w.topUp(2000);
    await w.grantPoints(100);
    await w.pay('cash', 'pay-1');
    expect([await w.taken(), (await w.wallet()).balance]).toEqual([0, 2000]);
  });

  it('turns an unpaid completed order into debt, and settles it when paid later', async () => {
    const w = await accepted();
    await w.grantPoints(100);
    const done = await w.send('CompleteOrder', {}, 'complete');
    expect(E.isRight(done) && lifecycleOf(done.right.state)).toBe('completed_unpaid');
    expect((await w.wallet()).debts).toEqual({ o1: 899 });
    await w.topUp(1000);
    await w.pay('deposit', 'pay-later');
    const wallet = await w.wallet();
    expect([wallet.debt, wallet.balance, lifecycleOf((await w.order()).state)]).toEqual([
      0,
      101,
      'completed',
    ]);
  });

  it('voids a deposit payment by giving back money and points and taking back the points earned', async () => {
    const w = await accepted();
    await w.topUp(2000);
    await w.grantPoints(100);
    await w.pay('deposit', 'pay-1');
    const voided = await w.send('VoidOrder', { reason: 'wrong table' }, 'void');
    expect(E.isRight(voided) && lifecycleOf(voided.right.state)).toBe('voided');
    const wallet = await w.wallet();
    expect([wallet.balance, wallet.pointsBalance, await w.taken()]).toEqual([2000, 100, 0]);
  });

  it('voids an unpaid completed order by removing its debt', async () => {
    const w = await accepted();
    await w.send('CompleteOrder', {}, 'complete');
    await w.send('VoidOrder', { reason: 'never served' }, 'void');
    expect((await w.wallet()).debt).toBe(0);
  });

  it('moves the debt with the order when the customer changes', async () => {
    const w = await accepted();
    await w.send('CompleteOrder', {}, 'complete');
    await w.send('ChangeOrderCustomer', { customerId: 'bob', reason: 'his tab' }, 'change');
    expect([(await w.wallet('alice')).debt, (await w.wallet('bob')).debts]).toEqual([0, { o1: 899 }]);
  });

  it('re-sending a pay command writes nothing new', async () => {
    const w = await accepted();
    await w.topUp(2000);
    await w.grantPoints(100);
    await w.pay('deposit', 'pay-1');
    const again = await w.pay('deposit', 'pay-1');
    expect(E.isRight(again) && again.right.idempotent).toBe(true);
    expect(await w.taken()).toBe(899);
  });
});

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { EventStore } from '../../kernel/eventStore';
import { inMemoryEventStore } from '../../kernel/inMemoryEventStore';
import { lifecycleOf } from '../../order/orderState';
import { defaultWalletPolicy } from '../../wallet/walletPolicy';
import { handleWalletCommand } from '../../wallet/walletStream';
import { opMeta, orderWorld } from './testKit';

type Moment = 'before' | 'after';

/** A store that dies once, just before or just after appending the first batch holding `eventType`. */
const crashOnce = (inner: EventStore, eventType: string, moment: Moment): EventStore => {
  let armed = true;
  return {
    ...inner,
    appendToStream: async (stream, events, options) => {
      const hit = armed && events.some((e) => e.type === eventType);
      if (hit && moment === 'before') {
        armed = false;
        throw new Error(`crash before ${eventType}`);
      }
      const result = await inner.appendToStream(stream, events, options);
      if (hit) {
        armed = false;
        throw new Error(`crash after ${eventType}`);
      }
      return result;
    },
  };
};

// Every write a deposit payment makes, in order: the order, the wallet (points, money), the order, the wallet.
const writes = ['OrderPaymentStarted', 'PointsRedeemed', 'WalletSpent', 'OrderPaid', 'PointsEarned'];
const cases = writes.flatMap((eventType) =>
  (['before', 'after'] as const).map((moment) => ({ eventType, moment })),
);

const prepared = async (store: EventStore) => {
  const w = orderWorld(store);
  await w.place([
    { productId: 'cola', quantity: 2, payWith: 'money' },
    { productId: 'play-3h', quantity: 1, payWith: 'points' },
  ]);
  await w.send('AcceptOrder', {}, 'accept');
  await w.topUp(2000);
  await w.grantPoints(100);
};

const count = async (store: EventStore, stream: string, type: string) =>
  (await store.readStream(stream)).filter((e) => e.type === type).length;

describe('a crash during a deposit payment', () => {
  it.each(cases)(
    '$moment writing $eventType, then a retry: one debit, one paid order',
    async ({ eventType, moment }) => {
      const inner = inMemoryEventStore();
      await prepared(inner);
      const crashing = orderWorld(crashOnce(inner, eventType, moment));
      await expect(crashing.pay('deposit', 'pay-1')).rejects.toThrow('crash');

      const retried = await orderWorld(inner).pay('deposit', 'pay-1');
      expect(E.isRight(retried) && lifecycleOf(retried.right.state)).toBe('paid');
      const w = orderWorld(inner);
      expect(await count(inner, 'wallet-shop1.alice', 'WalletSpent')).toBe(1);
      expect(await count(inner, 'wallet-shop1.alice', 'PointsRedeemed')).toBe(1);
      expect(await count(inner, 'wallet-shop1.alice', 'PointsEarned')).toBe(2); // the welcome gift and this order's
      expect(await count(inner, 'order-shop1.o1', 'OrderPaid')).toBe(1);
      const wallet = await w.wallet();
      expect([wallet.balance, wallet.pointsBalance]).toEqual([1500, 15]);
    },
  );

  it('never shows a paid order without its debit, even between the writes', async () => {
    const inner = inMemoryEventStore();
    await prepared(inner);
    await expect(
      orderWorld(crashOnce(inner, 'WalletSpent', 'before')).pay('deposit', 'pay-1'),
    ).rejects.toThrow();
    const w = orderWorld(inner);
    expect(lifecycleOf((await w.order()).state)).toBe('payment_pending');
    expect(await w.taken()).toBe(0);
  });

  it('lets the next command on the order finish a payment a crash left under way', async () => {
    const inner = inMemoryEventStore();
    await prepared(inner);
    await expect(
      orderWorld(crashOnce(inner, 'OrderPaid', 'before')).pay('deposit', 'pay-1'),
    ).rejects.toThrow();
    const w = orderWorld(inner);
    const delivered = await w.send('DeliverOrderLine', { lineId: '1' }, 'deliver-1');
    expect(E.isRight(delivered) && lifecycleOf(delivered.right.state)).toBe('paid');
    expect(await w.taken()).toBe(500);
  });

  it('gives back what a refused payment had taken, marks it failed, and lets a new payment go through', async () => {
    const inner = inMemoryEventStore();
    await prepared(inner);
    // Another till spends the money between the check and the debit, so the wallet refuses the debit
    // after the points were already redeemed.
    let raced = false;
    const racing: EventStore = {
      ...inner,
      appendToStream: async (stream, events, options) => {
        const result = await inner.appendToStream(stream, events, options);
        if (!raced && events.some((e) => e.type === 'PointsRedeemed')) {
          raced = true;
          await handleWalletCommand(inner, defaultWalletPolicy, {
            type: 'Spend',
            data: { customerId: 'alice', orderId: 'o2', amount: 1800, currency: 'EUR' },
            metadata: opMeta('other-till'),
          });
        }
        return result;
      },
    };
    const refused = await orderWorld(racing).pay('deposit', 'pay-1');
    expect(E.isLeft(refused) && refused.left.code).toBe('wallet.insufficient_balance');
    const w = orderWorld(inner);
    expect([(await w.wallet()).pointsBalance, await w.taken()]).toEqual([100, 0]);
    const order = await w.order();
    expect(lifecycleOf(order.state)).toBe('accepted');
    expect(order.events.map((e) => e.event.type)).toContain('OrderPaymentFailed');

    const cash = await w.pay('cash', 'pay-2');
    expect(
      E.isRight(cash) && cash.right.state.status !== 'absent' && cash.right.state.payment?.paymentNumber,
    ).toBe(2);
    expect((await w.wallet()).pointsBalance).toBe(15);
  });
});

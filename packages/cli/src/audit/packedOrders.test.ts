import { describe, expect, it } from '@jest/globals';
import { inMemoryEventStore } from '@tillstream/domain';
import { writeSampleShopDay } from '../testing/sampleShopDay';
import type { Placed } from './auditPart';
import { auditReplay } from './auditReplay';
import type { OrderSummary } from './orderLifecycle';
import { packOrders, unpackOrders } from './packedOrders';

const sampleOrders = async (): Promise<readonly Placed<OrderSummary>[]> => {
  const store = inMemoryEventStore();
  await writeSampleShopDay(store, 'shop1');
  await writeSampleShopDay(store, 'shop2');
  const replay = auditReplay();
  let line = 0;
  for (const event of await store.allEvents()) replay.observe(event, ++line);
  return replay.part().orders;
};

describe("a worker's orders packed for its message", () => {
  it('unpack to the orders the ledger gave, key for key and in order', async () => {
    const orders = await sampleOrders();
    expect(orders.some(({ value }) => value.steps.some((s) => !('amount' in s)))).toBe(true);
    const unpacked = unpackOrders(packOrders(orders));
    expect(unpacked).toStrictEqual(orders);
    expect(JSON.stringify(unpacked)).toBe(JSON.stringify(orders));
  });

  it('keep any amount exactly, and no orders as none', () => {
    const step = (amount?: number) => ({
      at: 't',
      actor: 'a',
      what: 'w',
      ...(amount === undefined ? {} : { amount }),
    });
    const orders: Placed<OrderSummary>[] = [
      {
        line: 2 ** 40,
        value: {
          tenantId: 'shop1',
          orderId: 'o-1',
          customerId: '',
          status: 'absent',
          currency: '',
          steps: [step(0), step(), step(-0), step(0.1), step(-(2 ** 60)), step(Number.MAX_VALUE)],
        },
      },
      {
        line: 3,
        value: {
          tenantId: 'shop1',
          orderId: 'o-2',
          customerId: 'c',
          status: 's',
          currency: 'EUR',
          steps: [],
        },
      },
    ];
    expect(unpackOrders(packOrders(orders))).toStrictEqual(orders);
    expect(unpackOrders(packOrders([]))).toStrictEqual([]);
  });
});

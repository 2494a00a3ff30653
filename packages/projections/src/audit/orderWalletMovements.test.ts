import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@tillstream/domain';
import { audit, cafe, op, right } from './auditTestKit';

// Refunds are the system's: an integration's job, say, refunding beside the order process.
const job = { tenantId: 'cafe', actor: { role: 'system', id: 'refund-job' } } as const;

const without = (log: readonly StoredEvent[], type: string, key: string) => {
  const gone = log.filter((e) => e.type === type && e.metadata.commandId === key);
  expect(gone).toHaveLength(1);
  return log.filter((e) => !gone.includes(e));
};

/** A customer paid an order from her deposit, and the order was voided. */
const voidedDepositOrder = async () => {
  const shop = cafe();
  const anna = await shop.customer('A-1');
  right(await shop.till.wallets.topUp({ ...op, customerId: anna, amount: 5000, method: 'cash' }));
  const orderId = await shop.acceptedOrder(anna, 'play-3h', 'deposit');
  right(await shop.till.orders.pay({ ...op, orderId, method: 'deposit' }));
  right(await shop.till.orders.void({ ...op, orderId, reason: 'wrong table' }));
  return { ...shop, anna, orderId };
};

describe('every wallet movement an order calls for is on the wallets, under its key', () => {
  it('passes an unpaid order moved to another customer: the debt left one wallet and reached the other', async () => {
    const shop = cafe();
    const [anna, bob] = [await shop.customer('A-1'), await shop.customer('B-1')];
    const orderId = await shop.acceptedOrder(anna, 'cola', 'cash');
    right(await shop.till.orders.complete({ ...op, orderId }));
    right(await shop.till.orders.changeCustomer({ ...op, orderId, customerId: bob, reason: 'his tab' }));
    const trail = await audit(shop.log());
    expect(trail.violations('cafe')).toEqual([]);
  });

  it('names the change of customer whose debt never left the first wallet', async () => {
    const shop = cafe();
    const [anna, bob] = [await shop.customer('A-1'), await shop.customer('B-1')];
    const orderId = await shop.acceptedOrder(anna, 'cola', 'cash');
    right(await shop.till.orders.complete({ ...op, orderId }));
    right(await shop.till.orders.changeCustomer({ ...op, orderId, customerId: bob, reason: 'his tab' }));
    const key = `order:${orderId}:customer-change:1:debt-out`;
    const violations = (await audit(without(shop.log(), 'DebtSettled', key))).violations('cafe');
    expect(violations.map((v) => [v.rule, v.message])).toEqual([
      [
        'order.wallet_movement_missing',
        `Order ${orderId} moved from ${anna} to ${bob} (change 1), so wallet ${anna} should show a debt of 1000 settled (DebtSettled) under key ${key}, but the log has none.`,
      ],
    ]);
    expect(violations[0]?.events.map((e) => e.type)).toEqual(['OrderCustomerChanged']);
  });

  it('passes a voided deposit order whose money and points went back', async () => {
    const { log } = await voidedDepositOrder();
    expect((await audit(log())).violations('cafe')).toEqual([]);
  });

  it('names the voided order whose refund never reached the wallet', async () => {
    const { log, orderId, anna } = await voidedDepositOrder();
    const key = `order:${orderId}:void:wallet-refund`;
    const violations = (await audit(without(log(), 'WalletRefunded', key))).violations('cafe');
    expect(violations.map((v) => [v.rule, v.message])).toEqual([
      [
        'order.wallet_movement_missing',
        `Order ${orderId} was voided, so wallet ${anna} should show a refund of 900 to the deposit (WalletRefunded) under key ${key}, but the log has none.`,
      ],
    ]);
    expect(violations[0]?.events.map((e) => [e.type, e.streamName])).toEqual([
      ['OrderVoided', `order-cafe.${orderId}`],
    ]);
  });

  it('names what stands under the refund key when something else was written there', async () => {
    const { log, orderId, anna } = await voidedDepositOrder();
    const key = `order:${orderId}:void:wallet-refund`;
    const tampered = log().map((e) =>
      e.metadata.commandId === key
        ? {
            ...e,
            type: 'WalletSpent',
            data: { ...(e.data as object), orderId: 'x', amount: 1, balanceAfter: 4099 },
          }
        : e,
    );
    const violations = (await audit(tampered)).violations('cafe');
    const missing = violations.find((v) => v.rule === 'order.wallet_movement_missing');
    expect(missing?.message).toBe(
      `Order ${orderId} was voided, so wallet ${anna} should show a refund of 900 to the deposit (WalletRefunded) under key ${key}, but the log has WalletSpent of 1 for order x on wallet ${anna} instead.`,
    );
    expect(missing?.events.map((e) => e.type)).toEqual(['OrderVoided', 'WalletSpent']);
    expect(violations.filter((v) => v.rule === 'wallet.movement_without_order')).toEqual([]);
  });

  it('names a refund that no order owes', async () => {
    const shop = cafe();
    const anna = await shop.customer('A-1');
    right(await shop.till.wallets.topUp({ ...op, customerId: anna, amount: 5000, method: 'cash' }));
    const orderId = await shop.acceptedOrder(anna, 'play-3h', 'deposit');
    right(await shop.till.orders.pay({ ...op, orderId, method: 'deposit' }));
    right(
      await shop.till.wallets.refund({
        ...job,
        customerId: anna,
        orderId,
        amount: 900,
        idempotencyKey: 'r-1',
      }),
    );
    const violations = (await audit(shop.log())).violations('cafe');
    expect(violations.map((v) => v.rule)).toEqual(['wallet.movement_without_order']);
    expect(violations[0]?.message).toContain(
      `Wallet ${anna} shows a refund of 900 to the deposit (WalletRefunded) for order ${orderId}`,
    );
    expect(violations[0]?.message).toContain(`but none of order ${orderId}'s events calls for it.`);
    expect(violations[0]?.events.map((e) => e.type)).toEqual(['WalletRefunded']);
  });

  it('passes a merge that moves an unpaid order, and its payment afterwards from the survivor', async () => {
    const shop = cafe();
    const [jan, janToo] = [await shop.customer('J-1'), await shop.customer('J-2')];
    const orderId = await shop.acceptedOrder(janToo, 'cola', 'cash');
    right(await shop.till.orders.complete({ ...op, orderId }));
    right(
      await shop.till.customers.merge({
        ...op,
        sourceCustomerId: janToo,
        targetCustomerId: jan,
        reason: 'twice',
      }),
    );
    expect((await audit(shop.log())).violations('cafe')).toEqual([]);
    right(await shop.till.wallets.topUp({ ...op, customerId: jan, amount: 2000, method: 'cash' }));
    right(await shop.till.orders.pay({ ...op, orderId, method: 'deposit' }));
    const log = shop.log();
    expect(log.filter((e) => e.type === 'DebtSettled').map((e) => e.streamName)).toEqual([
      `wallet-cafe.${jan}`,
    ]);
    expect((await audit(log)).violations('cafe')).toEqual([]);
  });
});

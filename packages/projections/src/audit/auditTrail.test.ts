import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@tillstream/domain';
import { audit, cafe, op, right } from './auditTestKit';

/** A consistent day: a top-up, an order paid from the deposit, an order completed unpaid. */
const honestDay = async () => {
  const shop = cafe();
  const anna = await shop.customer('A-1');
  right(await shop.till.wallets.topUp({ ...op, customerId: anna, amount: 5000, method: 'cash' }));
  const paid = await shop.acceptedOrder(anna, 'play-3h', 'deposit');
  right(await shop.till.orders.pay({ ...op, orderId: paid, method: 'deposit' }));
  const unpaid = await shop.acceptedOrder(anna, 'cola', 'cash');
  right(await shop.till.orders.complete({ ...op, orderId: unpaid }));
  return { ...shop, anna, paid, unpaid };
};

const edit = (log: readonly StoredEvent[], type: string, change: (data: object) => object | undefined) =>
  log.flatMap((e) => {
    if (e.type !== type) return [e];
    const data = change(e.data as object);
    return data === undefined ? [] : [{ ...e, data }];
  });

describe('audit trail', () => {
  it('finds nothing wrong in a consistent log, and records who did what', async () => {
    const { log, paid } = await honestDay();
    const trail = await audit(log());
    expect(trail.violations('cafe')).toEqual([]);
    const entry = trail.entries('cafe').find((e) => e.event.type === 'OrderPaid');
    expect(entry).toMatchObject({
      actor: { role: 'operator', id: 'kasia' },
      summary: `order ${paid} paid by deposit: 900 EUR, 0 points`,
    });
  });

  it('puts every order act and wallet movement into words, in log order, with its event, time and actor', async () => {
    const { log, paid, unpaid } = await honestDay();
    const events = log();
    const entries = (await audit(events)).entries('cafe');
    expect(entries.map((e) => [e.event.type, e.actor.id, e.summary])).toEqual([
      ['WalletToppedUp', 'kasia', 'money +5000 → 5000 (topUp)'],
      ['OrderAccepted', 'kasia', `accepted order ${paid}: 900 EUR and 0 points due`],
      ['WalletSpent', 'order-process', 'money -900 → 4100 (order)'],
      ['OrderPaid', 'kasia', `order ${paid} paid by deposit: 900 EUR, 0 points`],
      ['PointsEarned', 'order-process', 'points +9 → 9 (points)'],
      ['OrderAccepted', 'kasia', `accepted order ${unpaid}: 1000 EUR and 0 points due`],
      ['OrderCompleted', 'kasia', `completed order ${unpaid}, unpaid: 1000 EUR debt`],
      ['DebtRecorded', 'order-process', 'debt +1000 → 1000 (order)'],
    ]);
    for (const entry of entries) {
      const stored = events.find((e) => e.position === entry.event.position);
      expect(entry).toMatchObject({
        at: stored?.metadata.occurredAt,
        event: { streamName: stored?.streamName, revision: stored?.revision, type: stored?.type },
      });
    }
  });

  it('keeps no entries when asked not to, and judges the same violations', async () => {
    const { log } = await honestDay();
    const tampered = edit(log(), 'WalletSpent', (d) => ({ ...d, balanceAfter: 4200 }));
    const lean = await audit(tampered, { entries: false });
    expect(lean.entries('cafe')).toEqual([]);
    expect((await audit(log(), { entries: false })).violations('cafe')).toEqual([]);
    expect(lean.violations('cafe')).toEqual((await audit(tampered)).violations('cafe'));
    expect(lean.violations('cafe')).toHaveLength(1);
  });

  it('reports a tampered balance-after once, naming the event and the one before it', async () => {
    const { log, anna } = await honestDay();
    const violations = (
      await audit(edit(log(), 'WalletSpent', (d) => ({ ...d, balanceAfter: 4200 })))
    ).violations('cafe');
    expect(violations.map((v) => [v.rule, v.message])).toEqual([
      [
        'wallet.balance_after_mismatch',
        `WalletSpent wallet-cafe.${anna}@1 says the money balance is 4200 after it, but replaying the ledger gives 4100.`,
      ],
    ]);
    expect(violations[0]?.events.map((e) => [e.type, e.revision])).toEqual([
      ['WalletToppedUp', 0n],
      ['WalletSpent', 1n],
    ]);
  });

  it('reports a deposit payment without its wallet debit', async () => {
    const { log, paid } = await honestDay();
    const [violation, ...others] = (await audit(edit(log(), 'WalletSpent', () => undefined))).violations(
      'cafe',
    );
    expect(others).toEqual([]);
    expect(violation).toMatchObject({
      rule: 'order.deposit_without_wallet_debit',
      message: `Order ${paid} was paid 900 from the deposit, but its wallet debits add up to 0.`,
    });
    expect(violation?.events.map((e) => [e.type, e.streamName])).toEqual([
      ['OrderPaid', `order-cafe.${paid}`],
    ]);
  });

  it('reports an unpaid order with no debt, and a debt no order calls for', async () => {
    const { log, till, customer, unpaid } = await honestDay();
    const bob = await customer('B-1');
    right(
      await till.wallets.recordDebt({
        tenantId: 'cafe',
        actor: { role: 'system', id: 'import-job' },
        customerId: bob,
        orderId: 'o-elsewhere',
        amount: 300,
        idempotencyKey: 'debt-1',
      }),
    );
    const tampered = log().filter(
      (e) => !(e.type === 'DebtRecorded' && e.metadata.commandId === `order:${unpaid}:complete:debt-record`),
    );
    const violations = (await audit(tampered)).violations('cafe');
    expect(violations.map((v) => [v.rule, v.events.map((e) => e.type)])).toEqual([
      ['order.unpaid_without_debt', ['OrderCompleted']],
      ['wallet.debt_without_unpaid_order', ['DebtRecorded']],
    ]);
    expect(violations.map((v) => v.message)).toEqual([
      `Order ${unpaid} completed owing 1000, but no debt was recorded on the customer's account.`,
      `A debt of 300 was recorded for order o-elsewhere on wallet ${bob} (key request:debt-1), but order o-elsewhere is not in the log.`,
    ]);
  });
});

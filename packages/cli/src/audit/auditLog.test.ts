import { beforeAll, describe, expect, it } from '@jest/globals';
import { inMemoryEventStore, type StoredEvent } from '@tillstream/domain';
import { writeSampleShopDay } from '../testing/sampleShopDay';
import { auditLog, type AuditOptions } from './auditLog';

let log: readonly StoredEvent[] = [];

beforeAll(async () => {
  const store = inMemoryEventStore();
  await writeSampleShopDay(store, 'shop1');
  await writeSampleShopDay(store, 'shop2');
  log = store.allEvents();
});

async function* from(events: readonly StoredEvent[]) {
  yield* events;
}

const audit = (events: readonly StoredEvent[], options: AuditOptions = { tenant: 'shop1' }) =>
  auditLog(from(events), options);

/** The log with the `nth` event of a type (shop1) changed. */
const tampered = (type: string, change: (e: StoredEvent) => StoredEvent | undefined, nth = 0) => {
  let seen = -1;
  return log.flatMap((e) => {
    if (e.type !== type || !e.streamName.includes('-shop1.') || ++seen !== nth) return [e];
    const changed = change(e);
    return changed === undefined ? [] : [changed];
  });
};

const withData = (e: StoredEvent, data: Record<string, unknown>): StoredEvent => ({
  ...e,
  data: { ...(e.data as object), ...data },
});

const wallet = (report: Awaited<ReturnType<typeof audit>>, customerId: string) =>
  report.wallets.find((w) => w.customerId === customerId);

describe('auditing a clean log', () => {
  it('finds every invariant holding', async () => {
    expect((await audit(log, {})).violations).toEqual([]);
  });

  it('re-adds every wallet ledger: balances, points and debts', async () => {
    const report = await audit(log);
    expect(
      report.wallets.map(({ customerId, balance, points, debt }) => ({ customerId, balance, points, debt })),
    ).toEqual([
      { customerId: 'alice', balance: 3850, points: 11, debt: 0 },
      { customerId: 'bob', balance: 1300, points: 0, debt: 199 },
      { customerId: 'bob-2', balance: 0, points: 0, debt: 0 },
    ]);
    expect(wallet(report, 'bob-2')?.mergedInto).toBe('bob');
  });

  it('shows each merge: who into whom, when, by whom, and what moved', async () => {
    expect((await audit(log)).merges).toEqual([
      expect.objectContaining({
        mergeId: 'merge-1',
        from: 'bob-2',
        into: 'bob',
        actor: 'system:merge',
        moneyIn: 300,
      }),
    ]);
  });

  it('shows each order lifecycle with its actors and amounts', async () => {
    const o1 = (await audit(log)).orders.find((o) => o.orderId === 'o-1');
    expect(o1?.status).toBe('completed');
    expect(o1?.steps.map((s) => `${s.actor} ${s.what} ${s.amount ?? ''}`.trim())).toEqual([
      'customer:alice placed, to pay by deposit 1150',
      'operator:anna accepted: invoice 1150',
      'operator:anna payment 1 started by deposit 1150',
      'operator:anna paid by deposit 1150',
      'operator:anna completed',
    ]);
  });

  it('keeps to one tenant when asked', async () => {
    const report = await audit(log, { tenant: 'shop2' });
    expect(report.events).toBe(log.length / 2);
    expect(new Set(report.wallets.map((w) => w.tenantId))).toEqual(new Set(['shop2']));
  });

  it("reports one customer's wallet line by line, orders and merges, and still checks everything", async () => {
    const report = await audit(
      tampered('WalletToppedUp', (e) => withData(e, { amount: 1 })),
      {
        tenant: 'shop1',
        customer: 'bob',
      },
    );
    expect(report.wallets.map((w) => w.customerId)).toEqual(['bob']);
    expect(report.wallets[0]?.entries?.map((e) => [e.type, e.money, e.debt, e.balanceAfter])).toEqual([
      ['WalletToppedUp', 1000, 0, 1000],
      ['DebtRecorded', 0, 199, 1000],
      ['WalletMoneyTransferredIn', 300, 0, 1300],
    ]);
    expect(report.orders.map((o) => o.orderId)).toEqual(['o-2']);
    expect(report.merges.map((m) => m.mergeId)).toEqual(['merge-1']);
    expect(new Set(report.violations.map((v) => v.code))).toEqual(new Set(['wallet.balance_after_mismatch']));
    expect(report.violations[0]?.events.map((r) => r.stream)).toContain('wallet-shop1.alice');
  });
});

describe('as of a moment', () => {
  it('gives balances, points, debts and order states as they stood then', async () => {
    const early = await audit(log, { tenant: 'shop1', asOf: new Date('2026-03-01T09:20:00Z') });
    expect(wallet(early, 'alice')).toMatchObject({ balance: 5000, points: 0 });
    expect(early.orders.map((o) => [o.orderId, o.status])).toEqual([['o-1', 'placed']]);
    const later = await audit(log, { tenant: 'shop1', asOf: new Date('2026-03-01T10:05:00Z') });
    expect(wallet(later, 'bob')).toMatchObject({ balance: 1000, debt: 199 });
    expect(wallet(later, 'bob-2')).toMatchObject({ balance: 300 });
    expect(later.merges).toEqual([]);
    expect(later.replayed).toBeLessThan(later.events);
  });
});

describe('auditing a tampered log', () => {
  it('names a movement whose amount does not add up, and the order it no longer pays', async () => {
    const report = await audit(tampered('WalletSpent', (e) => withData(e, { amount: 150 })));
    expect(report.violations.map((v) => [v.code, v.message])).toEqual([
      [
        'wallet.balance_after_mismatch',
        'WalletSpent wallet-shop1.alice@1 says the money balance is 3850 after it, but replaying the ledger gives 4850.',
      ],
      [
        'order.deposit_without_wallet_debit',
        'Order o-1 was paid 1150 from the deposit, but its wallet debits add up to 150.',
      ],
    ]);
    expect(report.violations[0]?.events).toContainEqual(
      expect.objectContaining({ stream: 'wallet-shop1.alice', revision: '1', type: 'WalletSpent' }),
    );
  });

  it('names a stream with an event taken out', async () => {
    const report = await audit(tampered('OrderAccepted', () => undefined));
    expect(report.violations.map((v) => [v.code, v.events.map((r) => `${r.stream}@${r.revision}`)])).toEqual([
      ['log.revision_gap', ['order-shop1.o-1@0', 'order-shop1.o-1@2']],
    ]);
  });

  it('names a merge that lost money between the two wallets, though each wallet adds up', async () => {
    const report = await audit(
      tampered('WalletMoneyTransferredIn', (e) => withData(e, { amount: 200, balanceAfter: 1200 })),
    );
    expect(report.violations.map((v) => v.code)).toEqual(['merge.money_lost']);
    expect(report.violations[0]?.message).toBe(
      'Merge merge-1 took 300 money out of bob-2 but brought 200 into bob.',
    );
  });

  it('names an event whose data breaks its schema', async () => {
    const report = await audit(tampered('OrderPlaced', (e) => withData(e, { paymentMethod: 'iou' })));
    expect(report.violations.map((v) => v.code)).toEqual(['event.undecodable']);
    expect(report.violations[0]?.message).toMatch(
      /order-shop1\.o-1@0 does not decode: field "(0\.)?paymentMethod" expected/,
    );
  });

  it('names an event of one tenant placed in another tenant stream', async () => {
    const report = await audit(
      tampered('WalletToppedUp', (e) => ({ ...e, metadata: { ...e.metadata, tenantId: 'shop2' } })),
    );
    expect(report.violations[0]?.code).toBe('log.tenant_seal');
  });

  it('names events out of log order', async () => {
    const swapped = [...log];
    [swapped[0], swapped[1]] = [swapped[1] as StoredEvent, swapped[0] as StoredEvent];
    expect((await audit(swapped)).violations.map((v) => v.code)).toEqual(['log.out_of_order']);
  });
});

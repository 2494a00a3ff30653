import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { inMemoryEventStore } from '../kernel/inMemoryEventStore';
import { transferInFrom } from './decideTransfer';
import { lotsOf } from './lotLedger';
import { handleWalletCommand, readWallet } from './walletStream';
import { as, cmd, CUSTOMER, TENANT, testPolicy } from './walletTestKit';

const SURVIVOR = 'cust-2';
const system = { actor: as('system', 'merge') };

const setUp = async () => {
  const store = inMemoryEventStore();
  const run = (c: Parameters<typeof handleWalletCommand>[2]) => handleWalletCommand(store, testPolicy, c);
  await run(cmd('TopUp', { amount: 3000, currency: 'PLN', method: 'cash' }, { id: 't1' }));
  await run(cmd('EarnPoints', { points: 40, source: { kind: 'order', orderId: 'o1' } }, { id: 'lot-1' }));
  await run(cmd('RedeemPoints', { orderId: 'o2', orderLineId: 'l', points: 15 }, { id: 'r1' }));
  await run(cmd('RecordDebt', { orderId: 'o3', amount: 700, currency: 'PLN' }, { id: 'd1' }));
  await run(
    cmd('TopUp', { customerId: SURVIVOR, amount: 100, currency: 'PLN', method: 'cash' }, { id: 't2' }),
  );
  return { store, run };
};

describe('a merge moves every ledger as explicit entries', () => {
  it('moves money, live lots (keeping their source) and open debts to the survivor', async () => {
    const { store, run } = await setUp();
    const out = await run(
      cmd('TransferOut', { mergeId: 'm1', toCustomerId: SURVIVOR }, { ...system, id: 'm1:out' }),
    );
    if (E.isLeft(out)) throw out.left;
    expect(out.right.events.map((e) => e.event.type)).toEqual([
      'WalletMoneyTransferredOut',
      'PointsTransferredOut',
      'DebtTransferredOut',
      'OrderClaimsTransferredOut',
      'WalletMergedInto',
    ]);
    const incoming = transferInFrom(CUSTOMER, SURVIVOR, 'm1', 'PLN', out.right.events);
    const into = await run({ ...cmd('TransferIn', incoming, { ...system, id: 'm1:in' }) });
    expect(E.isRight(into)).toBe(true);

    const loser = await readWallet(store, TENANT, CUSTOMER);
    const survivor = await readWallet(store, TENANT, SURVIVOR);
    expect(E.isRight(loser) && [loser.right.balance, loser.right.pointsBalance, loser.right.debt]).toEqual([
      0, 0, 0,
    ]);
    if (E.isLeft(survivor)) throw survivor.left;
    expect([survivor.right.balance, survivor.right.pointsBalance, survivor.right.debt]).toEqual([
      3100, 25, 700,
    ]);
    expect(lotsOf(survivor.right.lots)).toEqual([
      expect.objectContaining({
        lotId: 'm1:lot-1',
        remaining: 25,
        source: { kind: 'order', orderId: 'o1' },
        transferredFrom: { customerId: CUSTOMER, mergeId: 'm1', lotId: 'lot-1' },
      }),
    ]);
    expect(survivor.right.debts).toEqual({ o3: 700 });

    const voided = await run(
      cmd('ReversePoints', { customerId: SURVIVOR, orderId: 'o1' }, { id: 'void-o1' }),
    );
    expect(E.isRight(voided) && voided.right.state.pointsBalance).toBe(0);
  });

  it('moves what orders may claim back, so the survivor refunds and reverses them', async () => {
    const { store, run } = await setUp();
    await run(cmd('Spend', { orderId: 'o4', amount: 1200, currency: 'PLN' }, { id: 's1' }));
    await run(cmd('Refund', { orderId: 'o4', amount: 200, currency: 'PLN' }, { id: 'rf1' }));
    // Use up the rest of lot-1, so the redemption of o2 drew on a lot that no longer moves as live points.
    await run(cmd('AdjustPoints', { delta: -25, reason: 'count' }, { id: 'adj', actor: as('manager') }));
    const out = await run(
      cmd('TransferOut', { mergeId: 'm1', toCustomerId: SURVIVOR }, { ...system, id: 'm1:out' }),
    );
    if (E.isLeft(out)) throw out.left;
    const incoming = transferInFrom(CUSTOMER, SURVIVOR, 'm1', 'PLN', out.right.events);
    expect(incoming.claims).toMatchObject({
      orders: [{ orderId: 'o4', spent: 1200, refunded: 200 }],
      redemptions: [{ orderId: 'o2', lots: [{ lotId: 'lot-1', points: 15 }] }],
      spentLots: [expect.objectContaining({ lotId: 'lot-1', remaining: 0 })],
    });
    await run(cmd('TransferIn', incoming, { ...system, id: 'm1:in' }));
    const on = { customerId: SURVIVOR };
    const tooMuch = await run(
      cmd('Refund', { ...on, orderId: 'o4', amount: 1001, currency: 'PLN' }, { id: 'x' }),
    );
    expect(E.isLeft(tooMuch) && tooMuch.left.code).toBe('wallet.refund_exceeds_spent');
    const refunded = await run(
      cmd('Refund', { ...on, orderId: 'o4', amount: 1000, currency: 'PLN' }, { id: 'y' }),
    );
    expect(E.isRight(refunded) && refunded.right.state.balance).toBe(100 + 2000 + 1000);
    await run(cmd('ReversePoints', { ...on, orderId: 'o2' }, { id: 'z' }));
    const survivor = await readWallet(store, TENANT, SURVIVOR);
    if (E.isLeft(survivor)) throw survivor.left;
    expect(survivor.right.pointsBalance).toBe(15);
    expect(lotsOf(survivor.right.lots)).toEqual([
      expect.objectContaining({ lotId: 'm1:lot-1', remaining: 15 }),
    ]);
  });

  it('closes the merged-away wallet, pointing at the survivor', async () => {
    const { run } = await setUp();
    await run(cmd('TransferOut', { mergeId: 'm1', toCustomerId: SURVIVOR }, { ...system, id: 'm1:out' }));
    const late = await run(cmd('TopUp', { amount: 100, currency: 'PLN', method: 'cash' }, { id: 'late' }));
    expect(E.isLeft(late) && late.left.details).toEqual({ survivorCustomerId: SURVIVOR, mergeId: 'm1' });
  });

  it('refuses to merge a wallet into itself', async () => {
    const { run } = await setUp();
    const self = await run(cmd('TransferOut', { mergeId: 'm1', toCustomerId: CUSTOMER }, system));
    expect(E.isLeft(self) && self.left.code).toBe('wallet.merge_into_self');
  });
});

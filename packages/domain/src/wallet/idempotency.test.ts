import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { testWallets } from './facadeKit';
import { walletStreamName } from './walletStream';
import { as, CUSTOMER, TENANT } from './walletTestKit';

const who = { tenantId: TENANT, customerId: CUSTOMER, actor: as('operator') };

describe('idempotency keys on money and points movements', () => {
  it('the same key with the same request returns the first result and writes nothing', async () => {
    const { store, wallets } = testWallets();
    await wallets.topUp({ ...who, idempotencyKey: 'k-top', amount: 5000, method: 'cash' });
    const first = await wallets.spend({ ...who, idempotencyKey: 'pay:o1:p1', orderId: 'o1', amount: 1200 });
    const again = await wallets.spend({ ...who, idempotencyKey: 'pay:o1:p1', orderId: 'o1', amount: 1200 });
    expect(E.isRight(again) && again.right.idempotent).toBe(true);
    expect(E.isRight(again) && again.right.events).toEqual(E.isRight(first) && first.right.events);
    expect(E.isRight(again) && again.right.wallet.balance).toBe(3800);
    expect(await store.readStream(walletStreamName(TENANT, CUSTOMER))).toHaveLength(2);
  });

  it('the same key with a different request is refused and writes nothing', async () => {
    const { store, wallets } = testWallets();
    await wallets.topUp({ ...who, idempotencyKey: 'k', amount: 5000, method: 'cash' });
    const other = await wallets.topUp({ ...who, idempotencyKey: 'k', amount: 5001, method: 'cash' });
    const points = await wallets.earnPoints({
      ...who,
      idempotencyKey: 'k',
      points: 5,
      source: { kind: 'rule', ruleId: 'r' },
    });
    expect(E.isLeft(other) && other.left.code).toBe('command.idempotency_conflict');
    expect(E.isLeft(points) && points.left.code).toBe('command.idempotency_conflict');
    expect(await store.readStream(walletStreamName(TENANT, CUSTOMER))).toHaveLength(1);
  });

  it('a key names one request in the whole shop: sent for another wallet it is refused and moves nothing', async () => {
    const { store, wallets } = testWallets();
    const other = { ...who, customerId: 'cust-2' };
    const first = await wallets.topUp({ ...who, idempotencyKey: 'K', amount: 5000, method: 'cash' });
    const elsewhere = await wallets.topUp({ ...other, idempotencyKey: 'K', amount: 5000, method: 'cash' });
    const voucher = await wallets.redeemVoucher({
      ...other,
      idempotencyKey: 'K',
      code: 'GIFT-1',
      amount: 2000,
    });
    const again = await wallets.topUp({ ...who, idempotencyKey: 'K', amount: 5000, method: 'cash' });
    expect(E.isRight(first)).toBe(true);
    expect(E.isLeft(elsewhere) && elsewhere.left.code).toBe('command.idempotency_conflict');
    expect(E.isLeft(voucher) && voucher.left.code).toBe('command.idempotency_conflict');
    expect(await store.readStream(walletStreamName(TENANT, 'cust-2'))).toHaveLength(0);
    expect(E.isRight(again) && again.right.idempotent).toBe(true);
    // The voucher was not used up by the refused redemption.
    const redeemed = await wallets.redeemVoucher({
      ...other,
      idempotencyKey: 'K2',
      code: 'GIFT-1',
      amount: 2000,
    });
    expect(E.isRight(redeemed) && redeemed.right.wallet.balance).toBe(2000);
  });

  it('a caller key can never take the command id of an order step (callers are namespaced)', async () => {
    const { store, wallets } = testWallets();
    const key = 'order:o1:void:wallet-refund';
    await wallets.topUp({ ...who, idempotencyKey: key, amount: 100, method: 'cash' });
    const ids = (await store.readStream(walletStreamName(TENANT, CUSTOMER))).map((e) => e.metadata.commandId);
    expect(ids).toEqual([`request:${key}`]);
  });

  it('holds for points too: a re-sent earning does not grant a second lot', async () => {
    const { wallets } = testWallets();
    const earn = () =>
      wallets.earnPoints({
        ...who,
        idempotencyKey: 'earn:o1',
        points: 12,
        source: { kind: 'order', orderId: 'o1' },
      });
    await earn();
    await earn();
    const view = await wallets.get(TENANT, CUSTOMER);
    expect(E.isRight(view) && [view.right.points, view.right.lots.length]).toEqual([12, 1]);
  });
});

describe('reading a wallet', () => {
  it('shows balance, points with their lots, and debt apart', async () => {
    const { wallets } = testWallets();
    await wallets.topUp({ ...who, amount: 2000, method: 'card' });
    await wallets.recordDebt({ ...who, actor: as('system', 'order-process'), orderId: 'o7', amount: 900 });
    const view = await wallets.get(TENANT, CUSTOMER, as('customer', CUSTOMER));
    expect(E.isRight(view) && view.right).toMatchObject({
      balance: 2000,
      points: 0,
      debt: 900,
      currency: 'PLN',
    });
    const nosy = await wallets.get(TENANT, CUSTOMER, as('customer', 'cust-9'));
    expect(E.isLeft(nosy) && nosy.left.code).toBe('wallet.forbidden');
  });
});

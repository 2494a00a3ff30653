import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { testWallets } from './facadeKit';
import { as, CUSTOMER, TENANT } from './walletTestKit';

const who = (customerId = CUSTOMER, key?: string) => ({
  tenantId: TENANT,
  customerId,
  actor: as('operator'),
  ...(key === undefined ? {} : { idempotencyKey: key }),
});

describe('a gift voucher', () => {
  it('loads a wallet once, recorded with the hashed code, never the code itself', async () => {
    const { store, wallets } = testWallets();
    const first = await wallets.redeemVoucher({
      ...who(CUSTOMER, 'v1'),
      code: 'GIFT-2026-ABCD',
      amount: 10000,
    });
    expect(E.isRight(first) && first.right.wallet.balance).toBe(10000);
    const names = (await store.readAll()).map((e) => e.streamName);
    expect(names.some((n) => n.startsWith(`unique-voucher-${TENANT}.`))).toBe(true);
    expect(JSON.stringify((await store.readAll()).map((e) => [e.streamName, e.data]))).not.toContain('ABCD');
  });

  it('is refused a second time, by the same or another customer, however the code is typed', async () => {
    const { wallets } = testWallets();
    await wallets.redeemVoucher({ ...who(CUSTOMER, 'v1'), code: 'GIFT-2026-ABCD', amount: 10000 });
    const again = await wallets.redeemVoucher({
      ...who(CUSTOMER, 'v2'),
      code: 'gift 2026 abcd',
      amount: 10000,
    });
    const other = await wallets.redeemVoucher({
      ...who('cust-2', 'v3'),
      code: 'GIFT2026ABCD',
      amount: 10000,
    });
    expect(E.isLeft(again) && again.left.code).toBe('voucher.already_redeemed');
    expect(E.isLeft(other) && other.left.code).toBe('voucher.already_redeemed');
    const view = await wallets.get(TENANT, CUSTOMER);
    expect(E.isRight(view) && view.right.balance).toBe(10000);
  });

  it('is redeemed exactly once when many customers try at the same time', async () => {
    const { wallets } = testWallets();
    const tries = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        wallets.redeemVoucher({ ...who(`cust-${i}`, `try-${i}`), code: 'RACE', amount: 500 }),
      ),
    );
    expect(tries.filter(E.isRight)).toHaveLength(1);
    expect(
      tries.filter(E.isLeft).every((r) => E.isLeft(r) && r.left.code === 'voucher.already_redeemed'),
    ).toBe(true);
  });

  it('re-sent with the same key returns the first result and loads nothing more', async () => {
    const { wallets } = testWallets();
    await wallets.redeemVoucher({ ...who(CUSTOMER, 'v1'), code: 'ONCE', amount: 700 });
    const again = await wallets.redeemVoucher({ ...who(CUSTOMER, 'v1'), code: 'ONCE', amount: 700 });
    expect(E.isRight(again) && [again.right.idempotent, again.right.wallet.balance]).toEqual([true, 700]);
  });

  it('is not used up by a redemption the wallet refuses', async () => {
    const { wallets } = testWallets();
    const byCustomer = await wallets.redeemVoucher({
      tenantId: TENANT,
      customerId: CUSTOMER,
      actor: as('customer', CUSTOMER),
      code: 'KEEP',
      amount: 700,
    });
    expect(E.isLeft(byCustomer) && byCustomer.left.code).toBe('wallet.forbidden');
    const byOperator = await wallets.redeemVoucher({ ...who(CUSTOMER, 'v1'), code: 'KEEP', amount: 700 });
    expect(E.isRight(byOperator)).toBe(true);
  });
});

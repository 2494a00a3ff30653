import { expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { testWallets } from './facadeKit';
import type { WalletEvent } from './walletEvents';
import { walletStreamName } from './walletStream';
import { as, CUSTOMER, TENANT } from './walletTestKit';

it('100 concurrent spends never overdraw a wallet; the accepted ones add up to what left it', async () => {
  const { store, wallets } = testWallets();
  const who = { tenantId: TENANT, customerId: CUSTOMER, actor: as('operator') };
  await wallets.topUp({ ...who, amount: 10_000, method: 'cash' });
  const amounts = Array.from({ length: 100 }, (_, i) => 100 + ((i * 37) % 250));
  const results = await Promise.all(
    amounts.map((amount, i) =>
      wallets.spend({ ...who, idempotencyKey: `spend-${i}`, orderId: `o${i}`, amount }),
    ),
  );
  const accepted = amounts.filter((_, i) => E.isRight(results[i]!));
  const refusals = results.filter(E.isLeft).map((r) => r.left.code);
  expect(new Set(refusals)).toEqual(new Set(refusals.length > 0 ? ['wallet.insufficient_balance'] : []));

  const stored = await store.readStream(walletStreamName(TENANT, CUSTOMER));
  const spends = stored
    .filter((e) => e.type === 'WalletSpent')
    .map((e) => e.data as Extract<WalletEvent, { type: 'WalletSpent' }>['data']);
  const view = await wallets.get(TENANT, CUSTOMER);
  const balance = E.isRight(view) ? view.right.balance : -1;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(balance).toBeGreaterThanOrEqual(0);
  expect(sum(accepted)).toBe(10_000 - balance);
  expect(sum(spends.map((s) => s.amount))).toBe(sum(accepted));
  expect(spends.every((s) => s.balanceAfter >= 0)).toBe(true);
  // The wallet really ran dry: every refused spend asked for more than what was left.
  expect(amounts.filter((_, i) => E.isLeft(results[i]!)).every((a) => a > balance)).toBe(true);
});

import {
  defaultWalletPolicy,
  inMemoryEventStore,
  manualClock,
  pointsEarnedFor,
  seededIds,
  walletsFacade,
  type PointsSource,
} from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { heading, type Print } from './output';

const money = (minor: number) => `${(minor / 100).toFixed(2)} PLN`;

const describeSource = (source: PointsSource): string => {
  switch (source.kind) {
    case 'order':
      return `order ${source.orderId}${source.ruleId === undefined ? '' : ` (rule ${source.ruleId})`}`;
    case 'rule':
      return `rule ${source.ruleId}`;
    case 'manual':
    case 'adjustment':
      return `${source.kind}: ${source.reason}`;
  }
};

/** Shows a wallet: a top-up, a refused overspend with its figures, a single-use voucher, and points with their source. */
export const walletChapter = async (print: Print): Promise<void> => {
  heading(print, 'Wallets: money, vouchers and points');
  const policy = { ...defaultWalletPolicy, currency: 'PLN' };
  const wallets = walletsFacade({
    store: inMemoryEventStore(),
    clock: manualClock('2026-03-01T12:00:00.000Z'),
    ids: seededIds('demo-wallet'),
    policyFor: () => policy,
    tenantSecret: () => 'demo-secret',
  });
  // A fixed customer id: the wallet needs nothing of the customer but its id.
  const jan = {
    tenantId: 'demo',
    customerId: 'jan-kosmowski',
    actor: { role: 'operator' as const, id: 'anna' },
  };

  const topUp = await wallets.topUp({
    ...jan,
    idempotencyKey: 'till-1:topup',
    amount: 20000,
    method: 'cash',
  });
  print(
    `top-up by cash: balance ${E.isRight(topUp) ? money(topUp.right.wallet.balance) : topUp.left.message}`,
  );

  const tooMuch = await wallets.spend({
    ...jan,
    idempotencyKey: 'pay:o-17:1',
    orderId: 'o-17',
    amount: 25000,
  });
  print(
    E.isLeft(tooMuch)
      ? `spend of ${money(25000)} refused: ${tooMuch.left.message} (${tooMuch.left.code})`
      : 'spend accepted?!',
  );

  const voucher = await wallets.redeemVoucher({
    ...jan,
    idempotencyKey: 'till-1:v1',
    code: 'GIFT-5000-XY',
    amount: 5000,
  });
  print(
    `voucher GIFT-5000-XY: balance ${E.isRight(voucher) ? money(voucher.right.wallet.balance) : voucher.left.message}`,
  );
  const second = await wallets.redeemVoucher({
    ...jan,
    customerId: 'someone-else',
    idempotencyKey: 'till-2:v1',
    code: 'gift 5000 xy',
    amount: 5000,
  });
  print(`the same voucher again: ${E.isLeft(second) ? `refused: ${second.left.message}` : 'accepted?!'}`);

  const paid = await wallets.spend({ ...jan, idempotencyKey: 'pay:o-18:1', orderId: 'o-18', amount: 4250 });
  // A refused step is part of the story the demo tells: say why, and stop the chapter there.
  if (E.isLeft(paid)) return print(`spending ${money(4250)} on order o-18: refused: ${paid.left.message}`);
  const points = pointsEarnedFor(policy, { paidWithMoney: 4250 });
  const earned = await wallets.earnPoints({
    ...jan,
    idempotencyKey: 'earn:o-18',
    points,
    source: { kind: 'order', orderId: 'o-18', ruleId: policy.earning.ruleId },
  });
  if (E.isLeft(earned))
    return print(`earning ${points} points for order o-18: refused: ${earned.left.message}`);
  const view = await wallets.get('demo', 'jan-kosmowski');
  if (E.isLeft(view)) return print(`reading the wallet: refused: ${view.left.message}`);
  print(
    `spent ${money(4250)} on order o-18: balance ${money(view.right.balance)}, ${view.right.points} points`,
  );
  for (const lot of view.right.lots)
    print(`  lot ${lot.lotId}: ${lot.remaining} points from ${describeSource(lot.source)}`);
};

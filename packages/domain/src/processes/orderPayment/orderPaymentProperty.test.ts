import { expect, it } from '@jest/globals';
import fc from 'fast-check';
import { lifecycleOf } from '../../order/orderState';
import { orderMoney as moneyOfOrder, orderPointsOf, type WalletState } from '../../wallet/walletState';
import { orderWorld } from './testKit';

type Step =
  | { readonly kind: 'accept' | 'cancel' | 'complete' | 'void' }
  | { readonly kind: 'deliver'; readonly lineId: string }
  | { readonly kind: 'pay'; readonly method: 'cash' | 'card' | 'deposit' }
  | { readonly kind: 'change'; readonly customerId: 'alice' | 'bob' }
  | { readonly kind: 'topUp'; readonly customerId: 'alice' | 'bob'; readonly amount: number };

const customer = fc.constantFrom('alice' as const, 'bob' as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>({ kind: 'accept' }, { kind: 'cancel' }, { kind: 'complete' }, { kind: 'void' }),
  fc.constantFrom<Step>({ kind: 'pay', method: 'deposit' }, { kind: 'void' }, { kind: 'complete' }),
  fc.record({ kind: fc.constant('deliver' as const), lineId: fc.constantFrom('1', '2', '3') }),
  fc.record({
    kind: fc.constant('pay' as const),
    method: fc.constantFrom('cash' as const, 'card' as const, 'deposit' as const),
  }),
  fc.record({ kind: fc.constant('change' as const), customerId: customer }),
  fc.record({
    kind: fc.constant('topUp' as const),
    customerId: customer,
    amount: fc.integer({ min: 1, max: 800 }),
  }),
);

const orderMoney = (w: WalletState) => {
  const o = moneyOfOrder(w, 'o1');
  return o.spent - o.refunded;
};
const orderPoints = (w: WalletState) => {
  const o = orderPointsOf(w, 'o1');
  return { redeemed: o?.redeemed.reduce((sum, s) => sum + s.points, 0) ?? 0, earned: o?.earned ?? 0 };
};

const money: Step = { kind: 'topUp', customerId: 'alice', amount: 600 };
// The paths the lifecycle is about, checked on every run before the random ones.
const examples: [number, readonly Step[]][] = [
  [200, [money, { kind: 'accept' }, { kind: 'pay', method: 'deposit' }, { kind: 'void' }]],
  [200, [money, { kind: 'accept' }, { kind: 'pay', method: 'card' }, { kind: 'complete' }, { kind: 'void' }]],
  [0, [{ kind: 'accept' }, { kind: 'complete' }, { kind: 'void' }]],
  [
    200,
    [
      { kind: 'accept' },
      { kind: 'complete' },
      { kind: 'change', customerId: 'bob' },
      { kind: 'pay', method: 'cash' },
    ],
  ],
  [
    200,
    [{ kind: 'accept' }, { kind: 'complete' }, money, { kind: 'pay', method: 'deposit' }, { kind: 'void' }],
  ],
];

it('keeps order and wallets consistent under any sequence of till actions', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.constant(200), fc.integer({ min: 0, max: 300 })),
      // Most runs start with money and an acceptance, so paying, completing and voiding get exercised.
      fc
        .boolean()
        .chain((accept) =>
          fc
            .array(step, { maxLength: 14 })
            .map((rest): readonly Step[] =>
              accept
                ? [{ kind: 'topUp', customerId: 'alice', amount: 600 }, { kind: 'accept' }, ...rest]
                : rest,
            ),
        ),
      async (points, steps) => {
        const w = orderWorld();
        if (points > 0) await w.grantPoints(points);
        // 2 colas with money (500) and 3 hours of play for 90 points.
        await w.place([
          { productId: 'cola', quantity: 2, payWith: 'money' },
          { productId: 'play-3h', quantity: 1, payWith: 'points' },
        ]);
        for (const [i, s] of steps.entries()) {
          const id = `step-${i}`;
          if (s.kind === 'accept') await w.send('AcceptOrder', {}, id);
          else if (s.kind === 'cancel') await w.send('CancelOrder', {}, id);
          else if (s.kind === 'complete') await w.send('CompleteOrder', {}, id);
          else if (s.kind === 'void') await w.send('VoidOrder', { reason: 'test' }, id);
          else if (s.kind === 'deliver') await w.send('DeliverOrderLine', { lineId: s.lineId }, id);
          else if (s.kind === 'change')
            await w.send('ChangeOrderCustomer', { customerId: s.customerId, reason: 'test' }, id);
          else if (s.kind === 'pay') await w.pay(s.method, id);
          else if (s.kind === 'topUp') await w.topUp(s.amount, s.customerId, id);

          const order = (await w.order()).state;
          if (order.status === 'absent') throw new Error('order vanished');
          const lifecycle = lifecycleOf(order);
          const wallets = { alice: await w.wallet('alice'), bob: await w.wallet('bob') };
          const holder = wallets[order.customerId as 'alice' | 'bob'];
          const paid = order.payment !== undefined && lifecycle !== 'voided';

          expect(lifecycle).not.toBe('payment_pending');
          // Money taken equals money owed for a paid deposit order; a void returned exactly what was taken.
          const taken = orderMoney(wallets.alice) + orderMoney(wallets.bob);
          expect(taken).toBe(paid && order.payment?.method === 'deposit' ? order.payment.money : 0);
          expect(orderPoints(holder)).toEqual({
            redeemed: paid ? order.totals.points : 0,
            earned: paid ? (order.payment?.pointsEarned ?? 0) : 0,
          });
          // Debt exists only for a completed unpaid order, on its current customer.
          const debts = [wallets.alice.debts['o1'] ?? 0, wallets.bob.debts['o1'] ?? 0];
          expect(debts.reduce((a, b) => a + b, 0)).toBe(
            lifecycle === 'completed_unpaid' ? order.totals.money : 0,
          );
          expect(holder.debts['o1'] ?? 0).toBe(lifecycle === 'completed_unpaid' ? order.totals.money : 0);
          // Points never go negative.
          expect(Math.min(wallets.alice.pointsBalance, wallets.bob.pointsBalance)).toBeGreaterThanOrEqual(0);
        }
      },
    ),
    { numRuns: 200, examples },
  );
});

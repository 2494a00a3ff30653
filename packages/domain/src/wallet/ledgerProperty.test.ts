import { expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type { WalletCommand } from './walletCommands';
import { lotsOf } from './lotLedger';
import { walletDecider } from './walletDecider';
import type { WalletEvent } from './walletEvents';
import { as, cmd, testPolicy } from './walletTestKit';

const orderId = fc.constantFrom('o1', 'o2', 'o3');
const amount = fc.integer({ min: -50, max: 6000 });
const actor = fc.constantFrom(as('operator'), as('manager'), as('system'));

// Each command carries the day it is sent (so points lapse along the way); refusals are part of the mix.
const command = fc.oneof(
  fc.record({
    type: fc.constant('TopUp' as const),
    amount,
    method: fc.constantFrom('cash' as const, 'card' as const),
  }),
  fc.record({ type: fc.constant('Spend' as const), orderId, amount }),
  fc.record({ type: fc.constant('Refund' as const), orderId, amount }),
  fc.record({ type: fc.constant('Adjust' as const), delta: fc.integer({ min: -3000, max: 3000 }) }),
  fc.record({ type: fc.constant('EarnPoints' as const), orderId, points: fc.integer({ min: 0, max: 300 }) }),
  fc.record({
    type: fc.constant('RedeemPoints' as const),
    orderId,
    points: fc.integer({ min: 0, max: 300 }),
  }),
  fc.record({ type: fc.constant('ReversePoints' as const), orderId }),
  fc.record({ type: fc.constant('AdjustPoints' as const), delta: fc.integer({ min: -200, max: 200 }) }),
  fc.record({ type: fc.constant('RecordDebt' as const), orderId, amount }),
  fc.record({ type: fc.constant('SettleDebt' as const), orderId, amount }),
  fc.record({ type: fc.constant('TransferOut' as const) }),
);

type Gen = typeof command extends fc.Arbitrary<infer G> ? G : never;

const toCommand = (g: Gen, i: number, day: number, who: ReturnType<typeof as>): WalletCommand => {
  const o = { id: `k${i}`, actor: who, now: new Date(Date.UTC(2026, 0, 1 + day)).toISOString() };
  const PLN = 'PLN';
  switch (g.type) {
    case 'TopUp':
      return cmd('TopUp', { amount: g.amount, currency: PLN, method: g.method }, o);
    case 'Spend':
    case 'Refund':
    case 'RecordDebt':
    case 'SettleDebt':
      return cmd(g.type, { orderId: g.orderId, amount: g.amount, currency: PLN }, o);
    case 'Adjust':
      return cmd('Adjust', { delta: g.delta, currency: PLN, reason: 'count' }, o);
    case 'EarnPoints':
      return cmd('EarnPoints', { points: g.points, source: { kind: 'order', orderId: g.orderId } }, o);
    case 'RedeemPoints':
      return cmd('RedeemPoints', { orderId: g.orderId, orderLineId: 'l', points: g.points }, o);
    case 'ReversePoints':
      return cmd('ReversePoints', { orderId: g.orderId }, o);
    case 'AdjustPoints':
      return cmd('AdjustPoints', { delta: g.delta, reason: 'count' }, o);
    case 'TransferOut':
      return cmd('TransferOut', { mergeId: 'm', toCustomerId: 'survivor' }, o);
  }
};

/** The signed effect of an event on each ledger, read from its amounts only (never from balanceAfter). */
const movement = (e: WalletEvent): { money: number; points: number; debt: number } => {
  const none = { money: 0, points: 0, debt: 0 };
  switch (e.type) {
    case 'WalletToppedUp':
    case 'WalletRefunded':
    case 'WalletMoneyTransferredIn':
      return { ...none, money: e.data.amount };
    case 'WalletSpent':
    case 'WalletMoneyTransferredOut':
      return { ...none, money: -e.data.amount };
    case 'WalletAdjusted':
      return { ...none, money: e.data.delta };
    case 'PointsEarned':
    case 'PointsRedemptionReversed':
    case 'PointsTransferredIn':
      return { ...none, points: e.data.points };
    case 'PointsRedeemed':
    case 'PointsDeducted':
    case 'PointsExpired':
    case 'PointsTransferredOut':
      return { ...none, points: -e.data.points };
    case 'PointsEarningReversed':
      return { ...none, points: -(e.data.points - e.data.unrecovered) };
    case 'DebtRecorded':
    case 'DebtTransferredIn':
      return { ...none, debt: e.data.amount };
    case 'DebtSettled':
    case 'DebtTransferredOut':
      return { ...none, debt: -e.data.amount };
    case 'OrderClaimsTransferredOut':
    case 'OrderClaimsTransferredIn':
    case 'WalletMergedInto':
      return none;
  }
};

const after = (e: WalletEvent): { ledger: 'money' | 'points' | 'debt'; value: number } | undefined => {
  if ('balanceAfter' in e.data)
    return { ledger: e.type.startsWith('Points') ? 'points' : 'money', value: e.data.balanceAfter };
  if ('debtAfter' in e.data) return { ledger: 'debt', value: e.data.debtAfter };
  return undefined;
};

it('keeps every ledger equal to the sum of its movements, money never below zero, every balance-after true', () => {
  const decider = walletDecider({ ...testPolicy, creditLimit: 8000 });
  fc.assert(
    fc.property(
      fc.array(fc.tuple(command, fc.integer({ min: 0, max: 20 }), actor), { maxLength: 60 }),
      (steps) => {
        let state = decider.initialState();
        const sums = { money: 0, points: 0, debt: 0 };
        let day = 0;
        steps.forEach(([g, days, who], i) => {
          day += days;
          const decided = decider.decide(toCommand(g, i, day, who), state);
          if (E.isLeft(decided)) return;
          for (const event of decided.right) {
            const m = movement(event);
            sums.money += m.money;
            sums.points += m.points;
            sums.debt += m.debt;
            const a = after(event);
            if (a !== undefined) expect(a.value).toBe(sums[a.ledger]);
            state = decider.evolve(state, event);
            expect(state.balance).toBeGreaterThanOrEqual(0);
          }
        });
        expect([state.balance, state.pointsBalance, state.debt]).toEqual([
          sums.money,
          sums.points,
          sums.debt,
        ]);
        expect(lotsOf(state.lots).reduce((s, l) => s + l.remaining, 0)).toBe(state.pointsBalance);
        expect(Object.values(state.debts).reduce((s, d) => s + d, 0)).toBe(state.debt);
      },
    ),
    { numRuns: 300 },
  );
});

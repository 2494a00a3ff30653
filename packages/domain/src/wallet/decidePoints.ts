import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { instantText } from '../kernel/clock';
import { DomainError } from '../kernel/errors';
import { lotsOf } from './lotLedger';
import { isExpired, takeFromLots, type PointsSource } from './pointsLot';
import { idGiven, nonZero, positive, reasonGiven, type Checked } from './walletChecks';
import type { AdjustPoints, EarnPoints, RedeemPoints, ReversePoints } from './walletCommands';
import type { PointsExpired, WalletEvent } from './walletEvents';
import type { WalletPolicy } from './walletPolicy';
import { evolveWallet, orderPointsOf, type WalletState } from './walletState';

const DAY_MS = 86_400_000;

/** Events decided so far and the state they lead to, so later events carry the right balance. */
interface Step {
  readonly events: readonly WalletEvent[];
  readonly state: WalletState;
}

const then = (step: Step, events: readonly WalletEvent[]): Step => ({
  events: [...step.events, ...events],
  state: events.reduce(evolveWallet, step.state),
});

/** The step's events and a last one: no state after it is needed, so none is folded. */
const ending = (step: Step, event: WalletEvent): readonly WalletEvent[] => [...step.events, event];

/**
 * Lots that lapsed by `now` are written off before any points movement, so a movement never
 * spends expired points and its balance-after is what the customer really has.
 */
export const expireLots = (s: WalletState, now: Date): Step => {
  const lapsed = lotsOf(s.lots).filter((l) => l.remaining > 0 && isExpired(l, now));
  if (lapsed.length === 0) return { events: [], state: s };
  const points = lapsed.reduce((sum, l) => sum + l.remaining, 0);
  const expired: PointsExpired = {
    type: 'PointsExpired',
    data: {
      points,
      lots: lapsed.map((l) => ({ lotId: l.lotId, points: l.remaining })),
      expiredAt: instantText(now),
      balanceAfter: s.pointsBalance - points,
    },
  };
  return then({ events: [], state: s }, [expired]);
};

const sourceChecked = (source: PointsSource): Checked<PointsSource> => {
  switch (source.kind) {
    case 'order':
      return pipe(
        idGiven('orderId', source.orderId),
        E.map(() => source),
      );
    case 'rule':
      return pipe(
        idGiven('ruleId', source.ruleId),
        E.map(() => source),
      );
    case 'manual':
    case 'adjustment':
      return pipe(
        reasonGiven(source.reason),
        E.map((reason) => ({ kind: source.kind, reason })),
      );
  }
};

const newLot = (
  lotId: string,
  points: number,
  source: PointsSource,
  now: Date,
  p: WalletPolicy,
  s: WalletState,
) => ({
  type: 'PointsEarned' as const,
  data: {
    lotId,
    points,
    source,
    earnedAt: instantText(now),
    ...(p.pointsExpireAfterDays === undefined
      ? {}
      : { expiresAt: new Date(now.getTime() + p.pointsExpireAfterDays * DAY_MS).toISOString() }),
    balanceAfter: s.pointsBalance + points,
  },
});

const insufficient = (balance: number, points: number) =>
  new DomainError('points.insufficient', `The customer has ${balance} points, not enough for ${points}.`, {
    balance,
    points,
  });

/** A new lot named by the command id, carrying its source and (by shop policy) its expiry. */
export const decideEarn = (c: EarnPoints, s: WalletState, p: WalletPolicy): Checked<readonly WalletEvent[]> =>
  pipe(
    E.Do,
    E.bind('points', () => positive('points', c.data.points, 'number of points')),
    E.bind('source', () => sourceChecked(c.data.source)),
    E.map(({ points, source }) => {
      const step = expireLots(s, c.metadata.now);
      return ending(step, newLot(c.metadata.commandId, points, source, c.metadata.now, p, step.state));
    }),
  );

/** Points pay an order line, oldest lot first; the event names the lots it drew on. */
export const decideRedeem = (c: RedeemPoints, s: WalletState): Checked<readonly WalletEvent[]> =>
  pipe(
    E.Do,
    E.bind('orderId', () => idGiven('orderId', c.data.orderId)),
    E.bind('orderLineId', () => idGiven('orderLineId', c.data.orderLineId)),
    E.bind('points', () => positive('points', c.data.points, 'number of points')),
    E.chain(({ orderId, orderLineId, points }) => {
      const step = expireLots(s, c.metadata.now);
      const balance = step.state.pointsBalance;
      if (points > balance) return E.left(insufficient(balance, points));
      const { shares } = takeFromLots(lotsOf(step.state.lots), points);
      return E.right(
        ending(step, {
          type: 'PointsRedeemed',
          data: {
            movementId: c.metadata.commandId,
            orderId,
            orderLineId,
            points,
            lots: shares,
            balanceAfter: balance - points,
          },
        }),
      );
    }),
  );

/**
 * Undoes a voided order: its redeemed points go back to their lots, then its earned points are
 * taken back — from its own lots first, then oldest first. Points already gone are reported as
 * `unrecovered` rather than driving the balance below zero. Nothing to undo writes nothing.
 */
export const decideReverse = (c: ReversePoints, s: WalletState): Checked<readonly WalletEvent[]> =>
  pipe(
    idGiven('orderId', c.data.orderId),
    E.map((orderId) => {
      let step = expireLots(s, c.metadata.now);
      const order = orderPointsOf(step.state, orderId);
      if (order === undefined) return step.events;
      const redeemed = order.redeemed.reduce((sum, share) => sum + share.points, 0);
      if (redeemed > 0) {
        step = then(step, [
          {
            type: 'PointsRedemptionReversed',
            data: {
              movementId: c.metadata.commandId,
              orderId,
              points: redeemed,
              lots: order.redeemed,
              balanceAfter: step.state.pointsBalance + redeemed,
            },
          },
        ]);
      }
      if (order.earned > 0) {
        const own = lotsOf(step.state.lots).filter((l) => order.earnedLots.includes(l.lotId));
        const others = lotsOf(step.state.lots).filter((l) => !order.earnedLots.includes(l.lotId));
        const fromOwn = takeFromLots(own, order.earned);
        const fromOthers = takeFromLots(others, fromOwn.uncovered);
        const lots = [...fromOwn.shares, ...fromOthers.shares];
        const recovered = order.earned - fromOthers.uncovered;
        step = then(step, [
          {
            type: 'PointsEarningReversed',
            data: {
              movementId: c.metadata.commandId,
              orderId,
              points: order.earned,
              lots,
              unrecovered: fromOthers.uncovered,
              balanceAfter: step.state.pointsBalance - recovered,
            },
          },
        ]);
      }
      return step.events;
    }),
  );

/** A manager adds a lot (source: adjustment, with the reason) or takes points away oldest first. */
export const decideAdjustPoints = (
  c: AdjustPoints,
  s: WalletState,
  p: WalletPolicy,
): Checked<readonly WalletEvent[]> =>
  pipe(
    E.Do,
    E.bind('delta', () => nonZero(c.data.delta)),
    E.bind('reason', () => reasonGiven(c.data.reason)),
    E.chain(({ delta, reason }) => {
      const step = expireLots(s, c.metadata.now);
      if (delta > 0) {
        const source: PointsSource = { kind: 'adjustment', reason };
        return E.right(
          ending(step, newLot(c.metadata.commandId, delta, source, c.metadata.now, p, step.state)),
        );
      }
      const points = -delta;
      const balance = step.state.pointsBalance;
      if (points > balance) return E.left(insufficient(balance, points));
      return E.right(
        ending(step, {
          type: 'PointsDeducted',
          data: {
            movementId: c.metadata.commandId,
            points,
            reason,
            lots: takeFromLots(lotsOf(step.state.lots), points).shares,
            balanceAfter: balance - points,
          },
        }),
      );
    }),
  );

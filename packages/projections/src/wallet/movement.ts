import type { PointsSource, TopUpMethod, WalletEvent } from '@tillstream/domain';

/** The three ledgers of a wallet, kept apart: money, points, and what the customer owes. */
export type Ledger = 'money' | 'points' | 'debt';

/** Where a movement came from. */
export type MovementSource =
  | { readonly kind: 'topUp'; readonly method: TopUpMethod; readonly reference?: string }
  | {
      readonly kind: 'order';
      readonly orderId: string;
      readonly orderLineId?: string;
      readonly reason?: string;
    }
  | { readonly kind: 'points'; readonly source: PointsSource }
  | { readonly kind: 'adjustment'; readonly reason: string }
  | { readonly kind: 'expiry' }
  | {
      readonly kind: 'merge';
      readonly mergeId: string;
      readonly direction: 'in' | 'out';
      readonly customerId: string;
    };

/** One change of one ledger: signed, with the balance the event says it left and its source. */
export interface Movement {
  readonly ledger: Ledger;
  readonly change: number;
  /** The balance (or debt) after, as the event states it. */
  readonly after: number;
  readonly source: MovementSource;
}

const move = (ledger: Ledger, change: number, after: number, source: MovementSource): Movement => ({
  ledger,
  change,
  after,
  source,
});

const order = (orderId: string): MovementSource => ({ kind: 'order', orderId });

const mergedOut = (data: { readonly mergeId: string; readonly toCustomerId: string }): MovementSource => ({
  kind: 'merge',
  mergeId: data.mergeId,
  direction: 'out',
  customerId: data.toCustomerId,
});

const mergedIn = (data: { readonly mergeId: string; readonly fromCustomerId: string }): MovementSource => ({
  kind: 'merge',
  mergeId: data.mergeId,
  direction: 'in',
  customerId: data.fromCustomerId,
});

/** The ledger movement a wallet event records, or undefined for `WalletMergedInto`. */
export const movementOf = (event: WalletEvent): Movement | undefined => {
  switch (event.type) {
    case 'WalletToppedUp': {
      const { amount, method, reference, balanceAfter } = event.data;
      const source: MovementSource =
        reference === undefined ? { kind: 'topUp', method } : { kind: 'topUp', method, reference };
      return move('money', amount, balanceAfter, source);
    }
    case 'WalletSpent':
      return move('money', -event.data.amount, event.data.balanceAfter, order(event.data.orderId));
    case 'WalletRefunded': {
      const { orderId, reason, amount, balanceAfter } = event.data;
      return move(
        'money',
        amount,
        balanceAfter,
        reason === undefined ? order(orderId) : { kind: 'order', orderId, reason },
      );
    }
    case 'WalletAdjusted':
      return move('money', event.data.delta, event.data.balanceAfter, {
        kind: 'adjustment',
        reason: event.data.reason,
      });
    case 'WalletMoneyTransferredOut':
      return move('money', -event.data.amount, event.data.balanceAfter, mergedOut(event.data));
    case 'WalletMoneyTransferredIn':
      return move('money', event.data.amount, event.data.balanceAfter, mergedIn(event.data));
    case 'PointsEarned':
      return move('points', event.data.points, event.data.balanceAfter, {
        kind: 'points',
        source: event.data.source,
      });
    case 'PointsRedeemed':
      return move('points', -event.data.points, event.data.balanceAfter, {
        kind: 'order',
        orderId: event.data.orderId,
        orderLineId: event.data.orderLineId,
      });
    case 'PointsEarningReversed':
      // Points already spent cannot be taken back: only the recovered part leaves the balance.
      return move(
        'points',
        -(event.data.points - event.data.unrecovered),
        event.data.balanceAfter,
        order(event.data.orderId),
      );
    case 'PointsRedemptionReversed':
      return move('points', event.data.points, event.data.balanceAfter, order(event.data.orderId));
    case 'PointsDeducted':
      return move('points', -event.data.points, event.data.balanceAfter, {
        kind: 'adjustment',
        reason: event.data.reason,
      });
    case 'PointsExpired':
      return move('points', -event.data.points, event.data.balanceAfter, { kind: 'expiry' });
    case 'PointsTransferredOut':
      return move('points', -event.data.points, event.data.balanceAfter, mergedOut(event.data));
    case 'PointsTransferredIn':
      return move('points', event.data.points, event.data.balanceAfter, mergedIn(event.data));
    case 'DebtRecorded':
      return move('debt', event.data.amount, event.data.debtAfter, order(event.data.orderId));
    case 'DebtSettled':
      return move('debt', -event.data.amount, event.data.debtAfter, order(event.data.orderId));
    case 'DebtTransferredOut':
      return move('debt', -event.data.amount, event.data.debtAfter, mergedOut(event.data));
    case 'DebtTransferredIn':
      return move('debt', event.data.amount, event.data.debtAfter, mergedIn(event.data));
    case 'WalletMergedInto':
      return undefined;
  }
};

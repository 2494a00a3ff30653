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

/** The ledger movement a wallet event records, or undefined for `WalletMergedInto`. */
export const movementOf = (event: WalletEvent): Movement | undefined => {
  switch (event.type) {
    case 'WalletToppedUp': {
      const { amount, method, reference, balanceAfter } = event.data;
      const source: MovementSource =
        reference === undefined ? { kind: 'topUp', method } : { kind: 'topUp', method, reference };
      return { ledger: 'money', change: amount, after: balanceAfter, source };
    }
    case 'WalletSpent':
      return {
        ledger: 'money',
        change: -event.data.amount,
        after: event.data.balanceAfter,
        source: { kind: 'order', orderId: event.data.orderId },
      };
    case 'WalletRefunded': {
      const { orderId, reason, amount, balanceAfter } = event.data;
      return {
        ledger: 'money',
        change: amount,
        after: balanceAfter,
        source: reason === undefined ? { kind: 'order', orderId } : { kind: 'order', orderId, reason },
      };
    }
    case 'WalletAdjusted':
      return {
        ledger: 'money',
        change: event.data.delta,
        after: event.data.balanceAfter,
        source: { kind: 'adjustment', reason: event.data.reason },
      };
    case 'WalletMoneyTransferredOut':
      return {
        ledger: 'money',
        change: -event.data.amount,
        after: event.data.balanceAfter,
        source: {
          kind: 'merge',
          mergeId: event.data.mergeId,
          direction: 'out',
          customerId: event.data.toCustomerId,
        },
      };
    case 'WalletMoneyTransferredIn':
      return {
        ledger: 'money',
        change: event.data.amount,
        after: event.data.balanceAfter,
        source: {
          kind: 'merge',
          mergeId: event.data.mergeId,
          direction: 'in',
          customerId: event.data.fromCustomerId,
        },
      };
    case 'PointsEarned':
      return {
        ledger: 'points',
        change: event.data.points,
        after: event.data.balanceAfter,
        source: { kind: 'points', source: event.data.source },
      };
    case 'PointsRedeemed':
      return {
        ledger: 'points',
        change: -event.data.points,
        after: event.data.balanceAfter,
        source: { kind: 'order', orderId: event.data.orderId, orderLineId: event.data.orderLineId },
      };
    case 'PointsEarningReversed':
      // Points already spent cannot be taken back: only the recovered part leaves the balance.
      return {
        ledger: 'points',
        change: -(event.data.points - event.data.unrecovered),
        after: event.data.balanceAfter,
        source: { kind: 'order', orderId: event.data.orderId },
      };
    case 'PointsRedemptionReversed':
      return {
        ledger: 'points',
        change: event.data.points,
        after: event.data.balanceAfter,
        source: { kind: 'order', orderId: event.data.orderId },
      };
    case 'PointsDeducted':
      return {
        ledger: 'points',
        change: -event.data.points,
        after: event.data.balanceAfter,
        source: { kind: 'adjustment', reason: event.data.reason },
      };
    case 'PointsExpired':
      return {
        ledger: 'points',
        change: -event.data.points,
        after: event.data.balanceAfter,
        source: { kind: 'expiry' },
      };
    case 'PointsTransferredOut':
      return {
        ledger: 'points',
        change: -event.data.points,
        after: event.data.balanceAfter,
        source: {
          kind: 'merge',
          mergeId: event.data.mergeId,
          direction: 'out',
          customerId: event.data.toCustomerId,
        },
      };
    case 'PointsTransferredIn':
      return {
        ledger: 'points',
        change: event.data.points,
        after: event.data.balanceAfter,
        source: {
          kind: 'merge',
          mergeId: event.data.mergeId,
          direction: 'in',
          customerId: event.data.fromCustomerId,
        },
      };
    case 'DebtRecorded':
      return {
        ledger: 'debt',
        change: event.data.amount,
        after: event.data.debtAfter,
        source: { kind: 'order', orderId: event.data.orderId },
      };
    case 'DebtSettled':
      return {
        ledger: 'debt',
        change: -event.data.amount,
        after: event.data.debtAfter,
        source: { kind: 'order', orderId: event.data.orderId },
      };
    case 'DebtTransferredOut':
      return {
        ledger: 'debt',
        change: -event.data.amount,
        after: event.data.debtAfter,
        source: {
          kind: 'merge',
          mergeId: event.data.mergeId,
          direction: 'out',
          customerId: event.data.toCustomerId,
        },
      };
    case 'DebtTransferredIn':
      return {
        ledger: 'debt',
        change: event.data.amount,
        after: event.data.debtAfter,
        source: {
          kind: 'merge',
          mergeId: event.data.mergeId,
          direction: 'in',
          customerId: event.data.fromCustomerId,
        },
      };
    case 'WalletMergedInto':
      return undefined;
  }
};

import type { RecordedEvent, WalletEvent } from '@tillstream/domain';
import type { EventRef } from './eventRef';

/** The wallet events that move money, points or debt for an order. */
export type OrderMovementType =
  | 'WalletSpent'
  | 'WalletRefunded'
  | 'PointsRedeemed'
  | 'PointsRedemptionReversed'
  | 'PointsEarned'
  | 'PointsEarningReversed'
  | 'DebtRecorded'
  | 'DebtSettled';

/** What an order moved, or should have moved, on a wallet: money or debt in minor units, or points. */
export interface OrderMovement {
  readonly type: OrderMovementType;
  readonly orderId: string;
  readonly amount: number;
}

/** An order movement as the log shows it: under which key (command id), on whose wallet. */
export interface WalletOrderMovement extends OrderMovement {
  readonly key: string;
  readonly customerId: string;
  readonly ref: EventRef;
}

/**
 * The wallet's order movement with its key, wallet and place in the log, if it records one (top-ups,
 * adjustments, expiry and merges do not). Built whole: one object per wallet event of the log.
 */
export const walletOrderMovementOf = (
  recorded: RecordedEvent<WalletEvent>,
  customerId: string,
  ref: EventRef,
): WalletOrderMovement | undefined => {
  const { event } = recorded;
  const key = recorded.metadata.commandId;
  switch (event.type) {
    case 'WalletSpent':
    case 'WalletRefunded':
    case 'DebtRecorded':
    case 'DebtSettled':
      return {
        type: event.type,
        orderId: event.data.orderId,
        amount: event.data.amount,
        key,
        customerId,
        ref,
      };
    case 'PointsRedeemed':
    case 'PointsRedemptionReversed':
    case 'PointsEarningReversed':
      return {
        type: event.type,
        orderId: event.data.orderId,
        amount: event.data.points,
        key,
        customerId,
        ref,
      };
    case 'PointsEarned':
      return event.data.source.kind === 'order'
        ? {
            type: event.type,
            orderId: event.data.source.orderId,
            amount: event.data.points,
            key,
            customerId,
            ref,
          }
        : undefined;
    default:
      return undefined;
  }
};

const isPoints = (type: OrderMovementType) => type.startsWith('Points');

/** "900" or "9 points". */
export const amountText = (m: OrderMovement): string => `${m.amount}${isPoints(m.type) ? ' points' : ''}`;

const phrases: Record<OrderMovementType, (amount: string) => string> = {
  WalletSpent: (a) => `a deposit debit of ${a}`,
  WalletRefunded: (a) => `a refund of ${a} to the deposit`,
  PointsRedeemed: (a) => `${a} redeemed`,
  PointsRedemptionReversed: (a) => `${a} given back`,
  PointsEarned: (a) => `${a} earned`,
  PointsEarningReversed: (a) => `${a} taken back`,
  DebtRecorded: (a) => `a debt of ${a} recorded`,
  DebtSettled: (a) => `a debt of ${a} settled`,
};

/** The movement in words, e.g. "a refund of 900 to the deposit (WalletRefunded)". */
export const movementText = (m: OrderMovement): string => `${phrases[m.type](amountText(m))} (${m.type})`;

import type { Command } from '../kernel/decider';
import type { OrderClaims } from './orderClaims';
import type { PointsLot, PointsSource } from './pointsLot';
import type { OrderDebt, TopUpMethod } from './walletEvents';

/** Every wallet command names its customer: the wallet stream is derived from it and the tenant. */
interface ForCustomer {
  readonly customerId: string;
}

/** Load money by cash or card, or (through a voucher reservation) by gift voucher or gift card. */
export type TopUp = Command<
  'TopUp',
  ForCustomer & {
    readonly amount: number;
    readonly currency: string;
    readonly method: TopUpMethod;
    readonly reference?: string;
  }
>;

/** Pay an order from the balance. */
export type Spend = Command<
  'Spend',
  ForCustomer & { readonly orderId: string; readonly amount: number; readonly currency: string }
>;

/** Give back money an order took from the wallet. */
export type Refund = Command<
  'Refund',
  ForCustomer & {
    readonly orderId: string;
    readonly amount: number;
    readonly currency: string;
    readonly reason?: string;
  }
>;

/** A manager's correction of the balance, with the reason. */
export type Adjust = Command<
  'Adjust',
  ForCustomer & { readonly delta: number; readonly currency: string; readonly reason: string }
>;

/** Grant a lot of points with its source; its id is the command id. */
export type EarnPoints = Command<
  'EarnPoints',
  ForCustomer & { readonly points: number; readonly source: PointsSource }
>;

/** Pay an order line with points. */
export type RedeemPoints = Command<
  'RedeemPoints',
  ForCustomer & { readonly orderId: string; readonly orderLineId: string; readonly points: number }
>;

/** Undo what a voided order earned and redeemed. */
export type ReversePoints = Command<'ReversePoints', ForCustomer & { readonly orderId: string }>;

/** A manager's correction of the points, with the reason. */
export type AdjustPoints = Command<
  'AdjustPoints',
  ForCustomer & { readonly delta: number; readonly reason: string }
>;

/** Write down the lots that have lapsed by now. */
export type ExpirePoints = Command<'ExpirePoints', ForCustomer>;

/** An order was completed unpaid. */
export type RecordDebt = Command<
  'RecordDebt',
  ForCustomer & { readonly orderId: string; readonly amount: number; readonly currency: string }
>;

/** An unpaid order was paid later. */
export type SettleDebt = Command<
  'SettleDebt',
  ForCustomer & { readonly orderId: string; readonly amount: number; readonly currency: string }
>;

/** Merge, on the merged-away customer: move every ledger out and close the wallet. */
export type TransferOut = Command<
  'TransferOut',
  ForCustomer & { readonly mergeId: string; readonly toCustomerId: string }
>;

/** Merge, on the survivor: take in what `TransferOut` moved (see `transferInFrom`). */
export type TransferIn = Command<
  'TransferIn',
  ForCustomer & {
    readonly mergeId: string;
    readonly fromCustomerId: string;
    readonly currency: string;
    readonly money: number;
    readonly lots: readonly PointsLot[];
    readonly debts: readonly OrderDebt[];
    /** What the loser's wallet owed back to its orders (absent when nothing). */
    readonly claims?: OrderClaims;
  }
>;

/** Every wallet command. */
export type WalletCommand =
  | TopUp
  | Spend
  | Refund
  | Adjust
  | EarnPoints
  | RedeemPoints
  | ReversePoints
  | AdjustPoints
  | ExpirePoints
  | RecordDebt
  | SettleDebt
  | TransferOut
  | TransferIn;

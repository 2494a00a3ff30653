import * as t from 'io-ts';
import {
  currencyCode,
  integer,
  isoInstant,
  nonEmptyString,
  nonNegativeInteger,
  positiveInteger,
  withOptional,
} from '../kernel/codecs';
import type { Event } from '../kernel/envelope';
import { eventCatalog } from '../kernel/eventCatalog';
import { orderClaimsCodec, type OrderClaims } from './orderClaims';
import {
  lotShareCodec,
  pointsLotCodec,
  pointsSourceCodec,
  type LotShare,
  type PointsLot,
  type PointsSource,
} from './pointsLot';

/** How money came into a wallet. */
export type TopUpMethod = 'cash' | 'card' | 'gift_voucher' | 'gift_card';

// The fields several movements share; each event below still names its own whole shape.
interface OrderMoneyMoved {
  readonly movementId: string;
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
}
interface MoneyMoved {
  readonly amount: number;
  readonly currency: string;
}
interface MergedOut {
  readonly movementId: string;
  readonly mergeId: string;
  readonly toCustomerId: string;
}
interface MergedIn {
  readonly movementId: string;
  readonly mergeId: string;
  readonly fromCustomerId: string;
}
interface BalanceAfter {
  readonly balanceAfter: number;
}
interface DebtAfter {
  readonly debtAfter: number;
}

/** Money came in; `reference` is the keyed hash of a voucher or gift card code. */
export type WalletToppedUp = Event<
  'WalletToppedUp',
  {
    readonly movementId: string;
    readonly amount: number;
    readonly currency: string;
    readonly method: TopUpMethod;
    readonly reference?: string;
    readonly balanceAfter: number;
  }
>;

/** Money paid an order. */
export type WalletSpent = Event<'WalletSpent', OrderMoneyMoved & BalanceAfter>;

/** Money an order had spent came back. */
export type WalletRefunded = Event<
  'WalletRefunded',
  OrderMoneyMoved & { readonly reason?: string } & BalanceAfter
>;

/** A manager corrected the balance by `delta` (positive or negative). */
export type WalletAdjusted = Event<
  'WalletAdjusted',
  {
    readonly movementId: string;
    readonly delta: number;
    readonly currency: string;
    readonly reason: string;
    readonly balanceAfter: number;
  }
>;

/** A merge moved the whole balance to the surviving customer's wallet. */
export type WalletMoneyTransferredOut = Event<
  'WalletMoneyTransferredOut',
  MergedOut & MoneyMoved & BalanceAfter
>;

/** A merge brought a merged-away customer's balance here. */
export type WalletMoneyTransferredIn = Event<
  'WalletMoneyTransferredIn',
  MergedIn & MoneyMoved & BalanceAfter
>;

/** A new lot of points, with where it came from. */
export type PointsEarned = Event<
  'PointsEarned',
  {
    readonly lotId: string;
    readonly points: number;
    readonly source: PointsSource;
    readonly earnedAt: string;
    readonly expiresAt?: string;
    readonly balanceAfter: number;
  }
>;

/** Points paid an order line, taken oldest lot first. */
export type PointsRedeemed = Event<
  'PointsRedeemed',
  {
    readonly movementId: string;
    readonly orderId: string;
    readonly orderLineId: string;
    readonly points: number;
    readonly lots: readonly LotShare[];
    readonly balanceAfter: number;
  }
>;

/** A voided order's earned points were taken back; `unrecovered` had already been spent. */
export type PointsEarningReversed = Event<
  'PointsEarningReversed',
  {
    readonly movementId: string;
    readonly orderId: string;
    readonly points: number;
    readonly lots: readonly LotShare[];
    readonly unrecovered: number;
    readonly balanceAfter: number;
  }
>;

/** A voided order's redeemed points went back to the lots they came from. */
export type PointsRedemptionReversed = Event<
  'PointsRedemptionReversed',
  {
    readonly movementId: string;
    readonly orderId: string;
    readonly points: number;
    readonly lots: readonly LotShare[];
    readonly balanceAfter: number;
  }
>;

/** A manager removed points (taken oldest lot first); additions are `PointsEarned` with an adjustment source. */
export type PointsDeducted = Event<
  'PointsDeducted',
  {
    readonly movementId: string;
    readonly points: number;
    readonly reason: string;
    readonly lots: readonly LotShare[];
    readonly balanceAfter: number;
  }
>;

/** Lots lapsed under the shop's expiry policy. */
export type PointsExpired = Event<
  'PointsExpired',
  {
    readonly points: number;
    readonly lots: readonly LotShare[];
    readonly expiredAt: string;
    readonly balanceAfter: number;
  }
>;

interface LotsMoved {
  readonly points: number;
  readonly lots: readonly PointsLot[];
}

/** A merge moved every remaining lot to the surviving customer. */
export type PointsTransferredOut = Event<'PointsTransferredOut', MergedOut & LotsMoved & BalanceAfter>;

/** A merge brought lots here, each keeping its source and naming the lot it came from. */
export type PointsTransferredIn = Event<'PointsTransferredIn', MergedIn & LotsMoved & BalanceAfter>;

/** An order completed unpaid: the customer owes its amount. */
export type DebtRecorded = Event<'DebtRecorded', OrderMoneyMoved & DebtAfter>;

/** An unpaid order was paid later (in part or in full). */
export type DebtSettled = Event<'DebtSettled', OrderMoneyMoved & DebtAfter>;

/** What one order still owes. */
export interface OrderDebt {
  readonly orderId: string;
  readonly amount: number;
}

interface DebtsMoved extends MoneyMoved {
  readonly orders: readonly OrderDebt[];
}

/** A merge moved every open debt to the surviving customer. */
export type DebtTransferredOut = Event<'DebtTransferredOut', MergedOut & DebtsMoved & DebtAfter>;

/** A merge brought a merged-away customer's open debts here. */
export type DebtTransferredIn = Event<'DebtTransferredIn', MergedIn & DebtsMoved & DebtAfter>;

/** A merge moved what the wallet owes back to its orders (open spends, redemptions) to the survivor. */
export type OrderClaimsTransferredOut = Event<'OrderClaimsTransferredOut', MergedOut & OrderClaims>;

/** A merge brought a merged-away customer's order claims here, lot ids renamed as their lots were. */
export type OrderClaimsTransferredIn = Event<'OrderClaimsTransferredIn', MergedIn & OrderClaims>;

/** The customer was merged away; the wallet takes no more movements. */
export type WalletMergedInto = Event<
  'WalletMergedInto',
  { readonly mergeId: string; readonly survivorCustomerId: string }
>;

/** Every event of a wallet stream. */
export type WalletEvent =
  | WalletToppedUp
  | WalletSpent
  | WalletRefunded
  | WalletAdjusted
  | WalletMoneyTransferredOut
  | WalletMoneyTransferredIn
  | PointsEarned
  | PointsRedeemed
  | PointsEarningReversed
  | PointsRedemptionReversed
  | PointsDeducted
  | PointsExpired
  | PointsTransferredOut
  | PointsTransferredIn
  | DebtRecorded
  | DebtSettled
  | DebtTransferredOut
  | DebtTransferredIn
  | OrderClaimsTransferredOut
  | OrderClaimsTransferredIn
  | WalletMergedInto;

const currency = currencyCode;
const id = nonEmptyString;
const orderDebt = t.type({ orderId: id, amount: positiveInteger });
const mergeOut = { movementId: id, mergeId: id, toCustomerId: id };
const mergeIn = { movementId: id, mergeId: id, fromCustomerId: id };
const money = { amount: positiveInteger, currency };
const orderMoney = { movementId: id, orderId: id, ...money };

// A merge writes the same fields out of one wallet as into the other: only who it names differs.
const transfer = <P extends t.Props>(props: P) => ({
  out: t.type({ ...mergeOut, ...props }),
  in: t.type({ ...mergeIn, ...props }),
});
const moneyTransfer = transfer({ ...money, balanceAfter: nonNegativeInteger });
const pointsTransfer = transfer({
  points: positiveInteger,
  lots: t.readonlyArray(pointsLotCodec),
  balanceAfter: nonNegativeInteger,
});
const debtTransfer = transfer({
  ...money,
  orders: t.readonlyArray(orderDebt),
  debtAfter: nonNegativeInteger,
});

/** The schemas of every wallet event. */
export const walletEvents = eventCatalog<WalletEvent>({
  WalletToppedUp: {
    codec: withOptional(
      {
        movementId: id,
        amount: positiveInteger,
        currency,
        method: t.keyof({ cash: null, card: null, gift_voucher: null, gift_card: null }),
        balanceAfter: nonNegativeInteger,
      },
      { reference: id },
    ),
  },
  WalletSpent: { codec: t.type({ ...orderMoney, balanceAfter: nonNegativeInteger }) },
  WalletRefunded: {
    codec: withOptional({ ...orderMoney, balanceAfter: nonNegativeInteger }, { reason: id }),
  },
  WalletAdjusted: {
    codec: t.type({ movementId: id, delta: integer, currency, reason: id, balanceAfter: nonNegativeInteger }),
  },
  WalletMoneyTransferredOut: { codec: moneyTransfer.out },
  WalletMoneyTransferredIn: { codec: moneyTransfer.in },
  PointsEarned: {
    codec: withOptional(
      {
        lotId: id,
        points: positiveInteger,
        source: pointsSourceCodec,
        earnedAt: isoInstant,
        balanceAfter: nonNegativeInteger,
      },
      { expiresAt: isoInstant },
    ),
  },
  PointsRedeemed: {
    codec: t.type({
      movementId: id,
      orderId: id,
      orderLineId: id,
      points: positiveInteger,
      lots: t.readonlyArray(lotShareCodec),
      balanceAfter: nonNegativeInteger,
    }),
  },
  PointsEarningReversed: {
    codec: t.type({
      movementId: id,
      orderId: id,
      points: positiveInteger,
      lots: t.readonlyArray(lotShareCodec),
      unrecovered: nonNegativeInteger,
      balanceAfter: nonNegativeInteger,
    }),
  },
  PointsRedemptionReversed: {
    codec: t.type({
      movementId: id,
      orderId: id,
      points: positiveInteger,
      lots: t.readonlyArray(lotShareCodec),
      balanceAfter: nonNegativeInteger,
    }),
  },
  PointsDeducted: {
    codec: t.type({
      movementId: id,
      points: positiveInteger,
      reason: id,
      lots: t.readonlyArray(lotShareCodec),
      balanceAfter: nonNegativeInteger,
    }),
  },
  PointsExpired: {
    codec: t.type({
      points: positiveInteger,
      lots: t.readonlyArray(lotShareCodec),
      expiredAt: isoInstant,
      balanceAfter: nonNegativeInteger,
    }),
  },
  PointsTransferredOut: { codec: pointsTransfer.out },
  PointsTransferredIn: { codec: pointsTransfer.in },
  DebtRecorded: { codec: t.type({ ...orderMoney, debtAfter: nonNegativeInteger }) },
  DebtSettled: { codec: t.type({ ...orderMoney, debtAfter: nonNegativeInteger }) },
  DebtTransferredOut: { codec: debtTransfer.out },
  DebtTransferredIn: { codec: debtTransfer.in },
  OrderClaimsTransferredOut: { codec: t.intersection([t.type(mergeOut), orderClaimsCodec]) },
  OrderClaimsTransferredIn: { codec: t.intersection([t.type(mergeIn), orderClaimsCodec]) },
  WalletMergedInto: { codec: t.type({ mergeId: id, survivorCustomerId: id }) },
});

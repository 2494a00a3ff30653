import * as t from 'io-ts';
import { nonEmptyString, nonNegativeInteger, positiveInteger, withOptional } from '../kernel/codecs';
import type { Actor, Event } from '../kernel/envelope';
import { eventCatalog } from '../kernel/eventCatalog';
import { orderLineCodec, type OrderLine } from './orderLine';
import { discountRuleCodec, type DiscountRule } from './discountRule';
import type { OrderTotals } from './pricing';

/** How the customer means to pay (or, at Pay, how it did): cash, card, or deposit from its wallet. */
export type PaymentMethod = 'cash' | 'card' | 'deposit';

/** The order was sent, by the customer for itself or by an operator; prices are already fixed. */
export type OrderPlaced = Event<
  'OrderPlaced',
  {
    readonly orderId: string;
    readonly customerId: string;
    readonly currency: string;
    readonly paymentMethod: PaymentMethod;
    readonly note?: string;
    readonly lines: readonly OrderLine[];
    /** Every rule the customer had when the order was placed, so an audit can redo the choice. */
    readonly discountRules: readonly DiscountRule[];
    readonly totals: OrderTotals;
    readonly rounding: string;
  }
>;

/** An operator accepted the order: an unpaid invoice now stands on the customer's account. */
export type OrderAccepted = Event<
  'OrderAccepted',
  {
    readonly orderId: string;
    readonly customerId: string;
    readonly moneyDue: number;
    readonly pointsDue: number;
    readonly currency: string;
  }
>;

/** An operator turned the order down before accepting it; `customerId` is whose order it was (its reason is sealed under that customer's key). */
export type OrderCancelled = Event<
  'OrderCancelled',
  { readonly orderId: string; readonly customerId: string; readonly reason?: string }
>;

/** One line reached the customer. */
export type OrderLineDelivered = Event<
  'OrderLineDelivered',
  { readonly orderId: string; readonly lineId: string }
>;

/** A points line and the points it takes. */
export interface PointsShare {
  readonly lineId: string;
  readonly points: number;
}

/**
 * An operator pressed Pay: payment `paymentNumber` is under way. The wallet steps it names are
 * keyed by order and payment number; the order is paid only once `OrderPaid` follows.
 */
export type OrderPaymentStarted = Event<
  'OrderPaymentStarted',
  {
    readonly orderId: string;
    readonly paymentNumber: number;
    readonly customerId: string;
    readonly method: PaymentMethod;
    readonly money: number;
    readonly currency: string;
    readonly pointsLines: readonly PointsShare[];
    readonly points: number;
    /** Points the shop's earning rule grants for the money part. */
    readonly pointsToEarn: number;
    /** Debt this payment settles (the order was completed unpaid), 0 otherwise. */
    readonly debtToSettle: number;
  }
>;

/** Every wallet step of the payment is done: the invoice is paid. */
export type OrderPaid = Event<
  'OrderPaid',
  {
    readonly orderId: string;
    readonly paymentNumber: number;
    readonly customerId: string;
    readonly method: PaymentMethod;
    readonly money: number;
    readonly currency: string;
    readonly points: number;
    readonly pointsEarned: number;
    readonly debtSettled: number;
  }
>;

/** The wallet refused a step of the payment; whatever it had taken was given back. */
export type OrderPaymentFailed = Event<
  'OrderPaymentFailed',
  {
    readonly orderId: string;
    readonly paymentNumber: number;
    readonly code: string;
    readonly reason: string;
  }
>;

/** Every line is delivered and the order is finished; an unpaid invoice became `debt`. */
export type OrderCompleted = Event<
  'OrderCompleted',
  {
    readonly orderId: string;
    readonly customerId: string;
    /** Lines this completion marked delivered (those not delivered one by one before). */
    readonly deliveredLineIds: readonly string[];
    readonly paid: boolean;
    readonly debt: number;
    readonly currency: string;
  }
>;

/**
 * The invoice is annulled and the order cancelled. What the payment took goes back:
 * `depositReturned` and `pointsReturned` to the wallet, `refundDue` in cash or card by the till;
 * `pointsEarnedReversed` taken back; `debtRemoved` struck from the receivable.
 */
export type OrderVoided = Event<
  'OrderVoided',
  {
    readonly orderId: string;
    readonly customerId: string;
    readonly reason: string;
    readonly currency: string;
    readonly depositReturned: number;
    readonly pointsReturned: number;
    readonly refundDue: number;
    readonly refundMethod?: 'cash' | 'card';
    readonly pointsEarnedReversed: number;
    readonly debtRemoved: number;
  }
>;

/** The order (and its debt, if any) now belongs to another customer. */
export type OrderCustomerChanged = Event<
  'OrderCustomerChanged',
  {
    readonly orderId: string;
    readonly changeNumber: number;
    readonly fromCustomerId: string;
    readonly toCustomerId: string;
    readonly changedBy: Actor;
    readonly reason: string;
    readonly debtMoved: number;
    readonly currency: string;
  }
>;

/**
 * A merge moved the order from the merged-away customer to the survivor, in its state. `debt` is
 * the order's debt at that moment: the merge's wallet transfer carries it (and any payment the
 * order made) to the survivor's wallet, so this event causes no wallet movement of its own.
 */
export type OrderMovedByMerge = Event<
  'OrderMovedByMerge',
  {
    readonly orderId: string;
    readonly mergeId: string;
    readonly fromCustomerId: string;
    readonly toCustomerId: string;
    readonly debt: number;
  }
>;

/** Every event of an order stream. */
export type OrderEvent =
  | OrderPlaced
  | OrderAccepted
  | OrderCancelled
  | OrderLineDelivered
  | OrderPaymentStarted
  | OrderPaid
  | OrderPaymentFailed
  | OrderCompleted
  | OrderVoided
  | OrderCustomerChanged
  | OrderMovedByMerge;

const id = nonEmptyString;
const method = t.keyof({ cash: null, card: null, deposit: null });
const amount = nonNegativeInteger;

/** The schemas of every order event. */
export const orderEvents = eventCatalog<OrderEvent>({
  OrderPlaced: {
    codec: withOptional(
      {
        orderId: id,
        customerId: id,
        currency: id,
        paymentMethod: method,
        lines: t.readonlyArray(orderLineCodec),
        discountRules: t.readonlyArray(discountRuleCodec),
        totals: t.type({ listPrice: amount, discount: amount, money: amount, points: amount }),
        rounding: id,
      },
      { note: id },
    ),
  },
  OrderAccepted: {
    codec: t.type({ orderId: id, customerId: id, moneyDue: amount, pointsDue: amount, currency: id }),
  },
  OrderCancelled: { codec: withOptional({ orderId: id, customerId: id }, { reason: id }) },
  OrderLineDelivered: { codec: t.type({ orderId: id, lineId: id }) },
  OrderPaymentStarted: {
    codec: t.type({
      orderId: id,
      paymentNumber: positiveInteger,
      customerId: id,
      method,
      money: amount,
      currency: id,
      pointsLines: t.readonlyArray(t.type({ lineId: id, points: positiveInteger })),
      points: amount,
      pointsToEarn: amount,
      debtToSettle: amount,
    }),
  },
  OrderPaid: {
    codec: t.type({
      orderId: id,
      paymentNumber: positiveInteger,
      customerId: id,
      method,
      money: amount,
      currency: id,
      points: amount,
      pointsEarned: amount,
      debtSettled: amount,
    }),
  },
  OrderPaymentFailed: {
    codec: t.type({ orderId: id, paymentNumber: positiveInteger, code: id, reason: id }),
  },
  OrderCompleted: {
    codec: t.type({
      orderId: id,
      customerId: id,
      deliveredLineIds: t.readonlyArray(id),
      paid: t.boolean,
      debt: amount,
      currency: id,
    }),
  },
  OrderVoided: {
    codec: withOptional(
      {
        orderId: id,
        customerId: id,
        reason: id,
        currency: id,
        depositReturned: amount,
        pointsReturned: amount,
        refundDue: amount,
        pointsEarnedReversed: amount,
        debtRemoved: amount,
      },
      { refundMethod: t.keyof({ cash: null, card: null }) },
    ),
  },
  OrderCustomerChanged: {
    codec: t.type({
      orderId: id,
      changeNumber: positiveInteger,
      fromCustomerId: id,
      toCustomerId: id,
      changedBy: t.type({
        role: t.keyof({ customer: null, operator: null, manager: null, system: null }),
        id,
      }),
      reason: id,
      debtMoved: amount,
      currency: id,
    }),
  },
  OrderMovedByMerge: {
    codec: t.type({ orderId: id, mergeId: id, fromCustomerId: id, toCustomerId: id, debt: amount }),
  },
});

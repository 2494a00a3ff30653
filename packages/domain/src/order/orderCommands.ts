import type { Command } from '../kernel/decider';
import type { CatalogItem } from './catalog';
import type { PaymentMethod } from './orderEvents';
import type { PayWith } from './orderLine';
import type { DiscountRule } from './discountRule';

/** A line as a customer or operator asks for it: what and how many, never at what price. */
export interface RequestedLine {
  readonly productId: string;
  readonly quantity: number;
  readonly payWith: PayWith;
}

/**
 * Send an order. `catalog` holds the catalogue items of the requested products and `discountRules`
 * the customer's price discountRules, both looked up by the facade, so pricing stays pure.
 */
export type PlaceOrder = Command<
  'PlaceOrder',
  {
    readonly orderId: string;
    readonly customerId: string;
    readonly currency: string;
    readonly paymentMethod: PaymentMethod;
    readonly note?: string;
    readonly lines: readonly RequestedLine[];
    readonly catalog: readonly CatalogItem[];
    readonly discountRules: readonly DiscountRule[];
  }
>;

/** Accept the order, issuing its unpaid invoice. */
export type AcceptOrder = Command<'AcceptOrder', { readonly orderId: string }>;

/** Turn the order down (before acceptance only). */
export type CancelOrder = Command<'CancelOrder', { readonly orderId: string; readonly reason?: string }>;

/** Mark one line delivered. */
export type DeliverOrderLine = Command<
  'DeliverOrderLine',
  { readonly orderId: string; readonly lineId: string }
>;

/** Press Pay: starts a payment with `method` (which may differ from the one chosen when ordering). */
export type PayOrder = Command<
  'PayOrder',
  { readonly orderId: string; readonly method: PaymentMethod; readonly pointsToEarn: number }
>;

/** The payment process reports that every wallet step of payment `paymentNumber` is done. */
export type ConfirmOrderPayment = Command<
  'ConfirmOrderPayment',
  { readonly orderId: string; readonly paymentNumber: number }
>;

/** The payment process reports that the wallet refused payment `paymentNumber` (and was made whole). */
export type FailOrderPayment = Command<
  'FailOrderPayment',
  { readonly orderId: string; readonly paymentNumber: number; readonly code: string; readonly reason: string }
>;

/** Mark every line delivered and finish the order; an unpaid invoice becomes debt. */
export type CompleteOrder = Command<'CompleteOrder', { readonly orderId: string }>;

/** Annul the invoice and cancel the order (after acceptance only). */
export type VoidOrder = Command<'VoidOrder', { readonly orderId: string; readonly reason: string }>;

/** Move the order, and its debt if any, to another customer. */
export type ChangeOrderCustomer = Command<
  'ChangeOrderCustomer',
  { readonly orderId: string; readonly customerId: string; readonly reason: string }
>;

/**
 * A merge re-points the order at the surviving customer, in whatever state it is. Only the merge
 * (a system actor) sends it; it moves no money, because the merge's wallet transfer moves the
 * order's payment, points and debt with the rest of the wallet.
 */
export type MoveMergedOrder = Command<
  'MoveMergedOrder',
  { readonly orderId: string; readonly customerId: string; readonly mergeId: string }
>;

/** Every order command. */
export type OrderCommand =
  | PlaceOrder
  | AcceptOrder
  | CancelOrder
  | DeliverOrderLine
  | PayOrder
  | ConfirmOrderPayment
  | FailOrderPayment
  | CompleteOrder
  | VoidOrder
  | ChangeOrderCustomer
  | MoveMergedOrder;

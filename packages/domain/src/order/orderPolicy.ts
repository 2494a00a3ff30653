import type { Actor } from '../kernel/envelope';
import { defaultWalletPolicy, type WalletPolicy } from '../wallet/walletPolicy';
import type { PaymentMethod } from './orderEvents';

/** Whether an actor may read an order, given whose order it is. */
export type OrderReadRule = (actor: Actor, order: { readonly customerId: string }) => boolean;

/** A customer reads only its own orders; staff and the system read every order. */
export const defaultOrderReadRule: OrderReadRule = (actor, order) =>
  actor.role !== 'customer' || actor.id === order.customerId;

/** Per-shop order settings. */
export interface OrderPolicy {
  /** Whether customers may order from their own screen at all. */
  readonly customerOrdering: boolean;
  /** The payment methods a customer may pick when ordering (operators may use any at Pay). */
  readonly customerPaymentMethods: readonly PaymentMethod[];
  /** The shop's wallet rules: currency, points earned per payment, credit limit. */
  readonly wallet: WalletPolicy;
  /** Who may read which order; replace it to change the rule. */
  readonly mayRead: OrderReadRule;
}

/** Customers may order and pick any method; the default wallet rules (EUR, 1 point per euro). */
export const defaultOrderPolicy: OrderPolicy = {
  customerOrdering: true,
  customerPaymentMethods: ['cash', 'card', 'deposit'],
  wallet: defaultWalletPolicy,
  mayRead: defaultOrderReadRule,
};

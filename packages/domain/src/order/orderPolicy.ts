import { defaultWalletPolicy, type WalletPolicy } from '../wallet/walletPolicy';
import type { PaymentMethod } from './orderEvents';

/** Per-shop order settings. */
export interface OrderPolicy {
  /** Whether customers may order from their own screen at all. */
  readonly customerOrdering: boolean;
  /** The payment methods a customer may pick when ordering (operators may use any at Pay). */
  readonly customerPaymentMethods: readonly PaymentMethod[];
  /** The shop's wallet rules: currency, points earned per payment, credit limit. */
  readonly wallet: WalletPolicy;
}

/** Customers may order and pick any method; the default wallet rules (EUR, 1 point per euro). */
export const defaultOrderPolicy: OrderPolicy = {
  customerOrdering: true,
  customerPaymentMethods: ['cash', 'card', 'deposit'],
  wallet: defaultWalletPolicy,
};

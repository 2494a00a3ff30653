import * as E from 'fp-ts/Either';
import type { DecisionError } from '../kernel/decider';
import { DomainError, ValidationError } from '../kernel/errors';
import { shown } from '../values/refusal';
import type { WalletPolicy } from './walletPolicy';
import type { WalletState } from './walletState';

/** A decision step: a value or the refusal that stops the command. */
export type Checked<A> = E.Either<DecisionError, A>;

/** Writes minor units the way a cashier reads them, e.g. `12.50 EUR`. */
export const formatMoney = (amount: number, currency: string, minorUnitsPerUnit: number): string => {
  const digits = Math.max(0, Math.round(Math.log10(minorUnitsPerUnit)));
  return `${(amount / minorUnitsPerUnit).toFixed(digits)} ${currency}`;
};

/** A whole number of minor units (or points) above zero. */
export const positive = (field: string, value: number, what: string): Checked<number> =>
  Number.isSafeInteger(value) && value > 0
    ? E.right(value)
    : E.left(
        new ValidationError(
          `wallet.${field}_invalid`,
          `The ${what} must be a whole number above zero, but ${shown(value)} was given.`,
          field,
          value,
        ),
      );

/** A whole, non-zero correction. */
export const nonZero = (value: number): Checked<number> =>
  Number.isSafeInteger(value) && value !== 0
    ? E.right(value)
    : E.left(
        new ValidationError(
          'wallet.delta_invalid',
          `An adjustment must be a whole number other than zero, but ${shown(value)} was given.`,
          'delta',
          value,
        ),
      );

/** Text that says why, for adjustments and manual grants. */
export const reasonGiven = (reason: string): Checked<string> =>
  reason.trim().length > 0
    ? E.right(reason.trim())
    : E.left(
        new ValidationError('wallet.reason_required', 'Say why: a reason is required.', 'reason', reason),
      );

/** A non-empty identifier (order, order line, merge). */
export const idGiven = (field: string, value: string): Checked<string> =>
  value.length > 0
    ? E.right(value)
    : E.left(new ValidationError(`wallet.${field}_required`, `The ${field} is required.`, field, value));

/** The wallet's currency: the one it already holds, otherwise the shop's. */
export const walletCurrency = (state: WalletState, policy: WalletPolicy): string =>
  state.currency ?? policy.currency;

/** Refuses money in another currency than the wallet's. */
export const sameCurrency = (state: WalletState, policy: WalletPolicy, currency: string): Checked<string> => {
  const expected = walletCurrency(state, policy);
  return currency === expected
    ? E.right(currency)
    : E.left(
        new DomainError(
          'wallet.currency_mismatch',
          `This wallet holds ${expected}; it cannot take ${shown(currency)}.`,
          { walletCurrency: expected, currency },
        ),
      );
};

/** What an order's money movement names: the order, how much and in which currency. */
export interface OrderMoney {
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
}

/** An order's money movement: the order named, a whole amount above zero, in the wallet's currency. */
export const orderMoneyGiven = (
  data: OrderMoney,
  state: WalletState,
  policy: WalletPolicy,
): Checked<OrderMoney> => {
  const orderId = idGiven('orderId', data.orderId);
  if (E.isLeft(orderId)) return orderId;
  const amount = positive('amount', data.amount, 'amount');
  if (E.isLeft(amount)) return amount;
  const currency = sameCurrency(state, policy, data.currency);
  if (E.isLeft(currency)) return currency;
  return E.right({ orderId: orderId.right, amount: amount.right, currency: currency.right });
};

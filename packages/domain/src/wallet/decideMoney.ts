import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { DomainError, ValidationError } from '../kernel/errors';
import {
  formatMoney,
  nonZero,
  orderMoneyGiven,
  positive,
  reasonGiven,
  sameCurrency,
  type Checked,
} from './walletChecks';
import type { Adjust, Refund, Spend, TopUp } from './walletCommands';
import type { WalletAdjusted, WalletRefunded, WalletSpent, WalletToppedUp } from './walletEvents';
import type { WalletPolicy } from './walletPolicy';
import { orderMoney, type WalletState } from './walletState';

/** Money comes in; gift vouchers and gift cards must name the (hashed) code they came from. */
export const decideTopUp = (
  c: TopUp,
  s: WalletState,
  p: WalletPolicy,
): Checked<readonly WalletToppedUp[]> => {
  // Plain steps rather than Do-notation: every till's top-up runs through here.
  const amount = positive('amount', c.data.amount, 'amount');
  if (E.isLeft(amount)) return amount;
  const currency = sameCurrency(s, p, c.data.currency);
  if (E.isLeft(currency)) return currency;
  if ((c.data.method === 'gift_voucher' || c.data.method === 'gift_card') && !c.data.reference)
    return E.left(
      new ValidationError(
        'wallet.reference_required',
        'A gift voucher or gift card top-up must name its code.',
        'reference',
        c.data.reference,
      ),
    );
  return E.right([
    {
      type: 'WalletToppedUp',
      data: {
        movementId: c.metadata.commandId,
        amount: amount.right,
        currency: currency.right,
        method: c.data.method,
        ...(c.data.reference ? { reference: c.data.reference } : {}),
        balanceAfter: s.balance + amount.right,
      },
    },
  ]);
};

/** Money pays an order; never more than the balance. */
export const decideSpend = (c: Spend, s: WalletState, p: WalletPolicy): Checked<readonly WalletSpent[]> => {
  const given = orderMoneyGiven(c.data, s, p);
  if (E.isLeft(given)) return given;
  const { orderId, amount, currency } = given.right;
  if (amount > s.balance)
    return E.left(
      new DomainError(
        'wallet.insufficient_balance',
        `The wallet holds ${formatMoney(s.balance, currency, p.minorUnitsPerUnit)}, not enough for ${formatMoney(amount, currency, p.minorUnitsPerUnit)}.`,
        { balance: s.balance, amount, currency },
      ),
    );
  return E.right([
    {
      type: 'WalletSpent',
      data: { movementId: c.metadata.commandId, orderId, amount, currency, balanceAfter: s.balance - amount },
    },
  ]);
};

/** Money an order took from the wallet goes back; never more than it took. */
export const decideRefund = (
  c: Refund,
  s: WalletState,
  p: WalletPolicy,
): Checked<readonly WalletRefunded[]> =>
  pipe(
    orderMoneyGiven(c.data, s, p),
    E.chain(({ orderId, amount, currency }) => {
      const order = orderMoney(s, orderId);
      const refundable = order.spent - order.refunded;
      return amount > refundable
        ? E.left(
            new DomainError(
              'wallet.refund_exceeds_spent',
              `Order ${orderId} can get back at most ${formatMoney(refundable, currency, p.minorUnitsPerUnit)} to the wallet, not ${formatMoney(amount, currency, p.minorUnitsPerUnit)}.`,
              { orderId, spent: order.spent, refunded: order.refunded, amount },
            ),
          )
        : E.right([
            {
              type: 'WalletRefunded' as const,
              data: {
                movementId: c.metadata.commandId,
                orderId,
                amount,
                currency,
                ...(c.data.reason?.trim() ? { reason: c.data.reason.trim() } : {}),
                balanceAfter: s.balance + amount,
              },
            },
          ]);
    }),
  );

/** A manager corrects the balance, saying why; the balance still never goes below zero. */
export const decideAdjust = (
  c: Adjust,
  s: WalletState,
  p: WalletPolicy,
): Checked<readonly WalletAdjusted[]> =>
  pipe(
    E.Do,
    E.bind('delta', () => nonZero(c.data.delta)),
    E.bind('reason', () => reasonGiven(c.data.reason)),
    E.bind('currency', () => sameCurrency(s, p, c.data.currency)),
    E.chain(({ delta, reason, currency }) =>
      s.balance + delta < 0
        ? E.left(
            new DomainError(
              'wallet.insufficient_balance',
              `The wallet holds ${formatMoney(s.balance, currency, p.minorUnitsPerUnit)}; it cannot be lowered by ${formatMoney(-delta, currency, p.minorUnitsPerUnit)}.`,
              { balance: s.balance, amount: -delta, currency },
            ),
          )
        : E.right([
            {
              type: 'WalletAdjusted' as const,
              data: {
                movementId: c.metadata.commandId,
                delta,
                currency,
                reason,
                balanceAfter: s.balance + delta,
              },
            },
          ]),
    ),
  );

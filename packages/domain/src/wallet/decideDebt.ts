import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { DomainError } from '../kernel/errors';
import { formatMoney, orderMoneyGiven, type Checked } from './walletChecks';
import type { RecordDebt, SettleDebt } from './walletCommands';
import type { DebtRecorded, DebtSettled } from './walletEvents';
import type { WalletPolicy } from './walletPolicy';
import type { WalletState } from './walletState';

/** An order completed unpaid becomes debt, once per order and within the shop's credit limit. */
export const decideRecordDebt = (
  c: RecordDebt,
  s: WalletState,
  p: WalletPolicy,
): Checked<readonly DebtRecorded[]> =>
  pipe(
    orderMoneyGiven(c.data, s, p),
    E.chain(({ orderId, amount, currency }) => {
      const money = (n: number) => formatMoney(n, currency, p.minorUnitsPerUnit);
      if (s.debts[orderId] !== undefined)
        return E.left(
          new DomainError('debt.already_recorded', `Order ${orderId} is already owed on this account.`, {
            orderId,
            outstanding: s.debts[orderId],
          }),
        );
      if (p.creditLimit !== undefined && s.debt + amount > p.creditLimit)
        return E.left(
          new DomainError(
            'debt.credit_limit_exceeded',
            `The customer already owes ${money(s.debt)}; another ${money(amount)} would pass the credit limit of ${money(p.creditLimit)}.`,
            { debt: s.debt, amount, creditLimit: p.creditLimit, currency },
          ),
        );
      return E.right([
        {
          type: 'DebtRecorded' as const,
          data: { movementId: c.metadata.commandId, orderId, amount, currency, debtAfter: s.debt + amount },
        },
      ]);
    }),
  );

/** An unpaid order is paid later, never for more than it still owes. */
export const decideSettleDebt = (
  c: SettleDebt,
  s: WalletState,
  p: WalletPolicy,
): Checked<readonly DebtSettled[]> =>
  pipe(
    orderMoneyGiven(c.data, s, p),
    E.chain(({ orderId, amount, currency }) => {
      const outstanding = s.debts[orderId] ?? 0;
      return amount > outstanding
        ? E.left(
            new DomainError(
              'debt.exceeds_outstanding',
              `Order ${orderId} owes ${formatMoney(outstanding, currency, p.minorUnitsPerUnit)}; ${formatMoney(amount, currency, p.minorUnitsPerUnit)} cannot be settled.`,
              { orderId, outstanding, amount, currency },
            ),
          )
        : E.right([
            {
              type: 'DebtSettled' as const,
              data: {
                movementId: c.metadata.commandId,
                orderId,
                amount,
                currency,
                debtAfter: s.debt - amount,
              },
            },
          ]);
    }),
  );

import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { ValidationError } from '../kernel/errors';
import type { CommittedEvent } from '../kernel/handleCommand';
import { expireLots } from './decidePoints';
import { claimsMovedIn, claimsOf, noClaims, type OrderClaims } from './orderClaims';
import { lotsOf } from './lotLedger';
import type { PointsLot } from './pointsLot';
import { idGiven, sameCurrency, walletCurrency, type Checked } from './walletChecks';
import type { TransferIn, TransferOut } from './walletCommands';
import type { OrderDebt, WalletEvent } from './walletEvents';
import type { WalletPolicy } from './walletPolicy';
import type { WalletState } from './walletState';

const notSelf = (customerId: string, other: string, field: string): Checked<string> =>
  other === customerId
    ? E.left(
        new ValidationError('wallet.merge_into_self', 'A wallet cannot be merged with itself.', field, other),
      )
    : E.right(other);

/**
 * Merge, loser side: moves every ledger that is not empty to the survivor as explicit entries,
 * then closes the wallet. Lapsed points are written off first, so only live lots move.
 */
export const decideTransferOut = (
  c: TransferOut,
  s: WalletState,
  p: WalletPolicy,
): Checked<readonly WalletEvent[]> =>
  pipe(
    E.Do,
    E.bind('mergeId', () => idGiven('mergeId', c.data.mergeId)),
    E.bind('to', () => notSelf(c.data.customerId, c.data.toCustomerId, 'toCustomerId')),
    E.map(({ mergeId, to }) => {
      const { events: expired, state } = expireLots(s, c.metadata.now);
      const currency = walletCurrency(state, p);
      const base = { movementId: c.metadata.commandId, mergeId, toCustomerId: to };
      const lots = lotsOf(state.lots).filter((l) => l.remaining > 0);
      const orders: OrderDebt[] = Object.entries(state.debts).map(([orderId, amount]) => ({
        orderId,
        amount,
      }));
      const out: WalletEvent[] = [...expired];
      if (state.balance > 0)
        out.push({
          type: 'WalletMoneyTransferredOut',
          data: { ...base, amount: state.balance, currency, balanceAfter: 0 },
        });
      if (state.pointsBalance > 0)
        out.push({
          type: 'PointsTransferredOut',
          data: { ...base, points: state.pointsBalance, lots, balanceAfter: 0 },
        });
      if (state.debt > 0)
        out.push({
          type: 'DebtTransferredOut',
          data: { ...base, amount: state.debt, currency, orders, debtAfter: 0 },
        });
      const claims = claimsOf(state);
      if (!noClaims(claims)) out.push({ type: 'OrderClaimsTransferredOut', data: { ...base, ...claims } });
      out.push({ type: 'WalletMergedInto', data: { mergeId, survivorCustomerId: to } });
      return out;
    }),
  );

/** Merge, survivor side: takes in money, lots (keeping their source, naming their origin) and debts. */
export const decideTransferIn = (
  c: TransferIn,
  s: WalletState,
  p: WalletPolicy,
): Checked<readonly WalletEvent[]> =>
  pipe(
    E.Do,
    E.bind('mergeId', () => idGiven('mergeId', c.data.mergeId)),
    E.bind('from', () => notSelf(c.data.customerId, c.data.fromCustomerId, 'fromCustomerId')),
    E.bind('currency', () => sameCurrency(s, p, c.data.currency)),
    E.map(({ mergeId, from, currency }) => {
      const base = { movementId: c.metadata.commandId, mergeId, fromCustomerId: from };
      const out: WalletEvent[] = [];
      if (c.data.money > 0)
        out.push({
          type: 'WalletMoneyTransferredIn',
          data: { ...base, amount: c.data.money, currency, balanceAfter: s.balance + c.data.money },
        });
      const lots: PointsLot[] = c.data.lots
        .filter((l) => l.remaining > 0)
        .map((l) => ({
          ...l,
          lotId: `${mergeId}:${l.lotId}`,
          transferredFrom: { customerId: from, mergeId, lotId: l.lotId },
        }));
      const points = lots.reduce((sum, l) => sum + l.remaining, 0);
      if (points > 0)
        out.push({
          type: 'PointsTransferredIn',
          data: { ...base, points, lots, balanceAfter: s.pointsBalance + points },
        });
      const debt = c.data.debts.reduce((sum, d) => sum + d.amount, 0);
      if (debt > 0)
        out.push({
          type: 'DebtTransferredIn',
          data: { ...base, amount: debt, currency, orders: c.data.debts, debtAfter: s.debt + debt },
        });
      const claims = c.data.claims;
      if (claims !== undefined && !noClaims(claims))
        out.push({
          type: 'OrderClaimsTransferredIn',
          data: { ...base, ...claimsMovedIn(claims, mergeId, from) },
        });
      return out;
    }),
  );

/** What the survivor must take in, read from the events `TransferOut` wrote on the loser's wallet; the currency falls back to the shop's when no money or debt moved. */
export const transferInFrom = (
  loserCustomerId: string,
  survivorCustomerId: string,
  mergeId: string,
  fallbackCurrency: string,
  written: readonly CommittedEvent<WalletEvent>[],
): TransferIn['data'] => {
  let currency = fallbackCurrency;
  let money = 0;
  let lots: readonly PointsLot[] = [];
  let debts: readonly OrderDebt[] = [];
  let claims: OrderClaims | undefined;
  for (const { event } of written) {
    if (event.type === 'OrderClaimsTransferredOut')
      claims = {
        orders: event.data.orders,
        redemptions: event.data.redemptions,
        spentLots: event.data.spentLots,
      };
    if (event.type === 'WalletMoneyTransferredOut') {
      money = event.data.amount;
      currency = event.data.currency;
    }
    if (event.type === 'PointsTransferredOut') lots = event.data.lots;
    if (event.type === 'DebtTransferredOut') {
      debts = event.data.orders;
      currency = event.data.currency;
    }
  }
  return {
    customerId: survivorCustomerId,
    mergeId,
    fromCustomerId: loserCustomerId,
    currency,
    money,
    lots,
    debts,
    ...(claims === undefined ? {} : { claims }),
  };
};

import type { WalletEvent } from '@tillstream/domain';

/** What one wallet event does to each ledger, recomputed from its amounts, and the totals it claims after. */
export interface LedgerMovement {
  readonly money: number;
  readonly points: number;
  readonly debt: number;
  /** The running totals the event itself records (`balanceAfter` / `debtAfter`), where it records one. */
  readonly claims: { readonly money?: number; readonly points?: number; readonly debt?: number };
}

const money = (delta: number, after: number): LedgerMovement => ({
  money: delta,
  points: 0,
  debt: 0,
  claims: { money: after },
});
const points = (delta: number, after: number): LedgerMovement => ({
  money: 0,
  points: delta,
  debt: 0,
  claims: { points: after },
});
const debt = (delta: number, after: number): LedgerMovement => ({
  money: 0,
  points: 0,
  debt: delta,
  claims: { debt: after },
});

/** The movement of a wallet event; the audit adds these up itself rather than trusting the recorded totals. */
export const ledgerMovement = (event: WalletEvent): LedgerMovement => {
  switch (event.type) {
    case 'WalletToppedUp':
    case 'WalletRefunded':
    case 'WalletMoneyTransferredIn':
      return money(event.data.amount, event.data.balanceAfter);
    case 'WalletSpent':
    case 'WalletMoneyTransferredOut':
      return money(-event.data.amount, event.data.balanceAfter);
    case 'WalletAdjusted':
      return money(event.data.delta, event.data.balanceAfter);
    case 'PointsEarned':
    case 'PointsRedemptionReversed':
    case 'PointsTransferredIn':
      return points(event.data.points, event.data.balanceAfter);
    case 'PointsRedeemed':
    case 'PointsDeducted':
    case 'PointsExpired':
    case 'PointsTransferredOut':
      return points(-event.data.points, event.data.balanceAfter);
    case 'PointsEarningReversed':
      // Points already spent elsewhere cannot come back: only the recovered part leaves the balance.
      return points(-(event.data.points - event.data.unrecovered), event.data.balanceAfter);
    case 'DebtRecorded':
    case 'DebtTransferredIn':
      return debt(event.data.amount, event.data.debtAfter);
    case 'DebtSettled':
    case 'DebtTransferredOut':
      return debt(-event.data.amount, event.data.debtAfter);
    case 'OrderClaimsTransferredOut':
    case 'OrderClaimsTransferredIn':
    case 'WalletMergedInto':
      return { money: 0, points: 0, debt: 0, claims: {} };
  }
};

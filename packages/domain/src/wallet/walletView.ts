import { lotsOf } from './lotLedger';
import type { PointsLot } from './pointsLot';
import type { OrderDebt } from './walletEvents';
import type { WalletPolicy } from './walletPolicy';
import type { WalletState } from './walletState';

/** What a till shows of a wallet: the three ledgers side by side, never summed. */
export interface WalletView {
  readonly customerId: string;
  readonly currency: string;
  /** Money in minor units. */
  readonly balance: number;
  readonly points: number;
  /** Lots still holding points, oldest first, each with its source and expiry. */
  readonly lots: readonly PointsLot[];
  /** What the customer owes, in minor units, apart from the balance. */
  readonly debt: number;
  readonly debts: readonly OrderDebt[];
  readonly mergedInto?: string;
}

/** The view of a folded wallet. */
export const walletView = (customerId: string, state: WalletState, policy: WalletPolicy): WalletView => ({
  customerId,
  currency: state.currency ?? policy.currency,
  balance: state.balance,
  points: state.pointsBalance,
  lots: lotsOf(state.lots).filter((l) => l.remaining > 0),
  debt: state.debt,
  debts: Object.entries(state.debts).map(([orderId, amount]) => ({ orderId, amount })),
  ...(state.mergedInto === undefined ? {} : { mergedInto: state.mergedInto.customerId }),
});

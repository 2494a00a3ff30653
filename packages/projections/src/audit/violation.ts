import type { EventRef } from './eventRef';

/** The invariants the audit re-checks while replaying. */
export type AuditRule =
  | 'wallet.balance_after_mismatch'
  | 'order.deposit_without_wallet_debit'
  | 'order.unpaid_without_debt'
  | 'order.wallet_movement_missing'
  | 'wallet.debt_without_unpaid_order'
  | 'wallet.movement_without_order'
  | 'identifier.held_by_two_live_customers';

/** A broken invariant, with the events behind it. */
export interface Violation {
  readonly rule: AuditRule;
  readonly message: string;
  readonly events: readonly EventRef[];
}

import type { MergeSummary } from './mergeLedger';
import type { OrderSummary } from './orderLifecycle';
import type { Violation } from './violation';
import type { WalletSummary } from './walletLedger';

/** A finding with the line (or place in the log) of the first event behind it: parts merge in log order. */
export interface Placed<T> {
  readonly line: number;
  readonly value: T;
}

/** A merge as one part of the log saw it, with the violations of its ledgers (judged on a whole log only). */
export interface PartMerge {
  readonly summary: MergeSummary;
  readonly violations: readonly Violation[];
}

/** What the audit trail found for one tenant (already narrowed to what `asOf` allows). */
export interface PartTenant {
  readonly tenant: string;
  readonly violations: readonly Violation[];
}

/** One uninterpreted event type and how many events of it were read. */
export interface PartType {
  readonly type: string;
  readonly count: number;
}

/**
 * What one replay of some of the log's streams found (all of them, or one shard's tenants), every
 * finding placed, so that parts replayed apart merge into the report one replay of the whole log gives.
 * Plain data: it crosses from a worker thread by structured clone.
 */
export interface AuditPart {
  readonly events: number;
  readonly replayed: number;
  /** Violations found event by event (log integrity, undecodable events), in log order. */
  readonly violations: readonly Placed<Violation>[];
  readonly tenants: readonly Placed<PartTenant>[];
  readonly wallets: readonly Placed<WalletSummary>[];
  readonly orders: readonly Placed<OrderSummary>[];
  readonly merges: readonly Placed<PartMerge>[];
  readonly erased: readonly string[];
  readonly uninterpreted: readonly Placed<PartType>[];
}

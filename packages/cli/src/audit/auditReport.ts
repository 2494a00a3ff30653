import type { UniquenessRegistryOptions } from '@tillstream/projections';
import type { AuditPart, Placed } from './auditPart';
import type { MergeSummary } from './mergeLedger';
import type { OrderSummary } from './orderLifecycle';
import type { Violation } from './violation';
import type { WalletSummary } from './walletLedger';

/** What to audit: one tenant, one customer's view, the state at a moment. */
export interface AuditOptions {
  readonly tenant?: string;
  /** Restricts the report (not the checks) to one customer's wallet, orders and merges. */
  readonly customer?: string;
  /** Report balances, debts, points and states as they stood at this instant. */
  readonly asOf?: Date;
  /** Each shop's reservation secret and policy: checks that no identifier is held by two live customers. */
  readonly identifiers?: UniquenessRegistryOptions;
}

/** Everything the replay found. */
export interface AuditReport {
  /** Events read from the log (after the tenant filter). */
  readonly events: number;
  /** Events replayed into the report: all of them, or those up to `asOf`. */
  readonly replayed: number;
  readonly asOf?: string;
  readonly wallets: readonly WalletSummary[];
  readonly orders: readonly OrderSummary[];
  readonly merges: readonly MergeSummary[];
  /**
   * Customers forgotten at their request (GDPR art. 17): their personal fields read `[erased]`,
   * which is expected, not an error; their money, orders and merges were checked as anyone's.
   */
  readonly erased: readonly string[];
  /** Whether the identifier rule ran (a tenant secret was given). */
  readonly identifiersChecked: boolean;
  /** Event types no tillstream context owns: read and integrity-checked, but not interpreted. */
  readonly uninterpreted: Readonly<Record<string, number>>;
  readonly violations: readonly Violation[];
}

// One part is already in log order; several are put in it (the sort is stable: a line's findings keep theirs).
const inLogOrder = <T>(lists: readonly (readonly Placed<T>[])[]): readonly Placed<T>[] =>
  lists.length === 1 ? (lists[0] ?? []) : lists.flat().sort((a, b) => a.line - b.line);

const values = <T>(placed: readonly Placed<T>[]): T[] => placed.map((p) => p.value);

/** The report of the parts of one log: what one replay of the whole log gives. */
export const auditReport = (parts: readonly AuditPart[], options: AuditOptions = {}): AuditReport => {
  const { customer, asOf } = options;
  const tenants = new Map<string, { line: number; violations: Violation[] }>();
  for (const part of parts)
    for (const { line, value } of part.tenants) {
      const t = tenants.get(value.tenant);
      if (t === undefined) tenants.set(value.tenant, { line, violations: [...value.violations] });
      else {
        t.line = Math.min(t.line, line);
        t.violations.push(...value.violations);
      }
    }
  const types = new Map<string, { line: number; count: number }>();
  for (const part of parts)
    for (const { line, value } of part.uninterpreted) {
      const t = types.get(value.type);
      if (t === undefined) types.set(value.type, { line, count: value.count });
      else {
        t.line = Math.min(t.line, line);
        t.count += value.count;
      }
    }
  const merges = values(inLogOrder(parts.map((p) => p.merges)));
  const mine = (m: MergeSummary) => customer === undefined || m.from === customer || m.into === customer;
  return {
    events: parts.reduce((sum, p) => sum + p.events, 0),
    replayed: parts.reduce((sum, p) => sum + p.replayed, 0),
    ...(asOf === undefined ? {} : { asOf: asOf.toISOString() }),
    wallets: values(inLogOrder(parts.map((p) => p.wallets))).filter(
      (w) => customer === undefined || w.customerId === customer,
    ),
    orders: values(inLogOrder(parts.map((p) => p.orders))),
    merges: merges.map((m) => m.summary).filter(mine),
    erased: [...new Set(parts.flatMap((p) => p.erased))]
      .sort()
      .filter((id) => customer === undefined || id === customer),
    identifiersChecked: options.identifiers !== undefined,
    uninterpreted: Object.fromEntries(
      [...types].sort(([, a], [, b]) => a.line - b.line).map(([type, { count }]) => [type, count]),
    ),
    violations: [
      ...values(inLogOrder(parts.map((p) => p.violations))),
      ...[...tenants.values()].sort((a, b) => a.line - b.line).flatMap((t) => t.violations),
      // Only a whole log shows a merge lost something: one caught halfway at `asOf` is still running.
      ...(asOf === undefined ? merges.flatMap((m) => m.violations) : []),
    ],
  };
};

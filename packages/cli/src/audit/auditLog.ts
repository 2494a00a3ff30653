import {
  customerEvents,
  decodeEvent,
  orderEvents,
  parseStreamName,
  reservationEvents,
  walletEvents,
  type StoredEvent,
} from '@tillstream/domain';
import { auditTrail, type UniquenessRegistryOptions } from '@tillstream/projections';
import { customerRoll } from './customerRoll';
import * as E from 'fp-ts/Either';
import { logIntegrity } from './logIntegrity';
import { mergeLedger, type MergeSummary } from './mergeLedger';
import { orderLedger, type OrderSummary } from './orderLifecycle';
import { violation, type EventRef, type Violation } from './violation';
import { walletLedger, type WalletSummary } from './walletLedger';

const trailRef = (ref: {
  streamName: string;
  revision: bigint;
  position: bigint;
  type: string;
}): EventRef => ({
  stream: ref.streamName,
  revision: String(ref.revision),
  position: String(ref.position),
  type: ref.type,
});

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

/**
 * Replays a log through the deciders' own `evolve` and the projections' audit trail, re-adds every
 * ledger, and checks the log's integrity and the domain's invariants. The report is exact for `asOf`: each stream is
 * replayed up to its first event that occurred after it.
 */
export const auditLog = async (
  events: AsyncIterable<StoredEvent>,
  options: AuditOptions = {},
): Promise<AuditReport> => {
  const { customer, asOf } = options;
  const integrity = logIntegrity();
  const wallets = walletLedger((id) => id === customer);
  const merges = mergeLedger();
  const orders = orderLedger();
  // The report reads only the trail's violations: its entries would be heap for nothing.
  const trail = auditTrail(
    options.identifiers === undefined
      ? { entries: false }
      : { identifiers: options.identifiers, entries: false },
  );
  const customers = customerRoll();
  const tenants = new Set<string>();
  const violations: Violation[] = [];
  const uninterpreted: Record<string, number> = {};
  const after = new Set<string>();
  let read = 0;
  let replayed = 0;

  const undecodable = (stored: StoredEvent, message: string) =>
    violations.push(violation('event.undecodable', message, stored));

  for await (const stored of events) {
    // Parsed once per event: the tenant filter, the integrity check and the dispatch all need it.
    const stream = parseStreamName(stored.streamName);
    if (options.tenant !== undefined && stream?.tenantId !== options.tenant) continue;
    read++;
    const found = integrity.observe(stored, stream?.tenantId);
    if (found.length > 0) violations.push(...found);
    if (asOf !== undefined) {
      if (after.has(stored.streamName) || !(Date.parse(stored.metadata.occurredAt) <= asOf.getTime())) {
        after.add(stored.streamName);
        continue;
      }
    }
    replayed++;
    tenants.add(stored.metadata.tenantId);
    const category = stream?.category;
    if (category === 'wallet') {
      const decoded = decodeEvent(walletEvents, stored);
      if (E.isLeft(decoded)) undecodable(stored, decoded.left.message);
      else {
        wallets.apply(decoded.right, stored);
        merges.apply(decoded.right, stored);
        trail.apply(decoded.right);
      }
    } else if (category === 'order') {
      const decoded = decodeEvent(orderEvents, stored);
      if (E.isLeft(decoded)) undecodable(stored, decoded.left.message);
      else {
        orders.apply(decoded.right, stored);
        trail.apply(decoded.right);
      }
    } else if (category === 'customer') {
      const decoded = decodeEvent(customerEvents, stored);
      if (E.isLeft(decoded)) undecodable(stored, decoded.left.message);
      else {
        customers.apply(decoded.right);
        if (options.identifiers !== undefined) trail.apply(decoded.right);
      }
    } else if (options.identifiers !== undefined && category?.startsWith('unique-') === true) {
      const decoded = decodeEvent(reservationEvents, stored);
      if (E.isLeft(decoded)) undecodable(stored, decoded.left.message);
      else trail.apply(decoded.right);
    } else {
      uninterpreted[stored.type] = (uninterpreted[stored.type] ?? 0) + 1;
    }
  }
  // A merge or a payment caught halfway at `asOf` is still running, not broken: only a whole log shows a
  // cross-stream rule broken; the projections' audit trail judges those, and every wallet ledger at any moment.
  // An identifier caught between two customers at `asOf` may be a registration or merge halfway.
  for (const tenant of tenants)
    for (const v of trail.violations(tenant))
      if (asOf === undefined || v.rule === 'wallet.balance_after_mismatch')
        violations.push({ code: v.rule, message: v.message, events: v.events.map(trailRef) });
  if (asOf === undefined) violations.push(...merges.check());

  const mine = (m: MergeSummary) => customer === undefined || m.from === customer || m.into === customer;
  return {
    events: read,
    replayed,
    ...(asOf === undefined ? {} : { asOf: asOf.toISOString() }),
    wallets: wallets.summaries().filter((w) => customer === undefined || w.customerId === customer),
    orders: orders.summaries(customer),
    merges: merges.summaries().filter(mine),
    erased: customers.erased().filter((id) => customer === undefined || id === customer),
    identifiersChecked: options.identifiers !== undefined,
    uninterpreted,
    violations,
  };
};

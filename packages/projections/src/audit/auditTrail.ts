import {
  combineCatalogs,
  customerEvents,
  mergeEvents,
  orderEvents,
  parseStreamName,
  reservationEvents,
  walletEvents,
  type Actor,
  type CustomerEvent,
  type EventCatalog,
  type MergeEvent,
  type OrderEvent,
  type RecordedEvent,
  type ReservationEvent,
  type WalletEvent,
} from '@tillstream/domain';
import { uniquenessRegistry, type UniquenessRegistryOptions } from '../registry/uniquenessRegistry';
import type { Projection } from '../runner';
import { movementOf, type Ledger } from '../wallet/movement';
import { refOf, type EventRef } from './eventRef';
import { foldMerge, mergeSummary, type MergeAudit } from './mergeAudit';

export type { EventRef } from './eventRef';

/** Every event the audit reads. */
export type AuditedEvent = WalletEvent | OrderEvent | MergeEvent | CustomerEvent | ReservationEvent;

/** How audited events are decoded. */
export const auditEvents = combineCatalogs<AuditedEvent>(
  ...([
    walletEvents,
    orderEvents,
    mergeEvents,
    customerEvents,
    reservationEvents,
  ] as readonly EventCatalog<AuditedEvent>[]),
);

/** What the audit needs to check identifiers: each shop's reservation secret and customer policy (omit to skip that rule). */
export interface AuditTrailOptions {
  readonly identifiers?: UniquenessRegistryOptions;
}

/** The invariants the audit re-checks while replaying. */
export type AuditRule =
  | 'wallet.balance_after_mismatch'
  | 'order.deposit_without_wallet_debit'
  | 'wallet.debt_without_unpaid_order'
  | 'order.unpaid_without_debt'
  | 'identifier.held_by_two_live_customers';

/** A broken invariant, with the events behind it. */
export interface Violation {
  readonly rule: AuditRule;
  readonly message: string;
  readonly events: readonly EventRef[];
}

/** One auditable act: who did what, when, with the amounts involved. */
export interface AuditEntry {
  readonly at: string;
  readonly actor: Actor;
  readonly event: EventRef;
  readonly summary: string;
}

/** The audit trail of every tenant. */
export interface AuditTrail {
  readonly apply: (recorded: RecordedEvent<AuditedEvent>) => void;
  /** Order acts, wallet movements and merge steps, in log order. */
  readonly entries: (tenantId: string) => readonly AuditEntry[];
  /** Every broken invariant found so far (cross-stream rules are judged on the log read so far). */
  readonly violations: (tenantId: string) => readonly Violation[];
  /** Every merge requested, with who, when, why and what it moved, in the order requested. */
  readonly merges: (tenantId: string) => readonly MergeAudit[];
}

interface OrderFacts {
  readonly depositPaid: { money: number; ref: EventRef }[];
  readonly walletSpent: { amount: number; ref: EventRef }[];
  readonly debtRecorded: { amount: number; ref: EventRef }[];
  completedUnpaid?: { debt: number; ref: EventRef };
}

interface TenantAudit {
  readonly entries: AuditEntry[];
  readonly violations: Violation[];
  /** Replayed balance and the last event of each ledger of each wallet stream. */
  readonly ledgers: Map<string, { balance: number; last?: EventRef }>;
  readonly orders: Map<string, OrderFacts>;
  readonly merges: Map<string, MergeAudit>;
}

const where = (ref: EventRef): string => `${ref.type} ${ref.streamName}@${ref.revision}`;

const orderSummary = (event: OrderEvent): string | undefined => {
  switch (event.type) {
    case 'OrderAccepted':
      return `accepted order ${event.data.orderId}: ${event.data.moneyDue} ${event.data.currency} and ${event.data.pointsDue} points due`;
    case 'OrderCancelled':
      return `cancelled order ${event.data.orderId}${event.data.reason === undefined ? '' : `: ${event.data.reason}`}`;
    case 'OrderPaid':
      return `order ${event.data.orderId} paid by ${event.data.method}: ${event.data.money} ${event.data.currency}, ${event.data.points} points`;
    case 'OrderCompleted':
      return `completed order ${event.data.orderId}${event.data.paid ? '' : `, unpaid: ${event.data.debt} ${event.data.currency} debt`}`;
    case 'OrderVoided':
      return `voided order ${event.data.orderId} (${event.data.reason}): ${event.data.depositReturned} returned to the wallet, ${event.data.refundDue} to refund, ${event.data.debtRemoved} debt removed`;
    case 'OrderCustomerChanged':
      return `moved order ${event.data.orderId} from ${event.data.fromCustomerId} to ${event.data.toCustomerId} (${event.data.reason})`;
    case 'OrderMovedByMerge':
      return `merge ${event.data.mergeId} moved order ${event.data.orderId} from ${event.data.fromCustomerId} to ${event.data.toCustomerId}`;
    default:
      return undefined;
  }
};

/** Creates an empty audit trail. */
export const auditTrail = (options: AuditTrailOptions = {}): AuditTrail => {
  const tenants = new Map<string, TenantAudit>();
  const registry = options.identifiers === undefined ? undefined : uniquenessRegistry(options.identifiers);
  const tenantOf = (id: string): TenantAudit => {
    let t = tenants.get(id);
    if (t === undefined)
      tenants.set(
        id,
        (t = { entries: [], violations: [], ledgers: new Map(), orders: new Map(), merges: new Map() }),
      );
    return t;
  };
  const factsOf = (t: TenantAudit, orderId: string): OrderFacts => {
    let f = t.orders.get(orderId);
    if (f === undefined) t.orders.set(orderId, (f = { depositPaid: [], walletSpent: [], debtRecorded: [] }));
    return f;
  };

  const applyWallet = (t: TenantAudit, r: RecordedEvent<WalletEvent>) => {
    const ref = refOf(r);
    const { event } = r;
    if (event.type === 'WalletMergedInto') {
      t.entries.push({
        at: r.metadata.occurredAt,
        actor: r.metadata.actor,
        event: ref,
        summary: `wallet merged into ${event.data.survivorCustomerId} (merge ${event.data.mergeId})`,
      });
      return;
    }
    const movement = movementOf(event);
    if (movement === undefined) return;
    const key = `${r.streamName}|${movement.ledger satisfies Ledger}`;
    const ledger = t.ledgers.get(key) ?? { balance: 0 };
    const replayed = ledger.balance + movement.change;
    if (replayed !== movement.after)
      t.violations.push({
        rule: 'wallet.balance_after_mismatch',
        message: `${where(ref)} says the ${movement.ledger} balance is ${movement.after} after it, but replaying the ledger gives ${replayed}.`,
        events: ledger.last === undefined ? [ref] : [ledger.last, ref],
      });
    // Carry on from the replayed balance, so one bad event is reported once, not on every later event.
    t.ledgers.set(key, { balance: replayed, last: ref });
    t.entries.push({
      at: r.metadata.occurredAt,
      actor: r.metadata.actor,
      event: ref,
      summary: `${movement.ledger} ${movement.change >= 0 ? '+' : ''}${movement.change} → ${movement.after} (${movement.source.kind})`,
    });
    if (event.type === 'WalletSpent')
      factsOf(t, event.data.orderId).walletSpent.push({ amount: event.data.amount, ref });
    if (event.type === 'DebtRecorded')
      factsOf(t, event.data.orderId).debtRecorded.push({ amount: event.data.amount, ref });
  };

  const applyOrder = (t: TenantAudit, r: RecordedEvent<OrderEvent>) => {
    const ref = refOf(r);
    const { event } = r;
    const summary = orderSummary(event);
    if (summary !== undefined)
      t.entries.push({ at: r.metadata.occurredAt, actor: r.metadata.actor, event: ref, summary });
    if (event.type === 'OrderPaid' && event.data.method === 'deposit' && event.data.money > 0)
      factsOf(t, event.data.orderId).depositPaid.push({ money: event.data.money, ref });
    if (event.type === 'OrderCompleted' && !event.data.paid && event.data.debt > 0)
      factsOf(t, event.data.orderId).completedUnpaid = { debt: event.data.debt, ref };
  };

  const applyMerge = (t: TenantAudit, mergeId: string, r: RecordedEvent<MergeEvent>) => {
    const record = foldMerge(t.merges, mergeId, r);
    if (record !== undefined)
      t.entries.push({
        at: r.metadata.occurredAt,
        actor: r.metadata.actor,
        event: refOf(r),
        summary: mergeSummary(record, r.event),
      });
  };

  /** Rules spanning order and wallet streams: judged on everything read so far. */
  const crossStream = (t: TenantAudit): Violation[] => {
    const out: Violation[] = [];
    for (const [orderId, f] of t.orders) {
      const paid = f.depositPaid.reduce((s, p) => s + p.money, 0);
      const debited = f.walletSpent.reduce((s, p) => s + p.amount, 0);
      if (paid > 0 && debited !== paid)
        out.push({
          rule: 'order.deposit_without_wallet_debit',
          message: `Order ${orderId} was paid ${paid} from the deposit, but its wallet debits add up to ${debited}.`,
          events: [...f.depositPaid.map((p) => p.ref), ...f.walletSpent.map((p) => p.ref)],
        });
      const recorded = f.debtRecorded.reduce((s, d) => s + d.amount, 0);
      if (recorded > 0 && (f.completedUnpaid === undefined || f.completedUnpaid.debt !== recorded))
        out.push({
          rule: 'wallet.debt_without_unpaid_order',
          message:
            f.completedUnpaid === undefined
              ? `A debt of ${recorded} was recorded for order ${orderId}, which was never completed unpaid.`
              : `A debt of ${recorded} was recorded for order ${orderId}, which completed owing ${f.completedUnpaid.debt}.`,
          events: [
            ...f.debtRecorded.map((d) => d.ref),
            ...(f.completedUnpaid === undefined ? [] : [f.completedUnpaid.ref]),
          ],
        });
      if (f.completedUnpaid !== undefined && recorded === 0)
        out.push({
          rule: 'order.unpaid_without_debt',
          message: `Order ${orderId} completed owing ${f.completedUnpaid.debt}, but no debt was recorded on the customer's account.`,
          events: [f.completedUnpaid.ref],
        });
    }
    return out;
  };

  return {
    apply: (r) => {
      const t = tenantOf(r.metadata.tenantId);
      const stream = parseStreamName(r.streamName);
      if (walletEvents.has(r.event.type)) applyWallet(t, r as RecordedEvent<WalletEvent>);
      else if (orderEvents.has(r.event.type)) applyOrder(t, r as RecordedEvent<OrderEvent>);
      else if (mergeEvents.has(r.event.type) && stream?.category === 'merge')
        applyMerge(t, stream.id, r as RecordedEvent<MergeEvent>);
      else registry?.apply(r as RecordedEvent<CustomerEvent | ReservationEvent>);
    },
    entries: (tenantId) => [...(tenants.get(tenantId)?.entries ?? [])],
    violations: (tenantId) => {
      const t = tenants.get(tenantId);
      return t === undefined
        ? []
        : [...t.violations, ...crossStream(t), ...(registry?.check(tenantId) ?? [])];
    },
    merges: (tenantId) => [...(tenants.get(tenantId)?.merges.values() ?? [])],
  };
};

/** The audit trail fed by the runner; give it a fresh checkpoint store to replay the whole log. */
export const auditTrailProjection = (
  options: AuditTrailOptions = {},
): Projection<AuditTrail, AuditedEvent> => ({
  name: 'audit-trail',
  version: 2,
  events: auditEvents,
  filter: {
    kind: 'streamPrefix',
    // Customer and reservation streams only matter to the identifier rule.
    prefixes: [
      'wallet-',
      'order-',
      'merge-',
      ...(options.identifiers === undefined ? [] : ['customer-', 'unique-']),
    ],
  },
  init: () => auditTrail(options),
  apply: (trail, recorded) => {
    trail.apply(recorded);
    return trail;
  },
});

import {
  walletEvents,
  type Actor,
  type OrderEvent,
  type Position,
  type RecordedEvent,
  type StreamRevision,
  type WalletEvent,
} from '@tillstream/domain';
import type { Projection } from '../runner';
import { movementOf, type Ledger } from '../wallet/movement';
import { walletViewEvents } from '../wallet/walletViews';

/** Where an event sits, so a person can open it. */
export interface EventRef {
  readonly streamName: string;
  readonly revision: StreamRevision;
  readonly position: Position;
  readonly type: string;
}

/** The invariants the audit re-checks while replaying. */
export type AuditRule =
  | 'wallet.balance_after_mismatch'
  | 'order.deposit_without_wallet_debit'
  | 'wallet.debt_without_unpaid_order'
  | 'order.unpaid_without_debt';

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
  readonly apply: (recorded: RecordedEvent<WalletEvent | OrderEvent>) => void;
  /** Order acts, wallet movements and merges, in log order. */
  readonly entries: (tenantId: string) => readonly AuditEntry[];
  /** Every broken invariant found so far (cross-stream rules are judged on the log read so far). */
  readonly violations: (tenantId: string) => readonly Violation[];
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
}

const refOf = (r: RecordedEvent): EventRef => ({
  streamName: r.streamName,
  revision: r.revision,
  position: r.position,
  type: r.event.type,
});

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
    default:
      return undefined;
  }
};

/** Creates an empty audit trail. */
export const auditTrail = (): AuditTrail => {
  const tenants = new Map<string, TenantAudit>();
  const tenantOf = (id: string): TenantAudit => {
    let t = tenants.get(id);
    if (t === undefined)
      tenants.set(id, (t = { entries: [], violations: [], ledgers: new Map(), orders: new Map() }));
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
      if (walletEvents.has(r.event.type)) applyWallet(t, r as RecordedEvent<WalletEvent>);
      else applyOrder(t, r as RecordedEvent<OrderEvent>);
    },
    entries: (tenantId) => [...(tenants.get(tenantId)?.entries ?? [])],
    violations: (tenantId) => {
      const t = tenants.get(tenantId);
      return t === undefined ? [] : [...t.violations, ...crossStream(t)];
    },
  };
};

/** The audit trail fed by the runner; give it a fresh checkpoint store to replay the whole log. */
export const auditTrailProjection = (): Projection<AuditTrail, WalletEvent | OrderEvent> => ({
  name: 'audit-trail',
  version: 1,
  events: walletViewEvents,
  filter: { kind: 'streamPrefix', prefixes: ['wallet-', 'order-'] },
  init: auditTrail,
  apply: (trail, recorded) => {
    trail.apply(recorded);
    return trail;
  },
});

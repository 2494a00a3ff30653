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
import { orderMovementViolations } from './matchOrderMovements';
import { foldMerge, mergeSummary, type MergeAudit } from './mergeAudit';
import { foldWalletCalls, noWalletCalls, type OrderWalletCalls } from './orderWalletCalls';
import type { Violation } from './violation';
import { walletOrderMovementOf, type WalletOrderMovement } from './walletOrderMovement';

export type { EventRef } from './eventRef';
export type { AuditRule, Violation } from './violation';

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
  /**
   * Keep the entries (default true). An audit that only judges violations turns them off: on a log
   * of millions of events they are most of the trail's heap, which every major collection marks.
   */
  readonly entries?: boolean;
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

/** One wallet stream as the trail replays it: its name is parsed once, not for every event. */
interface WalletLedgers {
  /** The stream's name as its first event gave it: every reference to its events shares it. */
  readonly streamName: string;
  readonly customerId: string;
  readonly ledgers: { [L in Ledger]?: { balance: number; last?: EventRef } };
}

// An entry as the trail keeps it: a merge step's words are made when it is applied (they name the
// merge as it stood then); an order or wallet act keeps only its recorded event, which the decoding
// made anyway (and shares, unchanged), and is put into words when the entries are read. Building
// the sentence, the reference and the entry for each of a log's hundreds of thousands of acts was
// most of the trail's allocation and model.
type KeptEntry = AuditEntry | RecordedEvent<WalletEvent | OrderEvent>;

interface TenantAudit {
  readonly entries: KeptEntry[];
  readonly violations: Violation[];
  /** Each wallet stream's customer, and the replayed balance and last event of each of its ledgers. */
  readonly wallets: Map<string, WalletLedgers>;
  /** What each order's events call for on the wallets. */
  readonly orders: Map<string, OrderWalletCalls>;
  /** Every wallet movement made for an order, in log order. */
  readonly orderMovements: WalletOrderMovement[];
  /** Merged-away customer → the customer its wallet went to. */
  readonly mergedInto: Map<string, string>;
  readonly merges: Map<string, MergeAudit>;
}

// The reference of an event of the stream `streamName` names, keeping that string rather than the
// event's own copy of the name: the trail keeps a reference per movement, so one name per stream
// instead of one per event. An event of another stream keeps its own name.
const refIn = (r: RecordedEvent, streamName: string): EventRef => ({
  streamName: r.streamName === streamName ? streamName : r.streamName,
  revision: r.revision,
  position: r.position,
  type: r.event.type,
});

const where = (ref: EventRef): string => `${ref.type} ${ref.streamName}@${ref.revision}`;

type OrderOf<K extends OrderEvent['type']> = Extract<OrderEvent, { readonly type: K }>;

// The order events that make an entry (the acts a person did to an order), and their words.
const orderWords: { readonly [K in OrderEvent['type']]?: (event: OrderOf<K>) => string } = {
  OrderAccepted: ({ data }) =>
    `accepted order ${data.orderId}: ${data.moneyDue} ${data.currency} and ${data.pointsDue} points due`,
  OrderCancelled: ({ data }) =>
    `cancelled order ${data.orderId}${data.reason === undefined ? '' : `: ${data.reason}`}`,
  OrderPaid: ({ data }) =>
    `order ${data.orderId} paid by ${data.method}: ${data.money} ${data.currency}, ${data.points} points`,
  OrderCompleted: ({ data }) =>
    `completed order ${data.orderId}${data.paid ? '' : `, unpaid: ${data.debt} ${data.currency} debt`}`,
  OrderVoided: ({ data }) =>
    `voided order ${data.orderId} (${data.reason}): ${data.depositReturned} returned to the wallet, ${data.refundDue} to refund, ${data.debtRemoved} debt removed`,
  OrderCustomerChanged: ({ data }) =>
    `moved order ${data.orderId} from ${data.fromCustomerId} to ${data.toCustomerId} (${data.reason})`,
  OrderMovedByMerge: ({ data }) =>
    `merge ${data.mergeId} moved order ${data.orderId} from ${data.fromCustomerId} to ${data.toCustomerId}`,
};

const orderSummary = (event: OrderEvent): string => {
  const words = orderWords[event.type] as ((e: OrderEvent) => string) | undefined;
  return words === undefined ? event.type : words(event);
};

const walletSummary = (event: WalletEvent): string => {
  if (event.type === 'WalletMergedInto')
    return `wallet merged into ${event.data.survivorCustomerId} (merge ${event.data.mergeId})`;
  const movement = movementOf(event);
  return movement === undefined
    ? event.type
    : `${movement.ledger} ${movement.change >= 0 ? '+' : ''}${movement.change} → ${movement.after} (${movement.source.kind})`;
};

/** A kept entry in words. */
const entryOf = (kept: KeptEntry): AuditEntry => {
  if (!('metadata' in kept)) return kept;
  const { event } = kept;
  return {
    at: kept.metadata.occurredAt,
    actor: kept.metadata.actor,
    event: refOf(kept),
    summary: walletEvents.has(event.type)
      ? walletSummary(event as WalletEvent)
      : orderSummary(event as OrderEvent),
  };
};

/** Creates an empty audit trail. */
export const auditTrail = (options: AuditTrailOptions = {}): AuditTrail => {
  const tenants = new Map<string, TenantAudit>();
  const registry = options.identifiers === undefined ? undefined : uniquenessRegistry(options.identifiers);
  const keepEntries = options.entries ?? true;
  const tenantOf = (id: string): TenantAudit => {
    let t = tenants.get(id);
    if (t === undefined)
      tenants.set(
        id,
        (t = {
          entries: [],
          violations: [],
          wallets: new Map(),
          orders: new Map(),
          orderMovements: [],
          mergedInto: new Map(),
          merges: new Map(),
        }),
      );
    return t;
  };
  const callsOf = (t: TenantAudit, orderId: string, streamName: string): OrderWalletCalls => {
    let c = t.orders.get(orderId);
    if (c === undefined) t.orders.set(orderId, (c = noWalletCalls(streamName)));
    return c;
  };

  const walletOf = (t: TenantAudit, streamName: string): WalletLedgers => {
    let w = t.wallets.get(streamName);
    if (w === undefined)
      t.wallets.set(
        streamName,
        (w = { streamName, customerId: parseStreamName(streamName)?.id ?? streamName, ledgers: {} }),
      );
    return w;
  };

  const applyWallet = (t: TenantAudit, r: RecordedEvent<WalletEvent>) => {
    const { event } = r;
    const wallet = walletOf(t, r.streamName);
    const ref = refIn(r, wallet.streamName);
    const { customerId } = wallet;
    if (event.type === 'WalletMergedInto') {
      t.mergedInto.set(customerId, event.data.survivorCustomerId);
      if (keepEntries) t.entries.push(r);
      return;
    }
    const movement = movementOf(event);
    if (movement === undefined) return;
    let ledger = wallet.ledgers[movement.ledger];
    if (ledger === undefined) wallet.ledgers[movement.ledger] = ledger = { balance: 0 };
    const replayed = ledger.balance + movement.change;
    if (replayed !== movement.after)
      t.violations.push({
        rule: 'wallet.balance_after_mismatch',
        message: `${where(ref)} says the ${movement.ledger} balance is ${movement.after} after it, but replaying the ledger gives ${replayed}.`,
        events: ledger.last === undefined ? [ref] : [ledger.last, ref],
      });
    // Carry on from the replayed balance, so one bad event is reported once, not on every later event.
    // Updated in place: a new record per wallet event was garbage on every one.
    ledger.balance = replayed;
    ledger.last = ref;
    if (keepEntries) t.entries.push(r);
    const forOrder = walletOrderMovementOf(r, customerId, ref);
    if (forOrder !== undefined) t.orderMovements.push(forOrder);
  };

  const applyOrder = (t: TenantAudit, r: RecordedEvent<OrderEvent>) => {
    const { event } = r;
    if (keepEntries && orderWords[event.type] !== undefined) t.entries.push(r);
    const calls = callsOf(t, event.data.orderId, r.streamName);
    foldWalletCalls(calls, event, refIn(r, calls.streamName));
  };

  const applyMerge = (t: TenantAudit, mergeId: string, r: RecordedEvent<MergeEvent>) => {
    const record = foldMerge(t.merges, mergeId, r);
    if (record !== undefined && keepEntries)
      t.entries.push({
        at: r.metadata.occurredAt,
        actor: r.metadata.actor,
        event: refOf(r),
        summary: mergeSummary(record, r.event),
      });
  };

  return {
    apply: (r) => {
      const t = tenantOf(r.metadata.tenantId);
      if (walletEvents.has(r.event.type)) applyWallet(t, r as RecordedEvent<WalletEvent>);
      else if (orderEvents.has(r.event.type)) applyOrder(t, r as RecordedEvent<OrderEvent>);
      else {
        // Parsed only here: wallet events parse their own stream name, order events need none.
        const stream = mergeEvents.has(r.event.type) ? parseStreamName(r.streamName) : undefined;
        if (stream?.category === 'merge') applyMerge(t, stream.id, r as RecordedEvent<MergeEvent>);
        else registry?.apply(r as RecordedEvent<CustomerEvent | ReservationEvent>);
      }
    },
    entries: (tenantId) => (tenants.get(tenantId)?.entries ?? []).map(entryOf),
    violations: (tenantId) => {
      const t = tenants.get(tenantId);
      return t === undefined
        ? []
        : [
            ...t.violations,
            // Spans order and wallet streams: judged on everything read so far.
            ...orderMovementViolations(t.orders, t.orderMovements, t.mergedInto),
            ...(registry?.check(tenantId) ?? []),
          ];
    },
    merges: (tenantId) => [...(tenants.get(tenantId)?.merges.values() ?? [])],
  };
};

/** The audit trail fed by the runner; give it a fresh checkpoint store to replay the whole log. */
export const auditTrailProjection = (
  options: AuditTrailOptions = {},
): Projection<AuditTrail, AuditedEvent> => ({
  name: 'audit-trail',
  version: 3,
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

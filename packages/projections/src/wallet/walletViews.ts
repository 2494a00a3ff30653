import {
  combineCatalogs,
  orderEvents,
  parseStreamName,
  walletEvents,
  type EventCatalog,
  type OrderEvent,
  type RecordedEvent,
  type WalletEvent,
} from '@tillstream/domain';
import type { Projection } from '../runner';
import { movementOf, type Movement } from './movement';

/** A movement in a customer's history, with when, by whom and where it is recorded. */
export interface HistoryEntry extends Movement {
  readonly at: string;
  readonly actor: RecordedEvent['metadata']['actor'];
  readonly eventType: string;
  readonly streamName: string;
  readonly revision: bigint;
}

/** A customer's wallet as a till shows it. */
export interface WalletSummary {
  readonly customerId: string;
  readonly balance: number;
  readonly points: number;
  readonly debt: number;
  /** Every movement, oldest first. */
  readonly history: readonly HistoryEntry[];
  readonly mergedInto?: string;
}

/** An order in a customer's purchase history. */
export interface Purchase {
  readonly orderId: string;
  /** Who placed it: the customer itself or one merged into it. */
  readonly placedBy: string;
  readonly placedAt: string;
  readonly money: number;
  readonly points: number;
  readonly currency: string;
  readonly status: 'placed' | 'accepted' | 'paid' | 'completed' | 'cancelled' | 'voided';
  readonly paid: boolean;
}

/** Wallet and purchase views of every tenant. */
export interface WalletViews {
  readonly apply: (recorded: RecordedEvent<WalletEvent | OrderEvent>) => void;
  /** The wallet of a customer (empty when it has no movements). */
  readonly wallet: (tenantId: string, customerId: string) => WalletSummary;
  /** The customer's orders, including those of customers merged into it, oldest first. */
  readonly purchases: (tenantId: string, customerId: string) => readonly Purchase[];
}

interface MutableWallet {
  balance: number;
  points: number;
  debt: number;
  /**
   * The movement events themselves (the decoding made them anyway, and shares them unchanged):
   * a history entry is built when the wallet is read, not kept for each of a log's movements.
   */
  readonly history: RecordedEvent<WalletEvent>[];
  mergedInto?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Tenant {
  readonly wallets: Map<string, MutableWallet>;
  /** Changed in place: `purchases` hands out copies. */
  readonly orders: Map<string, Mutable<Purchase> & { customerId: string }>;
  readonly survivorOf: Map<string, string>;
}

/** The events the wallet views read. */
export const walletViewEvents = combineCatalogs<WalletEvent | OrderEvent>(
  walletEvents as EventCatalog<WalletEvent | OrderEvent>,
  orderEvents as EventCatalog<WalletEvent | OrderEvent>,
);

const isWalletEvent = (event: WalletEvent | OrderEvent): event is WalletEvent => walletEvents.has(event.type);

/** A movement event as its history entry (spelled out: one object shape for every entry). */
const historyEntryOf = (recorded: RecordedEvent<WalletEvent>, movement: Movement): HistoryEntry => ({
  ledger: movement.ledger,
  change: movement.change,
  after: movement.after,
  source: movement.source,
  at: recorded.metadata.occurredAt,
  actor: recorded.metadata.actor,
  eventType: recorded.event.type,
  streamName: recorded.streamName,
  revision: recorded.revision,
});

const historyOf = (events: readonly RecordedEvent<WalletEvent>[]): HistoryEntry[] =>
  events.flatMap((recorded) => {
    const movement = movementOf(recorded.event);
    return movement === undefined ? [] : [historyEntryOf(recorded, movement)];
  });

/** Creates empty views. */
export const walletViews = (): WalletViews => {
  const tenants = new Map<string, Tenant>();
  const tenantOf = (id: string): Tenant => {
    let t = tenants.get(id);
    if (t === undefined)
      tenants.set(id, (t = { wallets: new Map(), orders: new Map(), survivorOf: new Map() }));
    return t;
  };
  const walletOf = (t: Tenant, customerId: string): MutableWallet => {
    let w = t.wallets.get(customerId);
    if (w === undefined) t.wallets.set(customerId, (w = { balance: 0, points: 0, debt: 0, history: [] }));
    return w;
  };
  const resolve = (t: Tenant, id: string): string => {
    let current = id;
    for (let hops = 0; hops <= t.survivorOf.size; hops++) {
      const next = t.survivorOf.get(current);
      if (next === undefined) return current;
      current = next;
    }
    return current;
  };

  const applyWallet = (t: Tenant, recorded: RecordedEvent<WalletEvent>) => {
    const customerId = parseStreamName(recorded.streamName)?.id;
    if (customerId === undefined) return;
    const wallet = walletOf(t, customerId);
    const { event } = recorded;
    if (event.type === 'WalletMergedInto') {
      wallet.mergedInto = event.data.survivorCustomerId;
      t.survivorOf.set(customerId, event.data.survivorCustomerId);
      return;
    }
    const movement = movementOf(event);
    if (movement === undefined) return;
    // The ledger follows the event's own balance-after; the audit trail checks it adds up.
    if (movement.ledger === 'money') wallet.balance = movement.after;
    else if (movement.ledger === 'points') wallet.points = movement.after;
    else wallet.debt = movement.after;
    wallet.history.push(recorded);
  };

  const applyOrder = (t: Tenant, recorded: RecordedEvent<OrderEvent>) => {
    const { event } = recorded;
    if (event.type === 'OrderPlaced') {
      const d = event.data;
      t.orders.set(d.orderId, {
        orderId: d.orderId,
        customerId: d.customerId,
        placedBy: d.customerId,
        placedAt: recorded.metadata.occurredAt,
        money: d.totals.money,
        points: d.totals.points,
        currency: d.currency,
        status: 'placed',
        paid: false,
      });
      return;
    }
    const order = t.orders.get(event.data.orderId);
    if (order === undefined) return;
    switch (event.type) {
      case 'OrderAccepted':
        order.status = 'accepted';
        return;
      case 'OrderPaid':
        if (order.status !== 'completed') order.status = 'paid';
        order.paid = true;
        return;
      case 'OrderCompleted':
        order.status = 'completed';
        order.paid = event.data.paid;
        return;
      case 'OrderCancelled':
        order.status = 'cancelled';
        return;
      case 'OrderVoided':
        order.status = 'voided';
        return;
      case 'OrderCustomerChanged':
      case 'OrderMovedByMerge':
        order.customerId = event.data.toCustomerId;
        return;
      default:
        return;
    }
  };

  return {
    apply: (recorded) => {
      const t = tenantOf(recorded.metadata.tenantId);
      if (isWalletEvent(recorded.event)) applyWallet(t, recorded as RecordedEvent<WalletEvent>);
      else applyOrder(t, recorded as RecordedEvent<OrderEvent>);
    },
    wallet: (tenantId, customerId) => {
      const w = tenants.get(tenantId)?.wallets.get(customerId);
      const base = {
        customerId,
        balance: w?.balance ?? 0,
        points: w?.points ?? 0,
        debt: w?.debt ?? 0,
        history: historyOf(w?.history ?? []),
      };
      return w?.mergedInto === undefined ? base : { ...base, mergedInto: w.mergedInto };
    },
    purchases: (tenantId, customerId) => {
      const t = tenants.get(tenantId);
      if (t === undefined) return [];
      return [...t.orders.values()]
        .filter((o) => resolve(t, o.customerId) === customerId)
        .map(({ customerId: _c, ...purchase }) => purchase)
        .sort((a, b) => a.placedAt.localeCompare(b.placedAt));
    },
  };
};

/** The wallet views fed by the runner from wallet and order events (in memory). */
export const walletViewsProjection = (): Projection<WalletViews, WalletEvent | OrderEvent> => ({
  name: 'wallet-views',
  version: 1,
  events: walletViewEvents,
  filter: { kind: 'streamPrefix', prefixes: ['wallet-', 'order-'] },
  init: walletViews,
  apply: (views, recorded) => {
    views.apply(recorded);
    return views;
  },
});

import {
  appended,
  evolveOrder,
  initialOrderState,
  lifecycleOf,
  type OrderEvent,
  type OrderState,
  type RecordedEvent,
  type StoredEvent,
} from '@tillstream/domain';
import type { Placed } from './auditPart';

/** One step of an order's life: when, who, what, and the money it names (minor units). */
export interface OrderStep {
  readonly at: string;
  readonly actor: string;
  readonly what: string;
  readonly amount?: number;
}

/** An order as the replay left it. */
export interface OrderSummary {
  readonly tenantId: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly status: string;
  readonly currency: string;
  readonly steps: readonly OrderStep[];
}

// The step is built whole (no spread of a partial step): one object per order event of the log.
// `text` gives back the one kept copy of a text.
const stepOf = (at: string, actor: string, event: OrderEvent, text: (what: string) => string): OrderStep => {
  switch (event.type) {
    case 'OrderPlaced': {
      const { totals, paymentMethod } = event.data;
      const pts = totals.points > 0 ? ` + ${totals.points} points` : '';
      return { at, actor, what: text(`placed, to pay by ${paymentMethod}${pts}`), amount: totals.money };
    }
    case 'OrderAccepted':
      return { at, actor, what: 'accepted: invoice', amount: event.data.moneyDue };
    case 'OrderCancelled':
      return {
        at,
        actor,
        what: text(`cancelled${event.data.reason === undefined ? '' : `: ${event.data.reason}`}`),
      };
    case 'OrderLineDelivered':
      return { at, actor, what: text(`line ${event.data.lineId} delivered`) };
    case 'OrderPaymentStarted':
      return {
        at,
        actor,
        what: text(`payment ${event.data.paymentNumber} started by ${event.data.method}`),
        amount: event.data.money,
      };
    case 'OrderPaid':
      return { at, actor, what: text(`paid by ${event.data.method}`), amount: event.data.money };
    case 'OrderPaymentFailed':
      return {
        at,
        actor,
        what: text(`payment ${event.data.paymentNumber} failed: ${event.data.code}`),
      };
    case 'OrderCompleted':
      return event.data.paid
        ? { at, actor, what: 'completed' }
        : { at, actor, what: 'completed unpaid: debt', amount: event.data.debt };
    case 'OrderVoided':
      return {
        at,
        actor,
        what: text(
          `voided (${event.data.reason}): deposit returned ${event.data.depositReturned}, refund due`,
        ),
        amount: event.data.refundDue,
      };
    case 'OrderCustomerChanged':
      return {
        at,
        actor,
        what: `moved from ${event.data.fromCustomerId} to ${event.data.toCustomerId}: debt`,
        amount: event.data.debtMoved,
      };
    case 'OrderMovedByMerge':
      return {
        at,
        actor,
        what: `moved by merge ${event.data.mergeId} from ${event.data.fromCustomerId} to ${event.data.toCustomerId}`,
      };
  }
};

// How many distinct step texts a ledger keeps shared.
const MAX_TEXTS = 10_000;
// Up to this many steps an order's list is copied to its exact length on each step.
const EXACT_STEPS = 12;

interface Running {
  /** The line of the order's first event. */
  readonly line: number;
  readonly tenantId: string;
  state: OrderState;
  /** Every customer that held it: one or two (a list, not a set per order). */
  customers: readonly string[];
  steps: OrderStep[];
}

/** The orders of the log, folded by the order's own `evolve`, each with its lifecycle. */
export interface OrderLedger {
  /** `line` places the event in the log (a line number, or its index in the log read). */
  readonly apply: (recorded: RecordedEvent<OrderEvent>, stored: StoredEvent, line: number) => void;
  /** Orders in the order their first events were read, optionally only those a customer ever held. */
  readonly summaries: (customerId?: string) => readonly Placed<OrderSummary>[];
}

/** A fresh order ledger. */
export const orderLedger = (): OrderLedger => {
  const orders = new Map<string, Running>();
  // Every step is kept for the report: one string per actor, and the instant of the step before when it
  // is the same, rather than the strings of every event (a large log's steps ran to hundreds of thousands).
  const actors = new Map<string, Map<string, string>>();
  const actorOf = (role: string, id: string): string => {
    let ids = actors.get(role);
    if (ids === undefined) actors.set(role, (ids = new Map()));
    let name = ids.get(id);
    if (name === undefined) ids.set(id, (name = `${role}:${id}`));
    return name;
  };
  let lastAt = '';
  // Step texts repeat ("paid by deposit", "payment 1 started by card"): each distinct text is kept once,
  // the first up to a bound (texts naming ids, such as a move between customers, rarely repeat).
  const texts = new Map<string, string>();
  const textOf = (what: string): string => {
    const known = texts.get(what);
    if (known !== undefined) return known;
    if (texts.size < MAX_TEXTS) texts.set(what, what);
    return what;
  };
  // Most orders keep one customer and a handful of steps: their lists are exactly that long. Past a
  // few steps, `push` again, so a long order's steps still grow in amortised constant time.
  const held = (o: Running, customerId: string) => {
    if (!o.customers.includes(customerId)) o.customers = appended(o.customers, customerId);
  };
  const addStep = (o: Running, step: OrderStep) => {
    if (o.steps.length < EXACT_STEPS) o.steps = appended(o.steps, step);
    else o.steps.push(step);
  };
  return {
    apply: ({ event }, stored, line) => {
      let o = orders.get(stored.streamName);
      if (o === undefined) {
        o = {
          line,
          tenantId: stored.metadata.tenantId,
          state: initialOrderState(),
          customers: [],
          steps: [],
        };
        orders.set(stored.streamName, o);
      }
      o.state = evolveOrder(o.state, event);
      if ('customerId' in event.data) held(o, event.data.customerId);
      if (event.type === 'OrderCustomerChanged' || event.type === 'OrderMovedByMerge')
        held(o, event.data.toCustomerId);
      const { occurredAt, actor } = stored.metadata;
      if (occurredAt !== lastAt) lastAt = occurredAt;
      addStep(o, stepOf(lastAt, actorOf(actor.role, actor.id), event, textOf));
    },
    summaries: (customerId) =>
      [...orders.entries()]
        .filter(([, o]) => customerId === undefined || o.customers.includes(customerId))
        .map(([stream, o]) => ({
          line: o.line,
          value: {
            tenantId: o.tenantId,
            orderId: o.state.status === 'absent' ? stream : o.state.orderId,
            customerId: o.state.status === 'absent' ? '' : o.state.customerId,
            status: lifecycleOf(o.state),
            currency: o.state.status === 'absent' ? '' : o.state.currency,
            steps: o.steps,
          },
        })),
  };
};

import type { OrderEvent, OrderPaid, OrderPaymentStarted, OrderPlaced, PaymentMethod } from './orderEvents';
import type { OrderLine } from './orderLine';
import type { OrderTotals } from './pricing';
import { appended, joined } from '../kernel/exactLists';

/** Where an order is in its lifecycle; every refusal for the wrong moment names one of these. */
export type OrderLifecycle =
  | 'absent'
  | 'placed'
  | 'cancelled'
  | 'accepted'
  | 'payment_pending'
  | 'paid'
  | 'completed_unpaid'
  | 'completed'
  | 'voided';

/** An order that exists. */
export interface ExistingOrder {
  readonly status: 'placed' | 'cancelled' | 'accepted' | 'completed' | 'voided';
  readonly orderId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly paymentMethod: PaymentMethod;
  readonly lines: readonly OrderLine[];
  readonly totals: OrderTotals;
  readonly delivered: readonly string[];
  /** Set once accepted: what the invoice asks for. */
  readonly invoice?: { readonly moneyDue: number; readonly pointsDue: number };
  readonly pendingPayment?: OrderPaymentStarted['data'];
  readonly payment?: OrderPaid['data'];
  readonly paymentsStarted: number;
  /** Debt this order holds on its customer's receivable now. */
  readonly debt: number;
  readonly customerChanges: number;
}

/** An order stream folded. */
export type OrderState = { readonly status: 'absent' } | ExistingOrder;

/** The state of a stream with no events. */
export const initialOrderState = (): OrderState => ({ status: 'absent' });

/** The lifecycle name of a state. */
export const lifecycleOf = (state: OrderState): OrderLifecycle => {
  if (state.status === 'absent') return 'absent';
  if (state.pendingPayment !== undefined) return 'payment_pending';
  if (state.status === 'accepted') return state.payment === undefined ? 'accepted' : 'paid';
  if (state.status === 'completed') return state.payment === undefined ? 'completed_unpaid' : 'completed';
  return state.status;
};

const placed = (data: OrderPlaced['data']): ExistingOrder => ({
  status: 'placed',
  orderId: data.orderId,
  customerId: data.customerId,
  currency: data.currency,
  paymentMethod: data.paymentMethod,
  lines: data.lines,
  totals: data.totals,
  delivered: [],
  paymentsStarted: 0,
  debt: 0,
  customerChanges: 0,
});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A fresh copy of the order for one event to change, built field by field: spreading the state
 * (`{ ...state, … }`) or dropping a field by rest destructuring made V8 copy it the slow way
 * (several µs an event). The copy is changed only before `evolveOrder` returns it.
 */
const copy = (s: ExistingOrder, keepPending: boolean): Mutable<ExistingOrder> => {
  const next: Mutable<ExistingOrder> = {
    status: s.status,
    orderId: s.orderId,
    customerId: s.customerId,
    currency: s.currency,
    paymentMethod: s.paymentMethod,
    lines: s.lines,
    totals: s.totals,
    delivered: s.delivered,
    paymentsStarted: s.paymentsStarted,
    debt: s.debt,
    customerChanges: s.customerChanges,
  };
  if (s.invoice !== undefined) next.invoice = s.invoice;
  if (keepPending && s.pendingPayment !== undefined) next.pendingPayment = s.pendingPayment;
  if (s.payment !== undefined) next.payment = s.payment;
  return next;
};

/** Folds one event into the state. */
export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  if (event.type === 'OrderPlaced') return placed(event.data);
  if (state.status === 'absent') return state;
  const paymentSettled = event.type === 'OrderPaid' || event.type === 'OrderPaymentFailed';
  const next = copy(state, !paymentSettled);
  switch (event.type) {
    case 'OrderAccepted':
      next.status = 'accepted';
      next.invoice = { moneyDue: event.data.moneyDue, pointsDue: event.data.pointsDue };
      break;
    case 'OrderCancelled':
      next.status = 'cancelled';
      break;
    case 'OrderLineDelivered':
      next.delivered = appended(state.delivered, event.data.lineId);
      break;
    case 'OrderPaymentStarted':
      next.pendingPayment = event.data;
      next.paymentsStarted = event.data.paymentNumber;
      break;
    case 'OrderPaid':
      next.payment = event.data;
      next.debt = state.debt - event.data.debtSettled;
      break;
    case 'OrderPaymentFailed':
      break;
    case 'OrderCompleted':
      next.status = 'completed';
      next.delivered = joined(state.delivered, event.data.deliveredLineIds);
      next.debt = event.data.debt;
      break;
    case 'OrderVoided':
      next.status = 'voided';
      next.debt = 0;
      break;
    case 'OrderCustomerChanged':
      next.customerId = event.data.toCustomerId;
      next.customerChanges = event.data.changeNumber;
      break;
    case 'OrderMovedByMerge':
      next.customerId = event.data.toCustomerId;
      break;
  }
  return next;
};

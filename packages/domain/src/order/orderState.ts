import type { OrderEvent, OrderPaid, OrderPaymentStarted, OrderPlaced, PaymentMethod } from './orderEvents';
import type { OrderLine } from './orderLine';
import type { OrderTotals } from './pricing';

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

const withoutPending = (state: ExistingOrder): ExistingOrder => {
  const { pendingPayment: _done, ...rest } = state;
  return rest;
};

/** Folds one event into the state. */
export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  if (event.type === 'OrderPlaced') return placed(event.data);
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'OrderAccepted':
      return {
        ...state,
        status: 'accepted',
        invoice: { moneyDue: event.data.moneyDue, pointsDue: event.data.pointsDue },
      };
    case 'OrderCancelled':
      return { ...state, status: 'cancelled' };
    case 'OrderLineDelivered':
      return { ...state, delivered: [...state.delivered, event.data.lineId] };
    case 'OrderPaymentStarted':
      return { ...state, pendingPayment: event.data, paymentsStarted: event.data.paymentNumber };
    case 'OrderPaid':
      return { ...withoutPending(state), payment: event.data, debt: state.debt - event.data.debtSettled };
    case 'OrderPaymentFailed':
      return withoutPending(state);
    case 'OrderCompleted':
      return {
        ...state,
        status: 'completed',
        delivered: [...state.delivered, ...event.data.deliveredLineIds],
        debt: event.data.debt,
      };
    case 'OrderVoided':
      return { ...state, status: 'voided', debt: 0 };
    case 'OrderCustomerChanged':
      return { ...state, customerId: event.data.toCustomerId, customerChanges: event.data.changeNumber };
    case 'OrderMovedByMerge':
      return { ...state, customerId: event.data.toCustomerId };
  }
};

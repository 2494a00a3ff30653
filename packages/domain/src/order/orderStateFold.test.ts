import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import type { OrderEvent } from './orderEvents';
import type { ExistingOrder, OrderState } from './orderState';
import { evolveOrder, initialOrderState } from './orderState';

// The fold as first written, by spreading: the specification the field-by-field fold must match.
const spreadFold = (state: OrderState, event: OrderEvent): OrderState => {
  if (event.type === 'OrderPlaced')
    return {
      status: 'placed',
      orderId: event.data.orderId,
      customerId: event.data.customerId,
      currency: event.data.currency,
      paymentMethod: event.data.paymentMethod,
      lines: event.data.lines,
      totals: event.data.totals,
      delivered: [],
      paymentsStarted: 0,
      debt: 0,
      customerChanges: 0,
    };
  if (state.status === 'absent') return state;
  const withoutPending = (s: ExistingOrder): ExistingOrder => {
    const { pendingPayment: _done, ...rest } = s;
    return rest;
  };
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

const amount = fc.integer({ min: 0, max: 10_000 });
const id = fc.constantFrom('a', 'b', 'c');
// Only the fields the fold reads; the rest of each event's data does not reach the state.
const anyEvent: fc.Arbitrary<OrderEvent> = fc.oneof(
  fc.record({ orderId: id, customerId: id }).map(
    (d) =>
      ({
        type: 'OrderPlaced',
        data: {
          ...d,
          currency: 'PLN',
          paymentMethod: 'deposit',
          lines: [],
          discountRules: [],
          totals: { money: 0 },
          rounding: 'none',
        },
      }) as unknown as OrderEvent,
  ),
  fc
    .record({ moneyDue: amount, pointsDue: amount })
    .map((d) => ({ type: 'OrderAccepted', data: d }) as unknown as OrderEvent),
  fc.constant({ type: 'OrderCancelled', data: {} } as unknown as OrderEvent),
  id.map((lineId) => ({ type: 'OrderLineDelivered', data: { lineId } }) as unknown as OrderEvent),
  fc
    .nat(5)
    .map(
      (paymentNumber) => ({ type: 'OrderPaymentStarted', data: { paymentNumber } }) as unknown as OrderEvent,
    ),
  amount.map((debtSettled) => ({ type: 'OrderPaid', data: { debtSettled } }) as unknown as OrderEvent),
  fc.constant({ type: 'OrderPaymentFailed', data: {} } as unknown as OrderEvent),
  fc
    .record({ deliveredLineIds: fc.array(id, { maxLength: 3 }), debt: amount })
    .map((d) => ({ type: 'OrderCompleted', data: d }) as unknown as OrderEvent),
  fc.constant({ type: 'OrderVoided', data: {} } as unknown as OrderEvent),
  fc
    .record({ toCustomerId: id, changeNumber: fc.nat(5) })
    .map((d) => ({ type: 'OrderCustomerChanged', data: d }) as unknown as OrderEvent),
  id.map((toCustomerId) => ({ type: 'OrderMovedByMerge', data: { toCustomerId } }) as unknown as OrderEvent),
);

describe('evolveOrder', () => {
  it('folds every sequence of events to the state the spreading fold gives, with no extra or missing field', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 12 }), (events) => {
        const folded = events.reduce(evolveOrder, initialOrderState());
        const expected = events.reduce(spreadFold, initialOrderState());
        expect(folded).toStrictEqual(expected);
        expect(Object.keys(folded).sort()).toEqual(Object.keys(expected).sort());
      }),
      { numRuns: 500 },
    );
  });

  it('never changes the state it is given', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { minLength: 1, maxLength: 12 }), (events) => {
        const before = events.slice(0, -1).reduce(evolveOrder, initialOrderState());
        const snapshot = structuredClone(before);
        evolveOrder(before, events[events.length - 1] as OrderEvent);
        expect(before).toEqual(snapshot);
      }),
    );
  });
});

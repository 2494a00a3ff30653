import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { deciderSpecification } from '../testing/deciderSpecification';
import type { OrderCommand, RequestedLine } from './orderCommands';
import { orderDecider } from './orderDecider';
import type { OrderEvent, OrderPlaced } from './orderEvents';
import type { ExistingOrder, OrderState } from './orderState';
import { alice, meta, placeOrder, regulars } from './testKit';

const spec = deciderSpecification(orderDecider);
const cola: RequestedLine = { productId: 'cola', quantity: 2, payWith: 'money' };
const playWithPoints: RequestedLine = { productId: 'play-3h', quantity: 1, payWith: 'points' };
const combo: RequestedLine = { productId: 'gamer-combo', quantity: 1, payWith: 'money' };

const run = (commands: readonly OrderCommand[]): readonly OrderEvent[] =>
  commands.reduce<readonly OrderEvent[]>((events, c) => {
    const decided = orderDecider.decide(c, events.reduce(orderDecider.evolve, orderDecider.initialState()));
    if (E.isLeft(decided)) throw decided.left;
    return [...events, ...decided.right];
  }, []);
const stateOf = (events: readonly OrderEvent[]): ExistingOrder => {
  const s: OrderState = events.reduce(orderDecider.evolve, orderDecider.initialState());
  if (s.status === 'absent') throw new Error('no order');
  return s;
};
const op = <T extends OrderCommand['type']>(type: T, data: object): OrderCommand =>
  ({ type, data: { orderId: 'o1', ...data }, metadata: meta() }) as OrderCommand;
const placed = () => run([placeOrder([cola, playWithPoints, combo], { discountRules: [regulars] })]);
const accepted = () => [...placed(), ...acceptOn(placed())];
const acceptOn = (given: readonly OrderEvent[]) => {
  const d = orderDecider.decide(op('AcceptOrder', {}), stateOf(given));
  if (E.isLeft(d)) throw d.left;
  return d.right;
};
const after = (given: readonly OrderEvent[], ...commands: OrderCommand[]): readonly OrderEvent[] =>
  commands.reduce<readonly OrderEvent[]>((events, c) => {
    const d = orderDecider.decide(c, stateOf(events));
    if (E.isLeft(d)) throw d.left;
    return [...events, ...d.right];
  }, given);

describe('placing an order', () => {
  it('prices every line from the catalogue with the best rule and records the bill', () => {
    const [event] = placed() as [OrderPlaced];
    expect(event.data.lines).toEqual([
      expect.objectContaining({
        lineId: '1',
        payWith: 'money',
        unitPrice: 250,
        listPrice: 500,
        discount: 25,
        netPrice: 475,
        rule: regulars,
      }),
      expect.objectContaining({
        lineId: '2',
        kind: 'time_package',
        payWith: 'points',
        unitPoints: 90,
        points: 90,
      }),
      expect.objectContaining({
        lineId: '3',
        kind: 'composite',
        components: [
          { productId: 'cola', quantity: 1 },
          { productId: 'chips', quantity: 1 },
        ],
        listPrice: 399,
        discount: 20,
        netPrice: 379,
      }),
    ]);
    expect(event.data.totals).toEqual({ listPrice: 899, discount: 45, money: 854, points: 90 });
    expect(event.data.discountRules).toEqual([regulars]);
    expect(event.data.rounding).toContain('half-up');
  });

  it('lets a customer order for itself only', () => {
    spec
      .given([])
      .when(placeOrder([cola], { actor: alice, customerId: 'bob' }))
      .thenFails('order.customer_for_itself_only');
    spec
      .given([])
      .when(placeOrder([cola], { actor: alice }))
      .thenState((s) => expect(s.status).toBe('placed'));
  });

  it.each([alice, meta().actor])('refuses a line carrying a price, whoever sends it ($role)', (actor) => {
    const cheap = { ...cola, unitPrice: 1 } as RequestedLine;
    const error = spec
      .given([])
      .when(placeOrder([cheap], { actor }))
      .thenFails('order.line.price_not_accepted');
    expect(error.details).toMatchObject({ field: 'lines.0.unitPrice', value: 1 });
  });

  it('keeps products that are not customer-orderable off the customer screen, not off the counter', () => {
    const energy: RequestedLine = { productId: 'energy', quantity: 1, payWith: 'money' };
    spec
      .given([])
      .when(placeOrder([energy], { actor: alice }))
      .thenFails('order.line.not_orderable_by_customer');
    spec
      .given([])
      .when(placeOrder([energy]))
      .thenState((s) => expect(s.status).toBe('placed'));
  });

  it('refuses points for a product that does not allow them, unknown products and bad quantities', () => {
    spec
      .given([])
      .when(placeOrder([{ productId: 'chips', quantity: 1, payWith: 'points' }]))
      .thenFails('order.line.points_not_allowed');
    spec
      .given([])
      .when(placeOrder([{ productId: 'caviar', quantity: 1, payWith: 'money' }]))
      .thenFails('order.line.unknown_product');
    spec
      .given([])
      .when(placeOrder([{ ...cola, quantity: 0 }]))
      .thenFails('order.line.quantity_invalid');
    spec.given([]).when(placeOrder([])).thenFails('order.lines.empty');
  });

  it('keeps the note for the operator', () => {
    spec
      .given([])
      .when(placeOrder([cola], { note: 'no ice please' }))
      .thenState((s) => {
        expect(s.status !== 'absent' && s.lines).toHaveLength(1);
      });
    expect(
      E.isRight(orderDecider.decide(placeOrder([cola], { note: '' }), orderDecider.initialState())),
    ).toBe(false);
  });
});

describe('after placing', () => {
  it('issues an invoice for the money and the points due on acceptance', () => {
    expect(acceptOn(placed())).toEqual([
      {
        type: 'OrderAccepted',
        data: { orderId: 'o1', customerId: 'alice', moneyDue: 854, pointsDue: 90, currency: 'EUR' },
      },
    ]);
  });

  it('lets only staff act on an order', () => {
    spec
      .given(placed())
      .when({ type: 'AcceptOrder', data: { orderId: 'o1' }, metadata: meta(alice) })
      .thenFails('order.staff_only');
  });

  it('delivers one line at a time, each once, and only lines of the order', () => {
    const given = accepted();
    spec
      .given(given)
      .when(op('DeliverOrderLine', { lineId: '2' }))
      .then([{ type: 'OrderLineDelivered', data: { orderId: 'o1', lineId: '2' } }]);
    spec
      .given(after(given, op('DeliverOrderLine', { lineId: '2' })))
      .when(op('DeliverOrderLine', { lineId: '2' }))
      .thenFails('order.line.already_delivered');
    spec
      .given(given)
      .when(op('DeliverOrderLine', { lineId: '9' }))
      .thenFails('order.line.unknown');
  });

  it('pays the whole invoice: money by the chosen method, points lines by points', () => {
    spec
      .given(accepted())
      .when(op('PayOrder', { method: 'card', pointsToEarn: 8 }))
      .then([
        {
          type: 'OrderPaymentStarted',
          data: {
            orderId: 'o1',
            paymentNumber: 1,
            customerId: 'alice',
            method: 'card',
            money: 854,
            currency: 'EUR',
            pointsLines: [{ lineId: '2', points: 90 }],
            points: 90,
            pointsToEarn: 8,
            debtToSettle: 0,
          },
        },
      ]);
  });

  it('numbers a new payment after a failed one', () => {
    const failed = after(
      accepted(),
      op('PayOrder', { method: 'deposit', pointsToEarn: 8 }),
      op('FailOrderPayment', { paymentNumber: 1, code: 'wallet.insufficient_funds', reason: 'short' }),
    );
    spec
      .given(failed)
      .when(op('PayOrder', { method: 'cash', pointsToEarn: 8 }))
      .thenState((s) => {
        expect(s.status !== 'absent' && s.pendingPayment?.paymentNumber).toBe(2);
      });
    spec
      .given(after(accepted(), op('PayOrder', { method: 'cash', pointsToEarn: 0 })))
      .when(op('ConfirmOrderPayment', { paymentNumber: 7 }))
      .thenFails('order.payment.not_pending');
  });

  it('completes by delivering what was left; unpaid, the invoice becomes debt', () => {
    const given = after(accepted(), op('DeliverOrderLine', { lineId: '1' }));
    spec
      .given(given)
      .when(op('CompleteOrder', {}))
      .then([
        {
          type: 'OrderCompleted',
          data: {
            orderId: 'o1',
            customerId: 'alice',
            deliveredLineIds: ['2', '3'],
            paid: false,
            debt: 854,
            currency: 'EUR',
          },
        },
      ]);
  });

  it('settles the debt when a completed unpaid order is paid later', () => {
    const given = after(
      accepted(),
      op('CompleteOrder', {}),
      op('PayOrder', { method: 'cash', pointsToEarn: 8 }),
    );
    expect(stateOf(given).pendingPayment?.debtToSettle).toBe(854);
    const s = stateOf(after(given, op('ConfirmOrderPayment', { paymentNumber: 1 })));
    expect([s.debt, s.payment?.debtSettled]).toEqual([0, 854]);
  });

  it('voids by returning what the payment took: deposit and points to the wallet, earned points reversed', () => {
    const paid = after(
      accepted(),
      op('PayOrder', { method: 'deposit', pointsToEarn: 8 }),
      op('ConfirmOrderPayment', { paymentNumber: 1 }),
    );
    spec
      .given(paid)
      .when(op('VoidOrder', { reason: 'wrong table' }))
      .then([
        {
          type: 'OrderVoided',
          data: {
            orderId: 'o1',
            customerId: 'alice',
            reason: 'wrong table',
            currency: 'EUR',
            depositReturned: 854,
            pointsReturned: 90,
            refundDue: 0,
            pointsEarnedReversed: 8,
            debtRemoved: 0,
          },
        },
      ]);
  });

  it('voids a cash payment as a refund due at the till, and an unpaid completion by removing the debt', () => {
    const cash = after(
      accepted(),
      op('PayOrder', { method: 'cash', pointsToEarn: 8 }),
      op('ConfirmOrderPayment', { paymentNumber: 1 }),
    );
    spec
      .given(cash)
      .when(op('VoidOrder', { reason: 'cold food' }))
      .thenState((s) => expect(s.status).toBe('voided'));
    const decided = orderDecider.decide(op('VoidOrder', { reason: 'cold food' }), stateOf(cash));
    expect(E.isRight(decided) && decided.right[0]?.data).toMatchObject({
      depositReturned: 0,
      refundDue: 854,
      refundMethod: 'cash',
      pointsReturned: 90,
    });
    const debt = after(accepted(), op('CompleteOrder', {}));
    const removed = orderDecider.decide(op('VoidOrder', { reason: 'never came' }), stateOf(debt));
    expect(E.isRight(removed) && removed.right[0]?.data).toMatchObject({
      debtRemoved: 854,
      refundDue: 0,
      depositReturned: 0,
    });
    spec
      .given(debt)
      .when(op('VoidOrder', { reason: ' ' }))
      .thenFails('order.void.reason_required');
  });

  it('moves an order and its debt to another customer, recording who and why', () => {
    const debt = after(accepted(), op('CompleteOrder', {}));
    spec
      .given(debt)
      .when(op('ChangeOrderCustomer', { customerId: 'bob', reason: 'paid by his friend' }))
      .then([
        {
          type: 'OrderCustomerChanged',
          data: {
            orderId: 'o1',
            changeNumber: 1,
            fromCustomerId: 'alice',
            toCustomerId: 'bob',
            changedBy: meta().actor,
            reason: 'paid by his friend',
            debtMoved: 854,
            currency: 'EUR',
          },
        },
      ]);
    spec
      .given(debt)
      .when(op('ChangeOrderCustomer', { customerId: 'alice', reason: 'x' }))
      .thenFails('order.customer.unchanged');
  });
});

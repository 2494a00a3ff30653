import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { OrderCommand } from './orderCommands';
import { orderDecider } from './orderDecider';
import type { OrderEvent } from './orderEvents';
import { lifecycleOf, type OrderLifecycle } from './orderState';
import { everyCommand } from './testKit';

const byType = new Map(everyCommand().map((c) => [c.type, c]));
const command = (type: OrderCommand['type']): OrderCommand => byType.get(type) as OrderCommand;

// How to reach each state from an empty stream, by commands the decider itself accepts.
const paths: Record<OrderLifecycle, readonly OrderCommand['type'][]> = {
  absent: [],
  placed: ['PlaceOrder'],
  cancelled: ['PlaceOrder', 'CancelOrder'],
  accepted: ['PlaceOrder', 'AcceptOrder'],
  payment_pending: ['PlaceOrder', 'AcceptOrder', 'PayOrder'],
  paid: ['PlaceOrder', 'AcceptOrder', 'PayOrder', 'ConfirmOrderPayment'],
  completed_unpaid: ['PlaceOrder', 'AcceptOrder', 'CompleteOrder'],
  completed: ['PlaceOrder', 'AcceptOrder', 'PayOrder', 'ConfirmOrderPayment', 'CompleteOrder'],
  voided: ['PlaceOrder', 'AcceptOrder', 'VoidOrder'],
};

const eventsFor = (state: OrderLifecycle): readonly OrderEvent[] =>
  paths[state].reduce<readonly OrderEvent[]>((events, type) => {
    const s = events.reduce(orderDecider.evolve, orderDecider.initialState());
    const decided = orderDecider.decide(command(type), s);
    if (E.isLeft(decided)) throw decided.left;
    return [...events, ...decided.right];
  }, []);

// The lifecycle from DOMAIN.md §4: what each command may do in each state, and where it leads.
// Every cell not listed must be refused with the code naming the state.
const allowed: Record<OrderLifecycle, Partial<Record<OrderCommand['type'], OrderLifecycle>>> = {
  absent: { PlaceOrder: 'placed' },
  placed: {
    AcceptOrder: 'accepted',
    CancelOrder: 'cancelled',
    ChangeOrderCustomer: 'placed',
    MoveMergedOrder: 'placed',
  },
  cancelled: { MoveMergedOrder: 'cancelled' },
  accepted: {
    DeliverOrderLine: 'accepted',
    PayOrder: 'payment_pending',
    CompleteOrder: 'completed_unpaid',
    VoidOrder: 'voided',
    ChangeOrderCustomer: 'accepted',
    MoveMergedOrder: 'accepted',
  },
  payment_pending: {
    DeliverOrderLine: 'payment_pending',
    ConfirmOrderPayment: 'paid',
    FailOrderPayment: 'accepted',
  },
  paid: {
    DeliverOrderLine: 'paid',
    CompleteOrder: 'completed',
    VoidOrder: 'voided',
    MoveMergedOrder: 'paid',
  },
  completed_unpaid: {
    PayOrder: 'payment_pending',
    VoidOrder: 'voided',
    ChangeOrderCustomer: 'completed_unpaid',
    MoveMergedOrder: 'completed_unpaid',
  },
  completed: { VoidOrder: 'voided', MoveMergedOrder: 'completed' },
  voided: { MoveMergedOrder: 'voided' },
};

const cells = (Object.keys(allowed) as OrderLifecycle[]).flatMap((state) =>
  everyCommand().map((c) => ({ state, type: c.type, next: allowed[state][c.type] })),
);

describe('order lifecycle: every command in every state', () => {
  it.each(cells)('$type in $state', ({ state, type, next }) => {
    const given = eventsFor(state);
    const s = given.reduce(orderDecider.evolve, orderDecider.initialState());
    expect(lifecycleOf(s)).toBe(state);
    const decided = orderDecider.decide(command(type), s);
    if (next === undefined) {
      expect(E.isLeft(decided) && decided.left.code).toBe(
        state === 'absent' ? 'order.not_found' : `order.is_${state}`,
      );
      expect(E.isLeft(decided) && decided.left.details).toMatchObject({ state, command: type });
    } else {
      if (E.isLeft(decided)) throw decided.left;
      expect(lifecycleOf(decided.right.reduce(orderDecider.evolve, s))).toBe(next);
    }
  });

  it('confirming a payment of a completed unpaid order leaves it completed and paid', () => {
    const given = [...eventsFor('completed_unpaid')];
    const s0 = given.reduce(orderDecider.evolve, orderDecider.initialState());
    const started = orderDecider.decide(command('PayOrder'), s0);
    if (E.isLeft(started)) throw started.left;
    const s1 = started.right.reduce(orderDecider.evolve, s0);
    const paid = orderDecider.decide(command('ConfirmOrderPayment'), s1);
    if (E.isLeft(paid)) throw paid.left;
    expect(lifecycleOf(paid.right.reduce(orderDecider.evolve, s1))).toBe('completed');
  });
});

import { DomainError } from '../kernel/errors';
import type { OrderCommand } from './orderCommands';
import type { OrderLifecycle } from './orderState';

const doing: Record<OrderCommand['type'], string> = {
  PlaceOrder: 'placed again',
  AcceptOrder: 'accepted',
  CancelOrder: 'cancelled',
  DeliverOrderLine: 'have a line delivered',
  PayOrder: 'paid',
  ConfirmOrderPayment: 'have a payment confirmed',
  FailOrderPayment: 'have a payment failed',
  CompleteOrder: 'completed',
  VoidOrder: 'voided',
  ChangeOrderCustomer: 'moved to another customer',
  MoveMergedOrder: 'moved by a merge',
};

const being: Record<OrderLifecycle, string> = {
  absent: 'does not exist',
  placed: 'waiting to be accepted',
  cancelled: 'cancelled',
  accepted: 'accepted and not paid yet',
  payment_pending: 'in the middle of a payment',
  paid: 'paid',
  completed_unpaid: 'completed and unpaid',
  completed: 'completed and paid',
  voided: 'voided',
};

/** The code a command gets when the order is in the wrong state: `order.not_found` or `order.is_<state>`. */
export const stateCode = (lifecycle: OrderLifecycle): string =>
  lifecycle === 'absent' ? 'order.not_found' : `order.is_${lifecycle}`;

/** Refuses a command the order's lifecycle does not allow now. */
export const wrongState = (command: OrderCommand, lifecycle: OrderLifecycle): DomainError =>
  new DomainError(
    stateCode(lifecycle),
    `Order ${command.data.orderId} is ${being[lifecycle]}, so it cannot be ${doing[command.type]}.`,
    { orderId: command.data.orderId, state: lifecycle, command: command.type },
  );

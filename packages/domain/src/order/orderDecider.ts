import * as E from 'fp-ts/Either';
import type { DecisionError, Decider } from '../kernel/decider';
import { DomainError, PermissionError, ValidationError } from '../kernel/errors';
import type { CatalogItem } from './catalog';
import type {
  AcceptOrder,
  ChangeOrderCustomer,
  CompleteOrder,
  DeliverOrderLine,
  FailOrderPayment,
  ConfirmOrderPayment,
  MoveMergedOrder,
  OrderCommand,
  PayOrder,
  PlaceOrder,
  VoidOrder,
} from './orderCommands';
import type { OrderEvent } from './orderEvents';
import type { OrderLine } from './orderLine';
import { wrongState } from './orderRefusals';
import {
  evolveOrder,
  initialOrderState,
  lifecycleOf,
  type ExistingOrder,
  type OrderLifecycle,
  type OrderState,
} from './orderState';
import { priceLine, ROUNDING_RULE, totalsOf } from './pricing';

type Decision = E.Either<DecisionError, readonly OrderEvent[]>;

/** The lifecycle states in which each command is allowed; in every other state it is refused. */
export const allowedIn: Readonly<Record<OrderCommand['type'], readonly OrderLifecycle[]>> = {
  PlaceOrder: ['absent'],
  AcceptOrder: ['placed'],
  CancelOrder: ['placed'],
  DeliverOrderLine: ['accepted', 'payment_pending', 'paid'],
  PayOrder: ['accepted', 'completed_unpaid'],
  ConfirmOrderPayment: ['payment_pending'],
  FailOrderPayment: ['payment_pending'],
  CompleteOrder: ['accepted', 'paid'],
  VoidOrder: ['accepted', 'paid', 'completed_unpaid', 'completed'],
  ChangeOrderCustomer: ['placed', 'accepted', 'completed_unpaid'],
  // Every state but a payment under way: its wallet steps name the payer, so the merge waits for it.
  MoveMergedOrder: ['placed', 'cancelled', 'accepted', 'paid', 'completed_unpaid', 'completed', 'voided'],
};

/** Request fields that would carry a price; prices come from the catalogue only. */
export const PRICE_FIELDS = [
  'price',
  'unitPrice',
  'listPrice',
  'netPrice',
  'discount',
  'pointsPrice',
  'unitPoints',
  'points',
];

const NOTE_MAX = 500;

const invalid = (code: string, message: string, field: string, value: unknown) =>
  E.left(new ValidationError(code, message, field, value));

const priceLines = (command: PlaceOrder): E.Either<DecisionError, readonly OrderLine[]> => {
  const { lines, catalog, discountRules } = command.data;
  const byId = new Map<string, CatalogItem>(catalog.map((item) => [item.productId, item]));
  const priced: OrderLine[] = [];
  for (const [i, line] of lines.entries()) {
    const field = `lines.${i}`;
    const sentPrice = PRICE_FIELDS.find((key) => Object.prototype.hasOwnProperty.call(line, key));
    if (sentPrice !== undefined)
      return invalid(
        'order.line.price_not_accepted',
        `Line ${i + 1} carries a ${sentPrice}; prices come from the shop's catalogue only.`,
        `${field}.${sentPrice}`,
        (line as unknown as Record<string, unknown>)[sentPrice],
      );
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      return invalid(
        'order.line.quantity_invalid',
        `Line ${i + 1} asks for ${String(line.quantity)} units; a quantity is a whole number from 1.`,
        `${field}.quantity`,
        line.quantity,
      );
    const item = byId.get(line.productId);
    if (item === undefined)
      return E.left(
        new DomainError('order.line.unknown_product', `The shop does not sell product ${line.productId}.`, {
          productId: line.productId,
          line: i + 1,
        }),
      );
    if (command.metadata.actor.role === 'customer' && !item.customerOrderable)
      return E.left(
        new DomainError(
          'order.line.not_orderable_by_customer',
          `${item.name} can only be ordered at the counter.`,
          { productId: item.productId, line: i + 1 },
        ),
      );
    if (line.payWith === 'points' && item.pointsPrice === undefined)
      return E.left(
        new DomainError('order.line.points_not_allowed', `${item.name} cannot be paid with points.`, {
          productId: item.productId,
          line: i + 1,
        }),
      );
    priced.push(priceLine(String(i + 1), item, line.quantity, line.payWith, discountRules));
  }
  return E.right(priced);
};

const place = (command: PlaceOrder): Decision => {
  const { actor } = command.metadata;
  const d = command.data;
  if (actor.role === 'customer' && actor.id !== d.customerId)
    return E.left(
      new PermissionError('order.customer_for_itself_only', 'A customer can only order for itself.', {
        actorId: actor.id,
        customerId: d.customerId,
      }),
    );
  if (d.lines.length === 0)
    return invalid('order.lines.empty', 'An order needs at least one line.', 'lines', []);
  if (d.note !== undefined && (d.note.length === 0 || d.note.length > NOTE_MAX))
    return invalid('order.note.invalid', `A note holds 1 to ${NOTE_MAX} characters.`, 'note', d.note);
  return E.map((lines: readonly OrderLine[]): readonly OrderEvent[] => [
    {
      type: 'OrderPlaced',
      data: {
        orderId: d.orderId,
        customerId: d.customerId,
        currency: d.currency,
        paymentMethod: d.paymentMethod,
        ...(d.note === undefined ? {} : { note: d.note }),
        lines,
        discountRules: d.discountRules,
        totals: totalsOf(lines),
        rounding: ROUNDING_RULE,
      },
    },
  ])(priceLines(command));
};

const accept = (_: AcceptOrder, s: ExistingOrder): Decision =>
  E.right([
    {
      type: 'OrderAccepted',
      data: {
        orderId: s.orderId,
        customerId: s.customerId,
        moneyDue: s.totals.money,
        pointsDue: s.totals.points,
        currency: s.currency,
      },
    },
  ]);

const deliver = (c: DeliverOrderLine, s: ExistingOrder): Decision => {
  if (!s.lines.some((l) => l.lineId === c.data.lineId))
    return E.left(
      new DomainError('order.line.unknown', `Order ${s.orderId} has no line ${c.data.lineId}.`, {
        orderId: s.orderId,
        lineId: c.data.lineId,
      }),
    );
  if (s.delivered.includes(c.data.lineId))
    return E.left(
      new DomainError('order.line.already_delivered', `Line ${c.data.lineId} was already delivered.`, {
        orderId: s.orderId,
        lineId: c.data.lineId,
      }),
    );
  return E.right([{ type: 'OrderLineDelivered', data: { orderId: s.orderId, lineId: c.data.lineId } }]);
};

const pay = (c: PayOrder, s: ExistingOrder): Decision => {
  if (!Number.isSafeInteger(c.data.pointsToEarn) || c.data.pointsToEarn < 0)
    return invalid(
      'order.pay.points_to_earn_invalid',
      'Points to earn must be a whole number from 0.',
      'pointsToEarn',
      c.data.pointsToEarn,
    );
  const pointsLines = s.lines.flatMap((l) =>
    l.payWith === 'points' ? [{ lineId: l.lineId, points: l.points }] : [],
  );
  return E.right([
    {
      type: 'OrderPaymentStarted',
      data: {
        orderId: s.orderId,
        paymentNumber: s.paymentsStarted + 1,
        customerId: s.customerId,
        method: c.data.method,
        money: s.invoice?.moneyDue ?? 0,
        currency: s.currency,
        pointsLines,
        points: s.invoice?.pointsDue ?? 0,
        pointsToEarn: c.data.pointsToEarn,
        debtToSettle: s.debt,
      },
    },
  ]);
};

const pendingMatches = (c: ConfirmOrderPayment | FailOrderPayment, s: ExistingOrder) =>
  s.pendingPayment?.paymentNumber === c.data.paymentNumber
    ? E.right(s.pendingPayment)
    : E.left(
        new DomainError(
          'order.payment.not_pending',
          `Payment ${c.data.paymentNumber} of order ${s.orderId} is not the one under way.`,
          {
            orderId: s.orderId,
            paymentNumber: c.data.paymentNumber,
            pending: s.pendingPayment?.paymentNumber,
          },
        ),
      );

const confirm = (c: ConfirmOrderPayment, s: ExistingOrder): Decision =>
  E.map((p: NonNullable<ExistingOrder['pendingPayment']>): readonly OrderEvent[] => [
    {
      type: 'OrderPaid',
      data: {
        orderId: s.orderId,
        paymentNumber: p.paymentNumber,
        customerId: p.customerId,
        method: p.method,
        money: p.money,
        currency: p.currency,
        points: p.points,
        pointsEarned: p.pointsToEarn,
        debtSettled: p.debtToSettle,
      },
    },
  ])(pendingMatches(c, s));

const fail = (c: FailOrderPayment, s: ExistingOrder): Decision =>
  E.map((): readonly OrderEvent[] => [
    {
      type: 'OrderPaymentFailed',
      data: {
        orderId: s.orderId,
        paymentNumber: c.data.paymentNumber,
        code: c.data.code,
        reason: c.data.reason,
      },
    },
  ])(pendingMatches(c, s));

const complete = (_: CompleteOrder, s: ExistingOrder): Decision => {
  const paid = s.payment !== undefined;
  return E.right([
    {
      type: 'OrderCompleted',
      data: {
        orderId: s.orderId,
        customerId: s.customerId,
        deliveredLineIds: s.lines.map((l) => l.lineId).filter((id) => !s.delivered.includes(id)),
        paid,
        debt: paid ? 0 : (s.invoice?.moneyDue ?? 0),
        currency: s.currency,
      },
    },
  ]);
};

const voidOrder = (c: VoidOrder, s: ExistingOrder): Decision => {
  if (c.data.reason.trim().length === 0)
    return invalid('order.void.reason_required', 'Say why the order is voided.', 'reason', c.data.reason);
  const p = s.payment;
  const byDeposit = p?.method === 'deposit';
  const refundMethod = p !== undefined && p.method !== 'deposit' && p.money > 0 ? p.method : undefined;
  return E.right([
    {
      type: 'OrderVoided',
      data: {
        orderId: s.orderId,
        customerId: s.customerId,
        reason: c.data.reason,
        currency: s.currency,
        depositReturned: byDeposit ? p.money : 0,
        pointsReturned: p?.points ?? 0,
        refundDue: refundMethod === undefined ? 0 : (p?.money ?? 0),
        ...(refundMethod === undefined ? {} : { refundMethod }),
        pointsEarnedReversed: p?.pointsEarned ?? 0,
        debtRemoved: s.debt,
      },
    },
  ]);
};

const changeCustomer = (c: ChangeOrderCustomer, s: ExistingOrder): Decision => {
  if (c.data.customerId === s.customerId)
    return E.left(
      new DomainError('order.customer.unchanged', `Order ${s.orderId} already belongs to that customer.`, {
        orderId: s.orderId,
        customerId: s.customerId,
      }),
    );
  if (c.data.reason.trim().length === 0)
    return invalid(
      'order.customer.reason_required',
      'Say why the order changes customer.',
      'reason',
      c.data.reason,
    );
  return E.right([
    {
      type: 'OrderCustomerChanged',
      data: {
        orderId: s.orderId,
        changeNumber: s.customerChanges + 1,
        fromCustomerId: s.customerId,
        toCustomerId: c.data.customerId,
        changedBy: c.metadata.actor,
        reason: c.data.reason,
        debtMoved: s.debt,
        currency: s.currency,
      },
    },
  ]);
};

const moveByMerge = (c: MoveMergedOrder, s: ExistingOrder): Decision => {
  if (c.metadata.actor.role !== 'system')
    return E.left(
      new PermissionError('order.merge_only', 'Only a customer merge moves an order this way.', {
        orderId: s.orderId,
        role: c.metadata.actor.role,
      }),
    );
  if (c.data.mergeId.trim().length === 0)
    return invalid(
      'order.merge.id_required',
      'Name the merge that moves the order.',
      'mergeId',
      c.data.mergeId,
    );
  if (c.data.customerId === s.customerId) return E.right([]);
  return E.right([
    {
      type: 'OrderMovedByMerge',
      data: {
        orderId: s.orderId,
        mergeId: c.data.mergeId,
        fromCustomerId: s.customerId,
        toCustomerId: c.data.customerId,
        debt: s.debt,
      },
    },
  ]);
};

const decideExisting = (command: Exclude<OrderCommand, PlaceOrder>, s: ExistingOrder): Decision => {
  switch (command.type) {
    case 'AcceptOrder':
      return accept(command, s);
    case 'CancelOrder':
      return E.right([
        {
          type: 'OrderCancelled',
          data: {
            orderId: s.orderId,
            customerId: s.customerId,
            ...(command.data.reason === undefined ? {} : { reason: command.data.reason }),
          },
        },
      ]);
    case 'DeliverOrderLine':
      return deliver(command, s);
    case 'PayOrder':
      return pay(command, s);
    case 'ConfirmOrderPayment':
      return confirm(command, s);
    case 'FailOrderPayment':
      return fail(command, s);
    case 'CompleteOrder':
      return complete(command, s);
    case 'VoidOrder':
      return voidOrder(command, s);
    case 'ChangeOrderCustomer':
      return changeCustomer(command, s);
    case 'MoveMergedOrder':
      return moveByMerge(command, s);
  }
};

/** Decides an order command: role first, then the lifecycle, then the command's own rules. */
export const decideOrder = (command: OrderCommand, state: OrderState): Decision => {
  if (command.type !== 'PlaceOrder' && command.metadata.actor.role === 'customer')
    return E.left(
      new PermissionError('order.staff_only', 'Only shop staff can do this to an order.', {
        command: command.type,
        orderId: command.data.orderId,
      }),
    );
  const lifecycle = lifecycleOf(state);
  if (!allowedIn[command.type].includes(lifecycle)) return E.left(wrongState(command, lifecycle));
  if (command.type === 'PlaceOrder') return place(command);
  return state.status === 'absent' ? E.left(wrongState(command, lifecycle)) : decideExisting(command, state);
};

/** The order aggregate's decider. */
export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  decide: decideOrder,
  evolve: evolveOrder,
  initialState: initialOrderState,
};

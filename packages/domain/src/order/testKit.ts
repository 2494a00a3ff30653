import type { Actor } from '../kernel/envelope';
import type { RequestedLine, OrderCommand, PlaceOrder } from './orderCommands';
import type { DiscountRule } from './discountRule';
import { sampleCatalogItems } from './sampleCatalog';

/** An operator, as tests and examples use it. */
export const operator: Actor = { role: 'operator', id: 'op-1' };

/** The customer the test orders belong to. */
export const alice: Actor = { role: 'customer', id: 'alice' };

/** Command metadata for tests: fixed time and tenant. */
export const meta = (actor: Actor = operator, commandId = 'cmd-1') => ({
  commandId,
  tenantId: 'shop1',
  actor,
  now: new Date('2026-03-01T10:00:00Z'),
});

/** "regulars −5%" on everything. */
export const regulars: DiscountRule = {
  ruleId: 'group:regulars',
  source: 'group',
  label: 'regulars −5%',
  target: { kind: 'everything' },
  amount: { kind: 'percent', basisPoints: 500 },
};

/** A PlaceOrder for alice from the sample catalogue. */
export const placeOrder = (
  lines: readonly RequestedLine[],
  options: {
    actor?: Actor;
    discountRules?: readonly DiscountRule[];
    customerId?: string;
    note?: string;
  } = {},
): PlaceOrder => ({
  type: 'PlaceOrder',
  data: {
    orderId: 'o1',
    customerId: options.customerId ?? 'alice',
    currency: 'EUR',
    paymentMethod: 'deposit',
    ...(options.note === undefined ? {} : { note: options.note }),
    lines,
    catalog: sampleCatalogItems.filter((i) => lines.some((l) => l.productId === i.productId)),
    discountRules: options.discountRules ?? [],
  },
  metadata: meta(options.actor ?? operator),
});

/** One command of every type against order o1, sent by an operator. */
export const everyCommand = (): readonly OrderCommand[] => {
  const m = meta();
  const orderId = 'o1';
  return [
    placeOrder([{ productId: 'cola', quantity: 1, payWith: 'money' }]),
    { type: 'AcceptOrder', data: { orderId }, metadata: m },
    { type: 'CancelOrder', data: { orderId }, metadata: m },
    { type: 'DeliverOrderLine', data: { orderId, lineId: '1' }, metadata: m },
    { type: 'PayOrder', data: { orderId, method: 'cash', pointsToEarn: 2 }, metadata: m },
    { type: 'ConfirmOrderPayment', data: { orderId, paymentNumber: 1 }, metadata: m },
    { type: 'FailOrderPayment', data: { orderId, paymentNumber: 1, code: 'x', reason: 'y' }, metadata: m },
    { type: 'CompleteOrder', data: { orderId }, metadata: m },
    { type: 'VoidOrder', data: { orderId, reason: 'wrong order' }, metadata: m },
    {
      type: 'ChangeOrderCustomer',
      data: { orderId, customerId: 'bob', reason: 'sat at the wrong seat' },
      metadata: m,
    },
    {
      type: 'MoveMergedOrder',
      data: { orderId, customerId: 'bob', mergeId: 'm1' },
      metadata: { ...m, actor: { role: 'system', id: 'merge:m1' } },
    },
  ];
};

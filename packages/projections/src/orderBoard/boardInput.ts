import type { OrderEvent, PaymentMethod, RecordedEvent } from '@tillstream/domain';

/** Why an order left the board. */
export type ClosedBecause = 'completed' | 'cancelled' | 'voided';

/**
 * What the board reads: one change of one order, independent of how the order context spells
 * its events (`boardInputOf` maps them). Times are ISO instants from the event metadata.
 */
export type BoardInput =
  | {
      readonly type: 'placed';
      readonly tenantId: string;
      readonly orderId: string;
      readonly customerId: string;
      readonly at: string;
      readonly paymentMethod: PaymentMethod;
      readonly note?: string;
      readonly money: number;
      readonly points: number;
      readonly currency: string;
      readonly lines: number;
    }
  | {
      readonly type: 'accepted' | 'paid';
      readonly tenantId: string;
      readonly orderId: string;
      readonly at: string;
    }
  | {
      readonly type: 'lineDelivered';
      readonly tenantId: string;
      readonly orderId: string;
      readonly at: string;
    }
  | {
      readonly type: 'customerChanged';
      readonly tenantId: string;
      readonly orderId: string;
      readonly at: string;
      readonly customerId: string;
    }
  | {
      readonly type: 'closed';
      readonly tenantId: string;
      readonly orderId: string;
      readonly at: string;
      readonly because: ClosedBecause;
    };

/** The board change an order event makes, or undefined for events the board does not show. */
export const boardInputOf = ({ event, metadata }: RecordedEvent<OrderEvent>): BoardInput | undefined => {
  // Spelled out rather than spread from a shared base: one object per event, built in one go.
  const { tenantId, occurredAt: at } = metadata;
  const { orderId } = event.data;
  switch (event.type) {
    case 'OrderPlaced': {
      const d = event.data;
      return d.note === undefined
        ? {
            type: 'placed',
            tenantId,
            orderId,
            at,
            customerId: d.customerId,
            paymentMethod: d.paymentMethod,
            money: d.totals.money,
            points: d.totals.points,
            currency: d.currency,
            lines: d.lines.length,
          }
        : {
            type: 'placed',
            tenantId,
            orderId,
            at,
            customerId: d.customerId,
            paymentMethod: d.paymentMethod,
            money: d.totals.money,
            points: d.totals.points,
            currency: d.currency,
            lines: d.lines.length,
            note: d.note,
          };
    }
    case 'OrderAccepted':
      return { type: 'accepted', tenantId, orderId, at };
    case 'OrderPaid':
      return { type: 'paid', tenantId, orderId, at };
    case 'OrderLineDelivered':
      return { type: 'lineDelivered', tenantId, orderId, at };
    case 'OrderCustomerChanged':
    case 'OrderMovedByMerge':
      return { type: 'customerChanged', tenantId, orderId, at, customerId: event.data.toCustomerId };
    case 'OrderCompleted':
      return { type: 'closed', tenantId, orderId, at, because: 'completed' };
    case 'OrderCancelled':
      return { type: 'closed', tenantId, orderId, at, because: 'cancelled' };
    case 'OrderVoided':
      return { type: 'closed', tenantId, orderId, at, because: 'voided' };
    case 'OrderPaymentStarted':
    case 'OrderPaymentFailed':
      return undefined;
  }
};

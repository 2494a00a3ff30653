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
  const base = { tenantId: metadata.tenantId, orderId: event.data.orderId, at: metadata.occurredAt };
  switch (event.type) {
    case 'OrderPlaced': {
      const d = event.data;
      return {
        type: 'placed',
        ...base,
        customerId: d.customerId,
        paymentMethod: d.paymentMethod,
        ...(d.note === undefined ? {} : { note: d.note }),
        money: d.totals.money,
        points: d.totals.points,
        currency: d.currency,
        lines: d.lines.length,
      };
    }
    case 'OrderAccepted':
      return { type: 'accepted', ...base };
    case 'OrderPaid':
      return { type: 'paid', ...base };
    case 'OrderLineDelivered':
      return { type: 'lineDelivered', ...base };
    case 'OrderCustomerChanged':
      return { type: 'customerChanged', ...base, customerId: event.data.toCustomerId };
    case 'OrderMovedByMerge':
      return { type: 'customerChanged', ...base, customerId: event.data.toCustomerId };
    case 'OrderCompleted':
      return { type: 'closed', ...base, because: 'completed' };
    case 'OrderCancelled':
      return { type: 'closed', ...base, because: 'cancelled' };
    case 'OrderVoided':
      return { type: 'closed', ...base, because: 'voided' };
    case 'OrderPaymentStarted':
    case 'OrderPaymentFailed':
      return undefined;
  }
};

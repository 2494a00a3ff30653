import { ERASED } from '../privacy/erased';
import type { PersonalDataSchema } from '../privacy/personalDataSchema';
import type { OrderEvent } from './orderEvents';

const freeText = (path: string) => [{ path, erased: ERASED }];

/**
 * The personal fields of order events: the free text an operator or a customer types (a note, why
 * an order was cancelled, voided or given to another customer), which may name or describe the
 * person. Amounts, lines, prices, states and ids stay in clear, so orders audit without keys.
 * The text is sealed under the key of the customer the order belongs to, read from the event (the
 * order stream's id is the order's, not a person's); a change of customer seals it under both.
 * `OrderPaymentFailed.reason` stays in clear: it is the wallet's refusal sentence, built from codes,
 * amounts and ids.
 */
export const orderPersonalData: PersonalDataSchema<OrderEvent['type']> = {
  category: 'order',
  fields: {
    OrderPlaced: freeText('note'),
    OrderAccepted: [],
    OrderCancelled: freeText('reason'),
    OrderLineDelivered: [],
    OrderPaymentStarted: [],
    OrderPaid: [],
    OrderPaymentFailed: [],
    OrderCompleted: [],
    OrderVoided: freeText('reason'),
    OrderCustomerChanged: freeText('reason'),
    OrderMovedByMerge: [],
  },
  subjectsOf: (type, data) => {
    const named = (key: string) => (typeof data[key] === 'string' ? [data[key] as string] : []);
    return type === 'OrderCustomerChanged'
      ? [...named('fromCustomerId'), ...named('toCustomerId')]
      : named('customerId');
  },
};

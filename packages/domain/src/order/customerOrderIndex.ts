import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { nonEmptyString } from '../kernel/codecs';
import type { Command, Decider } from '../kernel/decider';
import type { Event } from '../kernel/envelope';
import type { EventDecodeError } from '../kernel/errors';
import { eventCatalog } from '../kernel/eventCatalog';
import type { EventStore } from '../kernel/eventStore';
import { decodeEvent, type Aggregate } from '../kernel/handleCommand';
import { streamName } from '../kernel/streamName';

/** The order now names this customer (written before the order does, so the index never misses it). */
export type OrderLinked = Event<'OrderLinked', { readonly orderId: string; readonly customerId: string }>;

/** The order no longer names this customer: it moved to another one. */
export type OrderUnlinked = Event<
  'OrderUnlinked',
  { readonly orderId: string; readonly customerId: string; readonly toCustomerId: string }
>;

/** Every event of a customer's order index. */
export type CustomerOrderIndexEvent = OrderLinked | OrderUnlinked;

/** Record that an order names the customer. */
export type LinkOrder = Command<'LinkOrder', { readonly orderId: string; readonly customerId: string }>;

/** Record that an order moved from the customer to `toCustomerId`. */
export type UnlinkOrder = Command<
  'UnlinkOrder',
  { readonly orderId: string; readonly customerId: string; readonly toCustomerId: string }
>;

/** Every command of a customer's order index. */
export type CustomerOrderIndexCommand = LinkOrder | UnlinkOrder;

/** The orders linked to the customer now, and every order ever linked (first link first). */
export interface CustomerOrderIndex {
  readonly linked: ReadonlySet<string>;
  readonly ever: ReadonlySet<string>;
}

/**
 * `customerorders-{tenantId}.{customerId}`: the orders of one customer, so finding them reads one
 * stream instead of every order of the shop. Not under `customer-`, so projections that read
 * customer streams by prefix never meet these events.
 */
export const customerOrdersStream = (tenantId: string, customerId: string): string =>
  streamName('customerorders', tenantId, customerId);

const id = nonEmptyString;

/** How index events are stored. */
export const customerOrderIndexEvents = eventCatalog<CustomerOrderIndexEvent>({
  OrderLinked: { codec: t.type({ orderId: id, customerId: id }) },
  OrderUnlinked: { codec: t.type({ orderId: id, customerId: id, toCustomerId: id }) },
});

/**
 * Writes what it is told: the order process derives each command's id from the order command that
 * caused it, so a re-sent step is found by that id and nothing is written twice.
 */
export const customerOrderIndexDecider: Decider<CustomerOrderIndexCommand, CustomerOrderIndexEvent, null> = {
  // Deciding needs no state: folding a long index for every link would cost for nothing.
  initialState: () => null,
  evolve: () => null,
  decide: (c) =>
    E.right(
      c.type === 'LinkOrder'
        ? [{ type: 'OrderLinked', data: c.data }]
        : [{ type: 'OrderUnlinked', data: c.data }],
    ),
};

/** The index decider with its catalog, for `handleCommand`. */
export const customerOrderIndexAggregate: Aggregate<
  CustomerOrderIndexCommand,
  CustomerOrderIndexEvent,
  null
> = { decider: customerOrderIndexDecider, events: customerOrderIndexEvents };

/** A customer's index as stored, with the command ids that wrote it. */
export interface CustomerOrderIndexRead {
  readonly index: CustomerOrderIndex;
  readonly commandIds: ReadonlySet<string>;
}

/** Reads a customer's order index (an unknown customer has none). */
export const readCustomerOrderIndex = async (
  store: EventStore,
  tenantId: string,
  customerId: string,
): Promise<E.Either<EventDecodeError, CustomerOrderIndexRead>> => {
  const linked = new Set<string>();
  const ever = new Set<string>();
  const commandIds = new Set<string>();
  for (const stored of await store.readStream(customerOrdersStream(tenantId, customerId))) {
    const decoded = decodeEvent(customerOrderIndexEvents, stored);
    if (E.isLeft(decoded)) return decoded;
    const { type, data } = decoded.right.event;
    if (type === 'OrderLinked') {
      linked.add(data.orderId);
      ever.add(data.orderId);
    } else linked.delete(data.orderId);
    commandIds.add(stored.metadata.commandId);
  }
  return E.right({ index: { linked, ever }, commandIds });
};

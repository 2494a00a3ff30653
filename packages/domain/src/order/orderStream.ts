import * as E from 'fp-ts/Either';
import type { StoredEvent } from '../kernel/envelope';
import { foreignTenantEvent, type EventDecodeError, type PermissionError } from '../kernel/errors';
import type { EventStore } from '../kernel/eventStore';
import { decodeEvent, type Aggregate } from '../kernel/handleCommand';
import type { StreamRevision } from '../kernel/revision';
import { streamName } from '../kernel/streamName';
import type { OrderCommand } from './orderCommands';
import { orderDecider } from './orderDecider';
import { orderEvents, type OrderEvent } from './orderEvents';
import type { OrderState } from './orderState';

/** The stream of one order: `order-{tenantId}.{orderId}`. */
export const orderStreamName = (tenantId: string, orderId: string): string =>
  streamName('order', tenantId, orderId);

/** The order decider and its event catalog, ready for `handleCommand`. */
export const orderAggregate: Aggregate<OrderCommand, OrderEvent, OrderState> = {
  decider: orderDecider,
  events: orderEvents,
};

/** An order's events, each with the id of the command that wrote it. */
export interface OrderHistory {
  readonly events: readonly { readonly event: OrderEvent; readonly commandId: string }[];
  readonly state: OrderState;
  /** The revision of the order's last event, or 'no_stream' when it has none. */
  readonly revision: StreamRevision | 'no_stream';
}

/** An order as read from the store, with the stored events it was folded from (so a command on it need not read them again). */
export interface OrderRead extends OrderHistory {
  readonly stored: readonly StoredEvent[];
}

/** Reads and folds one order stream (an unknown order reads as `absent`); an event of another tenant is refused as `tenant.sealed`. */
export const readOrder = async (
  store: EventStore,
  tenantId: string,
  orderId: string,
): Promise<E.Either<EventDecodeError | PermissionError, OrderRead>> => {
  const stored = await store.readStream(orderStreamName(tenantId, orderId));
  const events: { readonly event: OrderEvent; readonly commandId: string }[] = [];
  let state = orderDecider.initialState();
  for (const s of stored) {
    if (s.metadata.tenantId !== tenantId) return E.left(foreignTenantEvent(s));
    const decoded = decodeEvent(orderEvents, s);
    if (E.isLeft(decoded)) return decoded;
    const { event } = decoded.right;
    events.push({ event, commandId: s.metadata.commandId });
    state = orderDecider.evolve(state, event);
  }
  const last = stored[stored.length - 1];
  return E.right({ events, state, revision: last === undefined ? 'no_stream' : last.revision, stored });
};

import * as E from 'fp-ts/Either';
import type { EventDecodeError } from '../kernel/errors';
import { PermissionError } from '../kernel/errors';
import type { EventStore } from '../kernel/eventStore';
import { decodeEvent, type Aggregate } from '../kernel/handleCommand';
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
}

/** Reads and folds one order stream (an unknown order reads as `absent`). */
export const readOrder = async (
  store: EventStore,
  tenantId: string,
  orderId: string,
): Promise<E.Either<EventDecodeError | PermissionError, OrderHistory>> => {
  const events: { event: OrderEvent; commandId: string }[] = [];
  let state = orderDecider.initialState();
  for (const stored of await store.readStream(orderStreamName(tenantId, orderId))) {
    if (stored.metadata.tenantId !== tenantId)
      return E.left(
        new PermissionError(
          'tenant.sealed',
          `Stream ${stored.streamName} holds an event of another tenant.`,
          {
            streamName: stored.streamName,
            revision: stored.revision,
          },
        ),
      );
    const decoded = decodeEvent(orderEvents, stored);
    if (E.isLeft(decoded)) return decoded;
    events.push({ event: decoded.right.event, commandId: stored.metadata.commandId });
    state = orderDecider.evolve(state, decoded.right.event);
  }
  return E.right({ events, state });
};

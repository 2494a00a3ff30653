import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { EventDecodeError, PermissionError } from '../kernel/errors';
import type { EventStore } from '../kernel/eventStore';
import type { Aggregate } from '../kernel/handleCommand';
import { readAggregate } from '../kernel/readAggregate';
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
): Promise<E.Either<EventDecodeError | PermissionError, OrderHistory>> =>
  pipe(
    await readAggregate(store, orderAggregate, orderStreamName(tenantId, orderId), tenantId),
    E.map(({ events, state }) => ({
      events: events.map(({ event, metadata }) => ({ event, commandId: metadata.commandId })),
      state,
    })),
  );

import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { StoredEvent } from '../kernel/envelope';
import type { EventDecodeError, PermissionError } from '../kernel/errors';
import type { EventStore } from '../kernel/eventStore';
import type { Aggregate } from '../kernel/handleCommand';
import { readAggregate } from '../kernel/readAggregate';
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
): Promise<E.Either<EventDecodeError | PermissionError, OrderRead>> =>
  pipe(
    await readAggregate(store, orderAggregate, orderStreamName(tenantId, orderId), tenantId),
    E.map(({ events, state, revision, stored }) => ({
      events: events.map(({ event, metadata }) => ({ event, commandId: metadata.commandId })),
      state,
      revision,
      stored,
    })),
  );

import * as E from 'fp-ts/Either';
import type { EventDecodeError, PermissionError } from '../../kernel/errors';
import type { EventStore } from '../../kernel/eventStore';
import type { Position } from '../../kernel/revision';
import { streamPrefix } from '../../kernel/streamName';
import { lifecycleOf, type ExistingOrder, type OrderLifecycle } from '../../order/orderState';
import { readOrder } from '../../order/orderStream';

/** One order of a customer, as it stands now. */
export interface CustomerOrder {
  readonly order: ExistingOrder;
  readonly lifecycle: OrderLifecycle;
}

const PAGE = 512;

/**
 * The orders that name `customerId` now, plus those a command with the id `movedBy(orderId)` moved
 * away from it (so a resumed merge still sees the orders it already moved). Scans the tenant's
 * order streams: the domain keeps no index of orders by customer.
 */
export const ordersOfCustomer = async (
  store: EventStore,
  tenantId: string,
  customerId: string,
  movedBy?: (orderId: string) => string,
): Promise<E.Either<EventDecodeError | PermissionError, readonly CustomerOrder[]>> => {
  const candidates = new Set<string>();
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({
      ...(after === undefined ? {} : { after }),
      maxCount: PAGE,
      filter: { kind: 'streamPrefix', prefixes: [streamPrefix('order', tenantId)] },
    });
    for (const e of page) {
      const data = e.data as {
        readonly orderId?: unknown;
        readonly customerId?: unknown;
        readonly toCustomerId?: unknown;
      };
      const named =
        e.type === 'OrderPlaced'
          ? data.customerId
          : e.type === 'OrderCustomerChanged'
            ? data.toCustomerId
            : undefined;
      const moved =
        movedBy !== undefined &&
        typeof data.orderId === 'string' &&
        e.metadata.commandId === movedBy(data.orderId);
      if (typeof data.orderId === 'string' && (named === customerId || moved)) candidates.add(data.orderId);
    }
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE) break;
    after = last.position;
  }
  const out: CustomerOrder[] = [];
  for (const orderId of [...candidates].sort()) {
    const read = await readOrder(store, tenantId, orderId);
    if (E.isLeft(read)) return read;
    const { state, events } = read.right;
    if (state.status === 'absent') continue;
    const movedHere = movedBy !== undefined && events.some((e) => e.commandId === movedBy(orderId));
    if (state.customerId === customerId || movedHere)
      out.push({ order: state, lifecycle: lifecycleOf(state) });
  }
  return E.right(out);
};

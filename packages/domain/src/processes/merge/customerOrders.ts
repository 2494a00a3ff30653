import * as E from 'fp-ts/Either';
import type { EventDecodeError, PermissionError } from '../../kernel/errors';
import type { EventStore } from '../../kernel/eventStore';
import { readCustomerOrderIndex } from '../../order/customerOrderIndex';
import { lifecycleOf, type ExistingOrder, type OrderLifecycle } from '../../order/orderState';
import { readOrder } from '../../order/orderStream';

/** One order of a customer, as it stands now. */
export interface CustomerOrder {
  readonly order: ExistingOrder;
  readonly lifecycle: OrderLifecycle;
}

/**
 * The orders that name `customerId` now, plus those a command with the id `movedBy(orderId)` moved
 * away from it (so a resumed merge still sees the orders it already moved). Reads the customer's
 * order index (every order ever linked to it) and then each of those orders, which has the last word.
 */
export const ordersOfCustomer = async (
  store: EventStore,
  tenantId: string,
  customerId: string,
  movedBy?: (orderId: string) => string,
): Promise<E.Either<EventDecodeError | PermissionError, readonly CustomerOrder[]>> => {
  const index = await readCustomerOrderIndex(store, tenantId, customerId);
  if (E.isLeft(index)) return index;
  const out: CustomerOrder[] = [];
  for (const orderId of [...index.right.index.ever].sort()) {
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

import type { PaymentMethod } from '@tillstream/domain';
import type { BoardInput, ClosedBecause } from './boardInput';

/** Where an open order stands: waiting for review, accepted (invoice open), or paid and being finished. */
export type BoardState = 'placed' | 'accepted' | 'paid';

/** One open order as operator screens show it. */
export interface BoardOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly state: BoardState;
  readonly placedAt: string;
  readonly paymentMethod: PaymentMethod;
  readonly note?: string;
  readonly money: number;
  readonly points: number;
  readonly currency: string;
  readonly lines: number;
  readonly delivered: number;
}

/** What followers of a tenant's board receive: an order now as shown, or gone from the board. */
export type BoardChange =
  | { readonly type: 'upsert'; readonly order: BoardOrder }
  | { readonly type: 'removed'; readonly orderId: string; readonly because: ClosedBecause };

/** Open orders grouped by state, oldest first. */
export type OpenOrders = { readonly [S in BoardState]: readonly BoardOrder[] };

/** The operator order board of every tenant. */
export interface OrderBoard {
  readonly apply: (input: BoardInput) => void;
  readonly openOrders: (tenantId: string) => OpenOrders;
  /**
   * Follows one tenant's board from now on; every follower gets every change. A follower more
   * than `maxQueue` changes behind is dropped (its `next` rejects) so it reloads `openOrders`.
   */
  readonly follow: (
    tenantId: string,
    options?: { readonly maxQueue?: number },
  ) => AsyncIterableIterator<BoardChange>;
}

interface Follower {
  readonly push: (change: BoardChange) => void;
}

/** Thrown to a follower that fell too far behind. */
export class BoardFollowerDroppedError extends Error {
  constructor(readonly tenantId: string) {
    super(`The order board of ${tenantId} moved on too far for this screen; reload the open orders.`);
    this.name = 'BoardFollowerDroppedError';
  }
}

type Fields = Omit<BoardOrder, 'customerId' | 'state' | 'placedAt' | 'delivered'>;

/**
 * An order as shown: `fields` (an input or the order before) with its placing time, customer,
 * state and delivered count. Spelled out, one literal with a note and one without: a spread, even
 * of `{ note }`, copies key by key through the runtime, and this runs for every order event.
 */
const boardOrder = (
  fields: Fields,
  placedAt: string,
  customerId: string,
  state: BoardState,
  delivered: number,
): BoardOrder =>
  fields.note === undefined
    ? {
        orderId: fields.orderId,
        customerId,
        state,
        placedAt,
        paymentMethod: fields.paymentMethod,
        money: fields.money,
        points: fields.points,
        currency: fields.currency,
        lines: fields.lines,
        delivered,
      }
    : {
        orderId: fields.orderId,
        customerId,
        state,
        placedAt,
        paymentMethod: fields.paymentMethod,
        note: fields.note,
        money: fields.money,
        points: fields.points,
        currency: fields.currency,
        lines: fields.lines,
        delivered,
      };

/** Creates an empty board. */
export const orderBoard = (): OrderBoard => {
  const tenants = new Map<string, Map<string, BoardOrder>>();
  const followers = new Map<string, Set<Follower>>();
  const ordersOf = (tenantId: string) => {
    let orders = tenants.get(tenantId);
    if (orders === undefined) tenants.set(tenantId, (orders = new Map()));
    return orders;
  };
  // Changes are built only for a tenant someone follows: a rebuild has no follower, and an object
  // per event for nobody is garbage.
  const followed = (tenantId: string) => (followers.get(tenantId)?.size ?? 0) > 0;
  const publish = (tenantId: string, change: BoardChange) => {
    for (const f of followers.get(tenantId) ?? []) f.push(change);
  };

  const apply = (input: BoardInput) => {
    const orders = ordersOf(input.tenantId);
    if (input.type === 'placed') {
      const order = boardOrder(input, input.at, input.customerId, 'placed', 0);
      orders.set(input.orderId, order);
      if (followed(input.tenantId)) publish(input.tenantId, { type: 'upsert', order });
      return;
    }
    const current = orders.get(input.orderId);
    if (current === undefined) return;
    if (input.type === 'closed') {
      orders.delete(input.orderId);
      if (followed(input.tenantId))
        publish(input.tenantId, { type: 'removed', orderId: input.orderId, because: input.because });
      return;
    }
    // A new object per change: followers and `openOrders` callers hold the orders they were handed.
    const order = boardOrder(
      current,
      current.placedAt,
      input.type === 'customerChanged' ? input.customerId : current.customerId,
      input.type === 'accepted' || input.type === 'paid' ? input.type : current.state,
      input.type === 'lineDelivered' ? current.delivered + 1 : current.delivered,
    );
    orders.set(input.orderId, order);
    if (followed(input.tenantId)) publish(input.tenantId, { type: 'upsert', order });
  };

  const openOrders = (tenantId: string): OpenOrders => {
    const all = [...(tenants.get(tenantId)?.values() ?? [])].sort(
      (a, b) => a.placedAt.localeCompare(b.placedAt) || a.orderId.localeCompare(b.orderId),
    );
    return {
      placed: all.filter((o) => o.state === 'placed'),
      accepted: all.filter((o) => o.state === 'accepted'),
      paid: all.filter((o) => o.state === 'paid'),
    };
  };

  const follow = (tenantId: string, options: { readonly maxQueue?: number } = {}) => {
    const maxQueue = options.maxQueue ?? 10_000;
    const queue: BoardChange[] = [];
    let wake: (() => void) | undefined;
    let state: 'open' | 'closed' | 'dropped' = 'open';
    const set = followers.get(tenantId) ?? new Set<Follower>();
    followers.set(tenantId, set);
    const leave = (why: 'closed' | 'dropped') => {
      state = why;
      set.delete(follower);
      wake?.();
      wake = undefined;
    };
    const follower: Follower = {
      push: (change) => {
        if (queue.length >= maxQueue) return leave('dropped');
        queue.push(change);
        wake?.();
        wake = undefined;
      },
    };
    set.add(follower);
    const iterator: AsyncIterableIterator<BoardChange> = {
      next: async () => {
        while (queue.length === 0 && state === 'open') await new Promise<void>((resolve) => (wake = resolve));
        if (state === 'dropped') throw new BoardFollowerDroppedError(tenantId);
        const change = queue.shift();
        return change === undefined ? { value: undefined, done: true } : { value: change, done: false };
      },
      return: async () => {
        leave('closed');
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  };

  return { apply, openOrders, follow };
};

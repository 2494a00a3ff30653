import * as E from 'fp-ts/Either';
import { customerEvents } from '../../customer/customerEvents';
import { evolveCustomer, initialCustomerState, type CustomerState } from '../../customer/customerState';
import { pipe } from 'fp-ts/function';
import { DomainError, type EventDecodeError, type PermissionError } from '../../kernel/errors';
import type { EventStore } from '../../kernel/eventStore';
import { readAggregate } from '../../kernel/readAggregate';
import type { StreamRevision } from '../../kernel/revision';
import { streamName } from '../../kernel/streamName';

/** A customer stream folded, with the revision it was read at. */
export interface CustomerSnapshot {
  readonly state: CustomerState;
  readonly revision: StreamRevision | 'no_stream';
}

/** Why reading a customer can fail. */
export type CustomerReadError = EventDecodeError | PermissionError | DomainError;

/** Reads and folds one customer stream (an unknown customer reads as not existing). */
export const readCustomerSnapshot = async (
  store: EventStore,
  tenantId: string,
  customerId: string,
): Promise<E.Either<CustomerReadError, CustomerSnapshot>> =>
  pipe(
    await readAggregate(
      store,
      { decider: { initialState: initialCustomerState, evolve: evolveCustomer }, events: customerEvents },
      streamName('customer', tenantId, customerId),
      tenantId,
    ),
    E.map(({ state, revision }) => ({ state, revision })),
  );

/** Where a customer id leads: the customer that stands for it now, and the merges on the way. */
export interface ResolvedCustomer {
  /** The id asked for, then each survivor in turn; the last one is `customerId`. */
  readonly chain: readonly string[];
  readonly customerId: string;
  readonly state: CustomerState;
}

// A chain longer than this can only come from corrupt data: merges never go in a circle.
const MAX_CHAIN = 64;

/** Follows merged-into tombstones to the survivor: A merged into B, then B into C, resolves A to C. */
export const resolveCustomer = async (
  store: EventStore,
  tenantId: string,
  customerId: string,
): Promise<E.Either<CustomerReadError, ResolvedCustomer>> => {
  const chain = [customerId];
  for (;;) {
    const current = chain[chain.length - 1] as string;
    const read = await readCustomerSnapshot(store, tenantId, current);
    if (E.isLeft(read)) return read;
    const { state } = read.right;
    if (!state.exists || state.status.kind !== 'merged')
      return E.right({ chain, customerId: current, state });
    const next = state.status.survivorId;
    if (chain.includes(next) || chain.length >= MAX_CHAIN)
      return E.left(
        new DomainError('customer.merge_chain_broken', `The merges starting at ${customerId} never end.`, {
          chain: [...chain, next],
        }),
      );
    chain.push(next);
  }
};

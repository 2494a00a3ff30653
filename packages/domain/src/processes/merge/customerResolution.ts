import * as E from 'fp-ts/Either';
import { customerEvents } from '../../customer/customerEvents';
import { evolveCustomer, initialCustomerState, type CustomerState } from '../../customer/customerState';
import { DomainError, PermissionError, type EventDecodeError } from '../../kernel/errors';
import type { EventStore } from '../../kernel/eventStore';
import { decodeEvent } from '../../kernel/handleCommand';
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
): Promise<E.Either<CustomerReadError, CustomerSnapshot>> => {
  let state = initialCustomerState();
  const stored = await store.readStream(streamName('customer', tenantId, customerId));
  for (const s of stored) {
    if (s.metadata.tenantId !== tenantId)
      return E.left(
        new PermissionError('tenant.sealed', `Stream ${s.streamName} holds an event of another tenant.`, {
          streamName: s.streamName,
          revision: s.revision,
        }),
      );
    const decoded = decodeEvent(customerEvents, s);
    if (E.isLeft(decoded)) return decoded;
    state = evolveCustomer(state, decoded.right.event);
  }
  const last = stored[stored.length - 1];
  return E.right({ state, revision: last === undefined ? 'no_stream' : last.revision });
};

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

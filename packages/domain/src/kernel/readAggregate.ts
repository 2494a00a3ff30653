import * as E from 'fp-ts/Either';
import type { AggregateFold } from './decider';
import type { Event, RecordedEvent, StoredEvent } from './envelope';
import {
  foreignTenantEvent,
  foreignTenantStream,
  type EventDecodeError,
  type PermissionError,
} from './errors';
import type { EventStore } from './eventStore';
import { decodeEvent } from './handleCommand';
import type { StreamRevision } from './revision';
import { remember, streamsOf, type StateCache } from './stateCache';
import { readAndFold } from './streamFold';
import { isStreamOfTenant } from './streamName';

export type { AggregateFold } from './decider';

/** A stream read and folded: its decoded events, the state they fold to, and the revision read at. */
export interface AggregateRead<Ev extends Event, S> {
  readonly events: readonly RecordedEvent<Ev>[];
  readonly state: S;
  readonly revision: StreamRevision | 'no_stream';
  /** The stream as read, for a command on it to fold instead of reading again (`handleCommand`'s `known`). */
  readonly stored: readonly StoredEvent[];
}

/**
 * Reads and folds one stream of `tenantId` (an unknown stream folds to the initial state); an event
 * of another tenant in it is refused as `tenant.sealed`.
 */
export const readAggregate = async <Ev extends Event, S>(
  store: EventStore,
  aggregate: AggregateFold<Ev, S>,
  streamName: string,
  tenantId: string,
): Promise<E.Either<EventDecodeError | PermissionError, AggregateRead<Ev, S>>> => {
  const events: RecordedEvent<Ev>[] = [];
  let state = aggregate.decider.initialState();
  const stored = await store.readStream(streamName);
  for (const s of stored) {
    if (s.metadata.tenantId !== tenantId) return E.left(foreignTenantEvent(s));
    const decoded = decodeEvent(aggregate.events, s);
    if (E.isLeft(decoded)) return decoded;
    events.push(decoded.right);
    state = aggregate.decider.evolve(state, decoded.right.event);
  }
  const last = stored[stored.length - 1];
  return E.right({ events, state, revision: last === undefined ? 'no_stream' : last.revision, stored });
};

/** A stream's state and the revision it was folded at. */
export interface StateRead<S> {
  readonly state: S;
  readonly revision: StreamRevision | 'no_stream';
}

/**
 * Folds one stream of `tenantId` to its state, through `cache` when given: a stream folded before
 * (by a command or a read) is read only from the cached revision on, and the fold is kept for the
 * next command or read. A stream named for another tenant, or holding its events, is refused as
 * `tenant.sealed`.
 */
export const readState = async <Ev extends Event, S>(
  store: EventStore,
  aggregate: AggregateFold<Ev, S>,
  streamName: string,
  tenantId: string,
  cache?: StateCache,
): Promise<E.Either<EventDecodeError | PermissionError, StateRead<S>>> => {
  // A cached fold was checked for the tenant of whoever folded it: the name decides who may see it.
  if (!isStreamOfTenant(streamName, tenantId))
    return E.left(foreignTenantStream(streamName, tenantId, 'read'));
  const streams = cache === undefined ? undefined : streamsOf(cache, store, aggregate);
  const folded = await readAndFold(store, aggregate, streamName, { tenantId }, streams);
  if (E.isLeft(folded)) return folded;
  const { state, revision, ids } = folded.right;
  if (cache !== undefined && streams !== undefined && ids !== undefined && revision !== 'no_stream')
    remember(cache, streams, streamName, { state, revision, commandIds: ids });
  return E.right({ state, revision });
};

import * as E from 'fp-ts/Either';
import type { Decider } from './decider';
import type { Event, RecordedEvent, StoredEvent } from './envelope';
import { foreignTenantEvent, type EventDecodeError, type PermissionError } from './errors';
import type { EventCatalog } from './eventCatalog';
import type { EventStore } from './eventStore';
import { decodeEvent } from './handleCommand';
import type { StreamRevision } from './revision';

/** What reading a stream needs of an aggregate: its events' schemas and how they fold. */
export interface AggregateFold<Ev extends Event, S> {
  readonly decider: Pick<Decider<never, Ev, S>, 'initialState' | 'evolve'>;
  readonly events: EventCatalog<Ev>;
}

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

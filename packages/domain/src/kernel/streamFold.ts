import * as E from 'fp-ts/Either';
import { checkedBy } from './checkedEvents';
import type { AggregateFold } from './decider';
import type { Event, RecordedEvent, StoredEvent } from './envelope';
import { EventDecodeError, foreignTenantEvent, type PermissionError } from './errors';
import type { EventCatalog } from './eventCatalog';
import { decodeFailure, decodeRecorded, recordedOf } from './decodeRecorded';
import type { EventStore } from './eventStore';
import type { StreamRevision } from './revision';
import type { CachedFold } from './stateCache';

/** The stream as folded: its state, revision and the events an earlier send of this command wrote. */
export interface Folded<Ev extends Event, S> {
  readonly state: S;
  readonly revision: StreamRevision | 'no_stream';
  readonly previous: readonly RecordedEvent<Ev>[];
  /** The command ids of the stream up to `revision`, when a cache keeps them. */
  readonly ids: Set<string> | undefined;
}

const noEvents: readonly never[] = [];

/** Decodes one stored event with a catalog; the error names stream, revision, type and field. */
export const decodeEvent = <Ev extends Event>(
  catalog: EventCatalog<Ev>,
  stored: StoredEvent,
): E.Either<EventDecodeError, RecordedEvent<Ev>> => {
  const decoded = decodeRecorded(catalog, stored);
  return decoded instanceof EventDecodeError ? E.left(decoded) : E.right(decoded);
};

/** Who folds a stream: its tenant (every event must be of it), and the command it is for, if any. */
export interface FoldReader {
  readonly tenantId: string;
  /** The events this command wrote earlier are handed back as `previous`. */
  readonly commandId?: string | undefined;
}

/** Folds `stored` onto a starting point: the initial state, or a cached fold of the stream's head. */
const fold = <Ev extends Event, S>(
  aggregate: AggregateFold<Ev, S>,
  stored: readonly StoredEvent[],
  reader: FoldReader,
  from: Pick<Folded<Ev, S>, 'state' | 'revision'>,
  commandIds: Set<string> | undefined,
): E.Either<EventDecodeError | PermissionError, Folded<Ev, S>> => {
  const { evolve } = aggregate.decider;
  const catalog = aggregate.events;
  const { tenantId, commandId } = reader;
  let state = from.state;
  let previous: RecordedEvent<Ev>[] | undefined;
  for (const s of stored) {
    if (s.metadata.tenantId !== tenantId) return E.left(foreignTenantEvent(s));
    let event: Ev;
    // An event this catalog checked on its way into a sealed store decodes to its own data. (Handing
    // `evolve` the stored event itself saves this object but made folds slower: `evolve` then met
    // two shapes, stored events and the decider's own.)
    if (checkedBy(s, catalog)) event = { type: s.type, data: s.data } as Ev;
    else {
      const decoded = catalog.decode(s.type, s.data, s.metadata.schemaVersion);
      if (E.isLeft(decoded)) return E.left(decodeFailure(s, decoded.left));
      event = decoded.right;
    }
    state = evolve(state, event);
    if (s.metadata.commandId === commandId) (previous ??= []).push(recordedOf(s, event));
    commandIds?.add(s.metadata.commandId);
  }
  const last = stored[stored.length - 1];
  return E.right({
    state,
    revision: last === undefined ? from.revision : last.revision,
    previous: previous ?? noEvents,
    ids: commandIds,
  });
};

/** Folds a stream the caller read from its start, as `readAndFold` folds one it reads itself. */
export const foldKnown = <Ev extends Event, S>(
  aggregate: AggregateFold<Ev, S>,
  stored: readonly StoredEvent[],
  reader: FoldReader,
  caching: boolean,
): E.Either<EventDecodeError | PermissionError, Folded<Ev, S>> => {
  const from = { state: aggregate.decider.initialState(), revision: 'no_stream' as const };
  return fold(aggregate, stored, reader, from, caching ? new Set<string>() : undefined);
};

/**
 * Reads and folds the stream: from a cached fold when one is there and the reader's command is
 * not in it (then only the events after it are read), else from the start.
 */
export const readAndFold = async <Ev extends Event, S>(
  store: EventStore,
  aggregate: AggregateFold<Ev, S>,
  streamName: string,
  reader: FoldReader,
  streams: Map<string, CachedFold> | undefined,
): Promise<E.Either<EventDecodeError | PermissionError, Folded<Ev, S>>> => {
  const cached = streams?.get(streamName);
  if (cached !== undefined && (reader.commandId === undefined || !cached.commandIds.has(reader.commandId))) {
    const next = cached.revision + 1n;
    const tail = await store.readStream(streamName, { fromRevision: next });
    // A tail that does not start right after the cached revision means the stream is not what
    // the cache saw: fold it again from the start.
    if (tail.length === 0 || tail[0]?.revision === next) {
      const from = { state: cached.state as S, revision: cached.revision };
      return fold(aggregate, tail, reader, from, cached.commandIds);
    }
  }
  return foldKnown(aggregate, await store.readStream(streamName), reader, streams !== undefined);
};

import type { AggregateFold } from './decider';
import type { Event } from './envelope';
import type { EventStore } from './eventStore';
import type { StreamRevision } from './revision';

/** A stream folded up to `revision`, and the command ids of every event up to there. */
export interface CachedFold {
  readonly state: unknown;
  readonly revision: StreamRevision;
  /** Shared by the entries that follow this one; may also hold ids of later events, never fewer. */
  readonly commandIds: Set<string>;
}

/**
 * Folded states remembered between commands, per store, fold (the decider's `evolve` and
 * `initialState`), catalog and stream, so that a command on a long stream reads only its tail.
 * Deciders built per call (e.g. per shop policy) share entries when they fold alike. Every hit still reads the stream from the cached
 * revision on, so events appended by anyone else are always folded in; a conflict drops the
 * entry. Opt-in because it relies on states being values: `evolve` must return a new state and
 * never change the one it is given, and callers must not change `CommandResult.state`.
 * It assumes streams only grow (the `EventStore` port has no delete or truncate).
 */
export interface StateCache {
  /** Streams remembered per store and aggregate; the least recently used are forgotten first. */
  readonly maxStreams: number;
  /** @internal */
  readonly entries: WeakMap<
    EventStore,
    WeakMap<object, WeakMap<object, WeakMap<object, Map<string, CachedFold>>>>
  >;
  /** @internal The streams of the last store and aggregate looked up (held until the next miss): most commands repeat them. */
  readonly recent: RecentStreams;
}

interface RecentStreams {
  store?: EventStore;
  evolve?: object;
  initialState?: object;
  catalog?: object;
  streams?: Map<string, CachedFold>;
}

/** A cache of folded states for `handleCommand`'s `cache` option. */
export const stateCache = (options: { readonly maxStreams?: number } = {}): StateCache => ({
  maxStreams: options.maxStreams ?? 10_000,
  entries: new WeakMap(),
  recent: {},
});

/** @internal The cached folds of one store and fold. */
export const streamsOf = <Ev extends Event, S>(
  cache: StateCache,
  store: EventStore,
  aggregate: AggregateFold<Ev, S>,
): Map<string, CachedFold> => {
  const { evolve, initialState } = aggregate.decider;
  const recent = cache.recent;
  if (
    recent.streams !== undefined &&
    recent.store === store &&
    recent.evolve === evolve &&
    recent.initialState === initialState &&
    recent.catalog === aggregate.events
  )
    return recent.streams;
  let byEvolve = cache.entries.get(store);
  if (byEvolve === undefined) cache.entries.set(store, (byEvolve = new WeakMap()));
  let byInitial = byEvolve.get(evolve);
  if (byInitial === undefined) byEvolve.set(evolve, (byInitial = new WeakMap()));
  let byCatalog = byInitial.get(initialState);
  if (byCatalog === undefined) byInitial.set(initialState, (byCatalog = new WeakMap()));
  let streams = byCatalog.get(aggregate.events);
  if (streams === undefined) byCatalog.set(aggregate.events, (streams = new Map()));
  Object.assign(recent, { store, evolve, initialState, catalog: aggregate.events, streams });
  return streams;
};

/**
 * Forgets the cached fold of one stream, for a fold that stopped being a function of the stream's
 * events alone (a forgotten customer's key was destroyed, so its events now decode erased).
 */
export const dropCachedFold = <Ev extends Event, S>(
  cache: StateCache | undefined,
  store: EventStore,
  aggregate: AggregateFold<Ev, S>,
  streamName: string,
): void => {
  if (cache !== undefined) streamsOf(cache, store, aggregate).delete(streamName);
};

/** @internal Files a fold, keeping the newer of two and forgetting the least recently used. */
export const remember = (
  cache: StateCache,
  streams: Map<string, CachedFold>,
  name: string,
  entry: CachedFold,
) => {
  const known = streams.get(name);
  // Two commands on one stream may finish out of order: keep the newer fold. A fold that read
  // nothing new is the one already kept.
  if (
    known !== undefined &&
    (known.revision > entry.revision || (known.revision === entry.revision && known.state === entry.state))
  )
    return;
  streams.delete(name);
  streams.set(name, entry);
  if (streams.size > cache.maxStreams) {
    const oldest = streams.keys().next();
    if (oldest.done !== true) streams.delete(oldest.value);
  }
};

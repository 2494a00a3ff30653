import * as E from 'fp-ts/Either';
import { commandFingerprint, sameCommand } from './commandHash';
import type { Command, DecisionError, Decider } from './decider';
import type { Event, EventMetadata, EventToAppend, RecordedEvent, StoredEvent } from './envelope';
import {
  ConcurrencyError,
  EventDecodeError,
  foreignTenantEvent,
  IdempotencyConflictError,
  InvalidEventError,
  PermissionError,
} from './errors';
import type { EventCatalog, SchemaFailure } from './eventCatalog';
import type { EventStore } from './eventStore';
import { firstEventId, nthId } from './ids';
import type { StreamRevision } from './revision';
import { isStreamOfTenant } from './streamName';
import { checkedBy, checkedEventToAppend } from './checkedEvents';
import { instantText } from './clock';

/** A decider together with the catalog that stores its events. */
export interface Aggregate<C extends Command, Ev extends Event, S> {
  readonly decider: Decider<C, Ev, S>;
  readonly events: EventCatalog<Ev>;
}

/** Every way `handleCommand` can fail without throwing. */
export type CommandError =
  DecisionError | ConcurrencyError | EventDecodeError | InvalidEventError | IdempotencyConflictError;

/** What a handled command produced. */
export interface CommandResult<Ev extends Event, S> {
  readonly streamName: string;
  /** The events this command wrote (or, when `idempotent`, wrote the first time it was sent). */
  readonly events: readonly CommittedEvent<Ev>[];
  /** State after the command's events. */
  readonly state: S;
  /** Revision of the stream's last event, or 'no_stream' if it has none. */
  readonly revision: StreamRevision | 'no_stream';
  /** True when the command had been handled before and nothing was written now. */
  readonly idempotent: boolean;
}

/** An event a command wrote, with its place in the stream. */
export type CommittedEvent<Ev extends Event> = Omit<RecordedEvent<Ev>, 'position'>;

/** Tuning of the read-decide-append loop. */
export interface HandleCommandOptions {
  /** How many times to read, decide and append before giving up on a busy stream (default 10). */
  readonly maxAttempts?: number;
  /**
   * Keeps folded states between commands, so a command reads and decodes only the events
   * appended since (see `stateCache`). Without it every command folds its whole stream.
   */
  readonly cache?: StateCache | undefined;
  /**
   * The whole stream as the caller has just read it (`readStream`, forwards from the start): the
   * first attempt folds it instead of reading again. If the stream has moved on since, the append
   * conflicts and the next attempt reads it afresh, so a stale copy costs a retry, never a mistake.
   */
  readonly known?: readonly StoredEvent[] | undefined;
}

/** A stream folded up to `revision`, and the command ids of every event up to there. */
interface CachedFold {
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

const streamsOf = (
  cache: StateCache,
  store: EventStore,
  aggregate: Aggregate<Command, Event, unknown>,
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
export const dropCachedFold = <C extends Command, Ev extends Event, S>(
  cache: StateCache | undefined,
  store: EventStore,
  aggregate: Aggregate<C, Ev, S>,
  streamName: string,
): void => {
  if (cache !== undefined)
    streamsOf(cache, store, aggregate as unknown as Aggregate<Command, Event, unknown>).delete(streamName);
};

const remember = (cache: StateCache, streams: Map<string, CachedFold>, name: string, entry: CachedFold) => {
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

/** The stream as folded: its state, revision and the events an earlier send of this command wrote. */
interface Folded<Ev extends Event, S> {
  readonly state: S;
  readonly revision: StreamRevision | 'no_stream';
  readonly previous: readonly RecordedEvent<Ev>[];
  /** The command ids of the stream up to `revision`, when a cache keeps them. */
  readonly ids: Set<string> | undefined;
}

const noEvents: readonly never[] = [];

const decodeError = (stored: StoredEvent, failure: SchemaFailure): EventDecodeError =>
  new EventDecodeError(stored.streamName, stored.revision, stored.type, failure.field, failure.reason);

const recorded = <Ev extends Event>(stored: StoredEvent, event: Ev): RecordedEvent<Ev> => ({
  event,
  metadata: stored.metadata,
  streamName: stored.streamName,
  revision: stored.revision,
  position: stored.position,
});

const decodeStored = <Ev extends Event>(
  catalog: EventCatalog<Ev>,
  stored: StoredEvent,
): E.Either<EventDecodeError, RecordedEvent<Ev>> => {
  if (checkedBy(stored, catalog))
    return E.right(recorded(stored, { type: stored.type, data: stored.data } as Ev));
  const decoded = catalog.decode(stored.type, stored.data, stored.metadata.schemaVersion);
  return E.isLeft(decoded)
    ? E.left(decodeError(stored, decoded.left))
    : E.right(recorded(stored, decoded.right));
};

/** Decodes one stored event with a catalog; the error names stream, revision, type and field. */
export const decodeEvent = decodeStored;

/** Folds `stored` onto a starting point: the initial state, or a cached fold of the stream's head. */
const fold = <C extends Command, Ev extends Event, S>(
  aggregate: Aggregate<C, Ev, S>,
  stored: readonly StoredEvent[],
  command: C,
  from: Pick<Folded<Ev, S>, 'state' | 'revision'>,
  commandIds: Set<string> | undefined,
): E.Either<EventDecodeError | PermissionError, Folded<Ev, S>> => {
  const { evolve } = aggregate.decider;
  const catalog = aggregate.events;
  const { tenantId, commandId } = command.metadata;
  let state = from.state;
  let previous: RecordedEvent<Ev>[] | undefined;
  for (const s of stored) {
    if (s.metadata.tenantId !== tenantId) return E.left(foreignTenantEvent(s));
    let event: Ev;
    // An event this catalog checked on its way into a sealed store decodes to its own data.
    if (checkedBy(s, catalog)) event = { type: s.type, data: s.data } as Ev;
    else {
      const decoded = aggregate.events.decode(s.type, s.data, s.metadata.schemaVersion);
      if (E.isLeft(decoded)) return E.left(decodeError(s, decoded.left));
      event = decoded.right;
    }
    state = evolve(state, event);
    if (s.metadata.commandId === commandId) (previous ??= []).push(recorded(s, event));
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
const foldKnown = <C extends Command, Ev extends Event, S>(
  aggregate: Aggregate<C, Ev, S>,
  stored: readonly StoredEvent[],
  command: C,
  caching: boolean,
): E.Either<EventDecodeError | PermissionError, Folded<Ev, S>> => {
  const from = { state: aggregate.decider.initialState(), revision: 'no_stream' as const };
  return fold(aggregate, stored, command, from, caching ? new Set<string>() : undefined);
};

/**
 * Reads and folds the stream: from a cached fold when one is there and this command is not in
 * it (then only the events after it are read), else from the start.
 */
const readAndFold = async <C extends Command, Ev extends Event, S>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S>,
  streamName: string,
  command: C,
  streams: Map<string, CachedFold> | undefined,
): Promise<E.Either<EventDecodeError | PermissionError, Folded<Ev, S>>> => {
  const cached = streams?.get(streamName);
  if (cached !== undefined && !cached.commandIds.has(command.metadata.commandId)) {
    const next = cached.revision + 1n;
    const tail = await store.readStream(streamName, { fromRevision: next });
    // A tail that does not start right after the cached revision means the stream is not what
    // the cache saw: fold it again from the start.
    if (tail.length === 0 || tail[0]?.revision === next) {
      const from = { state: cached.state as S, revision: cached.revision };
      return fold(aggregate, tail, command, from, cached.commandIds);
    }
  }
  return foldKnown(aggregate, await store.readStream(streamName), command, streams !== undefined);
};

const envelope = <Ev extends Event>(
  aggregate: Aggregate<Command, Ev, unknown>,
  streamName: string,
  command: Command,
  hash: string,
  events: readonly Ev[],
): E.Either<InvalidEventError, EventToAppend[]> => {
  const out: EventToAppend[] = [];
  const m = command.metadata;
  // The first event keeps the id it always had; the others derive theirs from it (see `nthId`).
  const firstId = firstEventId(streamName, m.commandId);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Ev;
    const encoded = aggregate.events.encode(event);
    if (E.isLeft(encoded)) {
      return E.left(
        new InvalidEventError(
          'event.invalid',
          `Refused to write ${event.type}: field "${encoded.left.field}" ${encoded.left.reason}.`,
          { eventType: event.type, ...encoded.left },
        ),
      );
    }
    const eventId = nthId(firstId, i);
    const metadata: EventMetadata = {
      eventId,
      commandId: m.commandId,
      commandHash: hash,
      correlationId: m.correlationId ?? m.commandId,
      causationId: m.causationId ?? m.commandId,
      tenantId: m.tenantId,
      actor: m.actor,
      occurredAt: instantText(m.now),
      schemaVersion: encoded.right.schemaVersion,
    };
    const { type, data, decodesAsIs } = encoded.right;
    out.push(
      decodesAsIs === true
        ? checkedEventToAppend(aggregate.events, eventId, type, data, metadata)
        : { eventId, type, data, metadata },
    );
  }
  return E.right(out);
};

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads the stream, folds it, decides, and appends at the revision it read; on a concurrency
 * conflict it reads and decides again. A command whose `commandId` already wrote to the stream
 * writes nothing and returns what it wrote the first time.
 */
export const handleCommand = async <C extends Command, Ev extends Event, S>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S>,
  streamName: string,
  command: C,
  options: HandleCommandOptions = {},
): Promise<E.Either<CommandError, CommandResult<Ev, S>>> => {
  if (!isStreamOfTenant(streamName, command.metadata.tenantId)) {
    return E.left(
      new PermissionError(
        'tenant.sealed',
        `Tenant ${command.metadata.tenantId} cannot write to stream ${streamName}.`,
        { streamName, tenantId: command.metadata.tenantId },
      ),
    );
  }
  const hash = commandFingerprint(command.type, command.data);
  const maxAttempts = options.maxAttempts ?? 10;
  let lastConflict: ConcurrencyError | undefined;

  const cache = options.cache;
  const streams =
    cache === undefined
      ? undefined
      : streamsOf(cache, store, aggregate as unknown as Aggregate<Command, Event, unknown>);

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const known = attempt === 1 ? options.known : undefined;
    const folded =
      known === undefined
        ? await readAndFold(store, aggregate, streamName, command, streams)
        : foldKnown(aggregate, known, command, streams !== undefined);
    if (E.isLeft(folded)) return folded;
    const { state, revision, previous, ids } = folded.right;
    if (cache !== undefined && streams !== undefined && ids !== undefined && revision !== 'no_stream')
      remember(cache, streams, streamName, { state, revision, commandIds: ids });

    const first = previous[0];
    if (first !== undefined) {
      return sameCommand(first.metadata.commandHash, hash, command.type, command.data)
        ? E.right({ streamName, events: previous, state, revision, idempotent: true })
        : E.left(new IdempotencyConflictError(command.metadata.commandId));
    }

    const decision = aggregate.decider.decide(command, state);
    if (E.isLeft(decision)) return decision;
    if (decision.right.length === 0) {
      return E.right({ streamName, events: [], state, revision, idempotent: false });
    }

    const toAppend = envelope(
      aggregate as Aggregate<Command, Ev, unknown>,
      streamName,
      command,
      hash,
      decision.right,
    );
    if (E.isLeft(toAppend)) return toAppend;

    const appended = await store.appendToStream(streamName, toAppend.right, { expectedRevision: revision });
    if (E.isLeft(appended)) {
      lastConflict = appended.left;
      streams?.delete(streamName);
      await yieldToOthers();
      continue;
    }

    const last = appended.right.nextExpectedRevision;
    const count = toAppend.right.length;
    let next = state;
    const events = decision.right.map((event, i): CommittedEvent<Ev> => {
      next = aggregate.decider.evolve(next, event);
      const written = toAppend.right[i] as EventToAppend;
      // Most commands write one event: its revision is the stream's, with no bigint arithmetic.
      const revision = i === count - 1 ? last : last - BigInt(count - 1 - i);
      return { event, metadata: written.metadata, streamName, revision };
    });
    if (cache !== undefined && streams !== undefined && ids !== undefined) {
      ids.add(command.metadata.commandId);
      remember(cache, streams, streamName, {
        state: next,
        revision: appended.right.nextExpectedRevision,
        commandIds: ids,
      });
    }
    return E.right({
      streamName,
      events,
      state: next,
      revision: appended.right.nextExpectedRevision,
      idempotent: false,
    });
  }
  return E.left(
    new ConcurrencyError(
      streamName,
      lastConflict?.expected ?? 'any',
      lastConflict?.actual ?? 'no_stream',
      maxAttempts,
    ),
  );
};

import {
  decodingCatalog,
  EventDecodeError as EventDecodeErrorExport,
  type EventDecodeError as DecodeFailure,
  type Event,
  type EventCatalog,
  type EventFilter,
  type RecordedEvent,
  type EventStore,
  type Position,
  type StoredEvent,
} from '@tillstream/domain';
import type { Checkpoint, CheckpointStore, ExpectedCheckpoint } from './checkpointStore';
import { PoisonEventError } from './errors';
import type { Projection } from './projection';
import type { DeadLetter, PoisonPolicy, ProjectionStatus, RunnerState } from './projectionStatus';

// Read once at load: a package's exports are getters in a dictionary of a few hundred names
// (about 0.1 µs a read, each time), and these are used for every event.
const EventDecodeError = EventDecodeErrorExport;

/** What every lane of a group shares: the store, the checkpoints, the policies, and the group's run. */
export interface LaneContext {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly policy: PoisonPolicy;
  readonly every: number;
  readonly onDeadLetter: ((letter: DeadLetter) => void) | undefined;
  readonly lagLimit: number;
  /** Whether `run` is still the group's current run: a stop or a restart ends it. */
  readonly current: (run: number) => boolean;
  /** Told when a lane fails, so the group lets go of its subscription once no lane is left. */
  readonly failed: () => void;
  /** Decodes an event with a catalog, once per event and catalog for the whole group. */
  readonly decode: (
    catalog: EventCatalog<Event>,
    stored: StoredEvent,
  ) => RecordedEvent<Event> | DecodeFailure;
}

/**
 * One projection inside a group: its model, position, checkpoint, poison handling and waiters,
 * exactly as a runner of its own would keep them. The group hands it every event of its
 * subscription; the lane takes those its filter selects.
 */
export interface ProjectionLane {
  readonly projection: Projection<unknown, Event>;
  readonly filter: EventFilter;
  readonly state: () => RunnerState;
  /** What the lane does with events of `type` (its filter, its catalog): the same for every event of it. */
  readonly routeOf: (type: string) => Route;
  /** Loads the checkpoint and opens the model; returns the position to resume after (undefined: from the start). */
  readonly start: () => Promise<Position | undefined>;
  /**
   * Takes one event of run `run` whose type routes as `route` (never `SKIP`: the group hands a lane
   * only the types it takes, and only from streams its filter selects, unless the lane tests them
   * itself); `fresh` says the event lies past every position the group's lanes hold, so it cannot
   * have been applied. Returns a promise only when it has to wait (an async apply, a save).
   */
  readonly take: (run: number, stored: StoredEvent, route: Route, fresh: boolean) => void | Promise<void>;
  readonly caughtUp: (run: number) => void;
  readonly fail: (error: Error) => void;
  readonly stop: () => Promise<void>;
  readonly model: () => unknown;
  readonly status: () => Promise<ProjectionStatus>;
  /** Resolves once every selected event up to `until` is applied; rejects if the lane fails or is stopped first. */
  readonly waitUntil: (until: Position | undefined) => Promise<void>;
  readonly deadLetters: () => readonly DeadLetter[];
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

/** Whether `subject` starts with one of `prefixes` (a plain loop: it runs for every lane on every event of a group). */
const startsWithAny = (subject: string, prefixes: readonly string[]): boolean => {
  for (let i = 0; i < prefixes.length; i++) if (subject.startsWith(prefixes[i] as string)) return true;
  return false;
};

/**
 * What a lane does with an event of one type: pass it by (its filter does not select the type),
 * settle it unapplied (selected, but not in its catalog), or decode it with this catalog and apply it.
 */
export type Route = typeof SKIP | typeof SETTLE | EventCatalog<Event>;
/** The lane's filter does not select the type. */
export const SKIP = 0;
/** Selected, but not in the lane's catalog: the position moves, nothing is applied. */
export const SETTLE = 1;

/**
 * Creates the lane of `projection`. `alone` says the group's subscription already selects
 * exactly this lane's events, so it does not test their types again; `testsStreams` that the lane
 * tests each event's stream against its stream-prefix filter itself (the group tests them for
 * the lanes it can, once per event for all of them).
 */
export const projectionLane = (
  projection: Projection<unknown, Event>,
  context: LaneContext,
  alone: boolean,
  testsStreams: boolean,
): ProjectionLane => {
  const filter: EventFilter = projection.filter ?? { kind: 'eventType', prefixes: projection.events.types };
  const { prefixes } = filter;
  const byStream = filter.kind === 'streamPrefix';
  const { events } = projection;
  // An event-type filter, `has` and the decoding part (a part shared with other projections, or the
  // catalog itself) all depend on the type only: the group asks once per type and keeps the answer.
  const routeOf = (type: string): Route =>
    !byStream && !alone && !startsWithAny(type, prefixes)
      ? SKIP
      : !events.has(type)
        ? SETTLE
        : decodingCatalog(events as EventCatalog<Event>, type);

  let model: unknown;
  let opened = false;
  let position: Position | undefined;
  let saved: ExpectedCheckpoint = 'none';
  let unsaved = 0;
  let state: RunnerState = 'stopped';
  let lastError: Error | undefined;
  const parked: DeadLetter[] = [];
  // Waiters sleep on one promise, woken when the lane passes `wakeAt` or changes state: not on
  // every event (a rebuild would make and settle a promise per event for nothing).
  let notify: () => void = () => undefined;
  let progress: Promise<void> | undefined;
  let wakeAt: Position | undefined;

  const signal = () => {
    if (progress === undefined) return;
    const wake = notify;
    progress = undefined;
    wakeAt = undefined;
    wake();
  };
  const waitPast = (at: Position): Promise<void> => {
    if (wakeAt === undefined || at < wakeAt) wakeAt = at;
    return (progress ??= new Promise<void>((resolve) => (notify = resolve)));
  };

  const fail = (error: Error) => {
    lastError = error;
    state = 'failed';
    signal();
    context.failed();
  };

  const save = async () => {
    if (position === undefined || unsaved === 0) return;
    const checkpoint: Checkpoint = { position, version: projection.version };
    await context.checkpoints.save(projection.name, checkpoint, saved);
    saved = checkpoint;
    unsaved = 0;
  };

  const poisonOf = (stored: StoredEvent, cause: Error) =>
    new PoisonEventError(
      projection.name,
      stored.streamName,
      stored.revision,
      stored.position,
      stored.type,
      cause,
    );

  /** After an event was applied (or found poison): park or stop by policy, move on, save when due. */
  const settle = (
    run: number,
    stored: StoredEvent,
    poison: PoisonEventError | undefined,
  ): void | Promise<void> => {
    if (!context.current(run) || state === 'failed') return undefined;
    if (poison !== undefined) {
      // Keep the good events before it; a failed save only means a restart re-reaches the poison later.
      if (context.policy === 'stop')
        return save().then(
          () => fail(poison),
          () => fail(poison),
        );
      const letter = { event: stored, error: poison };
      parked.push(letter);
      lastError = poison;
      context.onDeadLetter?.(letter);
    }
    position = stored.position;
    if (++unsaved >= context.every)
      return save().then(
        () => {
          if (wakeAt !== undefined && position !== undefined && position >= wakeAt) signal();
        },
        (e: unknown) => fail(asError(e)),
      );
    if (wakeAt !== undefined && position >= wakeAt) signal();
    return undefined;
  };

  const take = (run: number, stored: StoredEvent, route: Route, fresh: boolean): void | Promise<void> => {
    // At-least-once made safe: anything at or below what was applied has been applied.
    if (state === 'failed' || (!fresh && position !== undefined && stored.position <= position))
      return undefined;
    if (testsStreams && !startsWithAny(stored.streamName, prefixes)) return undefined;
    if (route === SETTLE) return settle(run, stored, undefined);
    const decoded = context.decode(route as EventCatalog<Event>, stored);
    if (decoded instanceof EventDecodeError) return settle(run, stored, poisonOf(stored, decoded));
    let next: unknown;
    try {
      next = projection.apply(model, decoded);
    } catch (e) {
      return settle(run, stored, poisonOf(stored, asError(e)));
    }
    // The model given back as it was (large indexes change in place) is no promise: an awaited model never is.
    if (next === model || !isThenable(next)) {
      model = next;
      return settle(run, stored, undefined);
    }
    return Promise.resolve(next).then(
      (applied) => {
        model = applied;
        return settle(run, stored, undefined);
      },
      (e: unknown) => settle(run, stored, poisonOf(stored, asError(e))),
    );
  };

  const start = async () => {
    lastError = undefined;
    const loaded = await context.checkpoints.load(projection.name);
    saved = loaded ?? 'none';
    const resumable = loaded !== undefined && loaded.version === projection.version;
    if (resumable && projection.resume !== undefined) {
      model = await projection.resume(loaded);
      position = loaded.position;
    } else {
      // In-memory model, first run, or a new version: rebuild from the start of the log.
      model = await projection.init();
      position = undefined;
    }
    opened = true;
    unsaved = 0;
    state = 'catching-up';
    return position;
  };

  const caughtUp = (run: number) => {
    if (!context.current(run) || state === 'failed') return;
    state = 'live';
    void save().catch((e: unknown) => fail(asError(e)));
    signal();
  };

  const stop = async () => {
    if (state === 'stopped' || state === 'failed') return;
    state = 'stopped';
    try {
      await save();
    } finally {
      signal();
    }
  };

  /** The position of the next selected event after ours, if any. */
  const nextSelected = async (): Promise<Position | undefined> => {
    const [next] = await context.store.readAll(
      position === undefined ? { filter, maxCount: 1 } : { after: position, filter, maxCount: 1 },
    );
    return next?.position;
  };

  const waitUntil = async (until: Position | undefined) => {
    // `state` changes across awaits; reading it through a function keeps the compiler from narrowing it.
    const now = (): RunnerState => state;
    for (;;) {
      if (now() === 'failed') throw lastError ?? new Error(`Projection ${projection.name} failed`);
      if (until === undefined || (position !== undefined && position >= until)) return;
      const waiting = waitPast(until);
      // While catching up, the subscription delivers everything up to the head it reaches before
      // reporting it caught up, so the waiter sleeps until then (or until `until` is passed).
      // Otherwise the next selected event at or before `until`, if any, is what it waits for.
      if (now() !== 'catching-up') {
        const due = await nextSelected();
        if (now() !== 'failed' && (due === undefined || due > until)) return;
        if (due !== undefined) {
          if (position !== undefined && position >= due) continue;
          void waitPast(due);
        }
      }
      if (now() === 'stopped') throw new Error(`Projection ${projection.name} is stopped`);
      await waiting;
    }
  };

  const status = async (): Promise<ProjectionStatus> => {
    const cap = context.lagLimit;
    const [head, behind] = await Promise.all([
      context.store.headPosition(),
      context.store.readAll(
        position === undefined ? { filter, maxCount: cap } : { after: position, filter, maxCount: cap },
      ),
    ]);
    return {
      name: projection.name,
      version: projection.version,
      state,
      position,
      head,
      lag: { events: behind.length, atLeast: behind.length >= cap },
      lastError,
      deadLetters: parked.length,
    };
  };

  return {
    projection,
    filter,
    state: () => state,
    routeOf,
    start,
    take,
    caughtUp,
    fail,
    stop,
    model: () => {
      if (!opened) throw new Error(`Projection ${projection.name} has not been started`);
      return model;
    },
    status,
    waitUntil,
    deadLetters: () => [...parked],
  };
};

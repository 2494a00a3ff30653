import {
  decodeRecorded as decodeRecordedExport,
  type Event,
  type EventCatalog,
  type EventDecodeError,
  type EventFilter,
  type EventStore,
  type Position,
  type RecordedEvent,
  type StoredEvent,
  type Subscription,
} from '@tillstream/domain';
import type { Checkpoint, CheckpointStore } from './checkpointStore';
import type { Projection } from './projection';
import { projectionLane, SKIP, type LaneContext, type ProjectionLane, type Route } from './projectionLane';
import type { DeadLetter, PoisonPolicy, ProjectionStatus } from './projectionStatus';
import { STREAM_BITS, streamSelection } from './streamSelection';

// Read once at load: a package's exports are getters in a dictionary of a few hundred names
// (about 0.1 µs a read, each time), and these are used for every event.
const decodeRecorded = decodeRecordedExport;

/** Any projection, whatever its model and events: what a group runs side by side. */
export interface AnyProjection {
  readonly name: string;
  readonly version: number;
  readonly events: Pick<EventCatalog<Event>, 'types' | 'has' | 'decode'>;
  readonly filter?: EventFilter;
  readonly init: () => unknown;
  readonly resume?: (checkpoint: Checkpoint) => unknown;
  readonly apply: (model: never, event: RecordedEvent<never>) => unknown;
}

/** The model a projection builds. */
export type ModelOf<P> = P extends { readonly init: () => infer M } ? Awaited<M> : never;

/** Everything a group needs; the policies apply to each projection on its own. */
export interface ProjectionGroupOptions<Ps extends readonly AnyProjection[]> {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /** At least one; each keeps its own checkpoint under its name, so names must differ. */
  readonly projections: Ps;
  /** Default `'stop'`: a poison event stops the projection that met it; the others go on. */
  readonly poison?: PoisonPolicy;
  /** Save each projection's checkpoint after this many of its events (default 1), on reaching the head and on stop. */
  readonly checkpointEvery?: number;
  /** Told of every parked event (its error names the projection). */
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /** Cap of the lag count in each status (default 10,000). */
  readonly lagLimit?: number;
}

/** One projection of a group: its model and status, and a way to wait for it. */
export interface ProjectionMember<Model> {
  readonly name: string;
  readonly model: () => Model;
  readonly status: () => Promise<ProjectionStatus>;
  /** Resolves once every event it selects up to `position` (default: the head now) is applied; rejects if it fails or is stopped. */
  readonly waitFor: (position?: Position) => Promise<void>;
  readonly deadLetters: () => readonly DeadLetter[];
}

/** Several projections fed from one subscription: the log is read once and each event handed to each. */
export interface ProjectionGroup<Models extends readonly unknown[]> {
  /** Loads every checkpoint and subscribes once, after the earliest of them; resolves once subscribed. */
  readonly start: () => Promise<void>;
  /** Unsubscribes and saves every checkpoint. */
  readonly stop: () => Promise<void>;
  /** The projections in the order given. */
  readonly members: { readonly [K in keyof Models]: ProjectionMember<Models[K]> };
  readonly status: () => Promise<readonly ProjectionStatus[]>;
  /**
   * Resolves once every projection has applied everything it selects up to `position` (default:
   * the head now), or has failed or been stopped; never rejects for a projection: read the statuses.
   */
  readonly waitFor: (position?: Position) => Promise<void>;
}

/** The lanes that take events of one type, each with its route and the stream bit it needs (0: any stream). */
interface Takers {
  readonly lanes: readonly ProjectionLane[];
  readonly routes: readonly Route[];
  readonly needs: readonly number[];
  /** Whether some lane needs a stream bit: else the event's stream is not looked at. */
  readonly byStream: boolean;
}

// A log holds a few dozen event types; the bound only keeps a stream of made-up types from growing it.
const ROUTED_TYPES = 10_000;

/** One filter selecting what any of `filters` selects; undefined (everything) when their kinds differ. */
const unionFilter = (filters: readonly EventFilter[]): EventFilter | undefined => {
  const [first] = filters;
  if (first === undefined || filters.some((f) => f.kind !== first.kind)) return undefined;
  return { kind: first.kind, prefixes: [...new Set(filters.flatMap((f) => f.prefixes))] };
};

/**
 * Runs several projections from one subscription to the log: each event is read once and handed
 * to each projection its filter selects, in the order given. Each projection keeps what a runner
 * of its own keeps — its model, its checkpoint (under its own name, saved by `checkpointEvery` of
 * its own events), its state and status, its poison handling and dead letters — so a poison event
 * stops (or is parked by) the projection that met it while the others go on. The subscription
 * starts after the earliest checkpoint; a projection drops what it has already applied.
 * Projections that read a type through the same catalog (or the same part of a
 * `combineCatalogs`) are handed one decoded event, shared: `apply` must not change it.
 * A failed projection stays failed until the group is stopped and started again.
 */
export const createProjectionGroup = <const Ps extends readonly AnyProjection[]>(
  options: ProjectionGroupOptions<Ps>,
): ProjectionGroup<{ readonly [K in keyof Ps]: ModelOf<Ps[K]> }> => {
  const { store } = options;
  if (options.projections.length === 0)
    throw new TypeError('A projection group needs at least one projection');
  const names = options.projections.map((p) => p.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined)
    throw new TypeError(`Projection ${twice} is twice in one group (one checkpoint per name)`);

  let run = 0;
  let running = false;
  let subscription: Subscription | undefined;

  const letGo = () => {
    running = false;
    run++;
    const s = subscription;
    subscription = undefined;
    // Not awaited: this may run inside the subscription's own handler, which unsubscribe waits for.
    void s?.unsubscribe();
  };

  // The decodings of the event being handed out, by catalog: projections reading a type through
  // the same catalog (or the same part of a `combineCatalogs`) share one decoded event. The first
  // `decoded` entries are this event's (the arrays are reused: emptying them per event costs more).
  let decodedFor: StoredEvent | undefined;
  let decoded = 0;
  const decodedBy: EventCatalog<Event>[] = [];
  const decodings: (RecordedEvent<Event> | EventDecodeError)[] = [];
  const decode = (catalog: EventCatalog<Event>, stored: StoredEvent) => {
    if (decodedFor !== stored) {
      decodedFor = stored;
      decoded = 0;
    }
    for (let i = 0; i < decoded; i++)
      if (decodedBy[i] === catalog) return decodings[i] as RecordedEvent<Event> | EventDecodeError;
    const decoding = decodeRecorded(catalog, stored);
    decodedBy[decoded] = catalog;
    decodings[decoded++] = decoding;
    return decoding;
  };

  const context: LaneContext = {
    decode,
    store,
    checkpoints: options.checkpoints,
    policy: options.poison ?? 'stop',
    every: Math.max(1, options.checkpointEvery ?? 1),
    onDeadLetter: options.onDeadLetter,
    lagLimit: options.lagLimit ?? 10_000,
    current: (r) => r === run,
    failed: () => {
      if (lanes.every((lane) => lane.state() === 'failed')) letGo();
    },
  };
  const alone = options.projections.length === 1;
  // A projection selecting by stream prefix gets one bit of the group's stream test (the first
  // STREAM_BITS of them; any further one tests its streams itself). Alone, the subscription's
  // filter is the projection's own, so nothing is tested again.
  const streamFilters: (readonly string[])[] = [];
  const bitOf = options.projections.map((p) => {
    if (alone || p.filter?.kind !== 'streamPrefix' || streamFilters.length >= STREAM_BITS) return 0;
    streamFilters.push(p.filter.prefixes);
    return 1 << (streamFilters.length - 1);
  });
  const selectedBy = streamSelection(streamFilters);
  // The projections' types are checked where the group is made; inside, a lane only passes each
  // projection its own model and the events its own catalog decoded.
  const lanes: readonly ProjectionLane[] = options.projections.map((p, i) =>
    projectionLane(
      p as unknown as Projection<unknown, Event>,
      context,
      alone,
      !alone && p.filter?.kind === 'streamPrefix' && bitOf[i] === 0,
    ),
  );
  const filter = unionFilter(lanes.map((lane) => lane.filter));
  // Past every position a lane of this run holds (undefined: none holds one): an event after it
  // cannot have been applied, so the lanes need not compare positions one by one.
  let ahead: Position | undefined;

  // Which lanes take each event type, and how (in the order given): decided once per type, so a
  // lane whose filter or catalog passes a type by is not even called for its events.
  const takersByType = new Map<string, Takers>();
  const takersOf = (type: string): Takers => {
    let takers = takersByType.get(type);
    if (takers === undefined) {
      const taking = lanes.map((lane, i) => ({ lane, route: lane.routeOf(type), need: bitOf[i] as number }));
      const kept = taking.filter(({ route }) => route !== SKIP);
      takers = {
        lanes: kept.map(({ lane }) => lane),
        routes: kept.map(({ route }) => route),
        needs: kept.map(({ need }) => need),
        byStream: kept.some(({ need }) => need !== 0),
      };
      if (takersByType.size < ROUTED_TYPES) takersByType.set(type, takers);
    }
    return takers;
  };

  const finish = async (
    pending: Promise<void>,
    mine: number,
    stored: StoredEvent,
    takers: Takers,
    from: number,
    selected: number,
    fresh: boolean,
  ) => {
    await pending;
    for (let i = from; i < takers.lanes.length && mine === run; i++) {
      const need = takers.needs[i] as number;
      if (need === 0 || (need & selected) !== 0)
        await (takers.lanes[i] as ProjectionLane).take(mine, stored, takers.routes[i] as Route, fresh);
    }
  };

  // Synchronous while every apply is: no promise per event, so the store's loop does not wait.
  const deliver = (mine: number, stored: StoredEvent): void | Promise<void> => {
    if (mine !== run) return undefined;
    const takers = takersOf(stored.type);
    const fresh = ahead === undefined || stored.position > ahead;
    if (fresh) ahead = stored.position;
    const selected = takers.byStream ? selectedBy(stored.streamName) : 0;
    for (let i = 0; i < takers.lanes.length; i++) {
      const need = takers.needs[i] as number;
      if (need !== 0 && (need & selected) === 0) continue;
      const lane = takers.lanes[i] as ProjectionLane;
      const pending = lane.take(mine, stored, takers.routes[i] as Route, fresh);
      if (pending !== undefined) return finish(pending, mine, stored, takers, i + 1, selected, fresh);
    }
    return undefined;
  };

  const start = async () => {
    if (running) return;
    running = true;
    const mine = ++run;
    let from: Position | undefined;
    let fromStart = false;
    let held: Position | undefined;
    try {
      for (const lane of lanes) {
        const after = await lane.start();
        if (after === undefined) fromStart = true;
        else {
          if (from === undefined || after < from) from = after;
          if (held === undefined || after > held) held = after;
        }
      }
    } catch (error) {
      // A checkpoint that did not load or a model that did not open: nothing runs, a later start may retry.
      if (mine === run) {
        running = false;
        run++;
      }
      throw error;
    }
    if (mine !== run) return;
    ahead = held;
    const after = fromStart ? undefined : from;
    subscription = store.subscribeToAll(
      {
        ...(after === undefined ? {} : { after }),
        ...(filter === undefined ? {} : { filter }),
      },
      {
        onEvent: (event) => deliver(mine, event),
        onCaughtUp: () => {
          if (mine === run) for (const lane of lanes) lane.caughtUp(mine);
        },
        onError: (error) => {
          if (mine === run) for (const lane of lanes) if (lane.state() !== 'failed') lane.fail(error);
        },
      },
    );
  };

  const stop = async () => {
    if (!running) return;
    running = false;
    run++;
    const s = subscription;
    subscription = undefined;
    await s?.unsubscribe();
    let failure: unknown;
    for (const lane of lanes) await lane.stop().catch((e: unknown) => (failure ??= e));
    if (failure !== undefined) throw failure;
  };

  const untilOf = async (target: Position | undefined) => target ?? (await store.headPosition());

  const members = lanes.map((lane): ProjectionMember<unknown> => ({
    name: lane.projection.name,
    model: lane.model,
    status: lane.status,
    waitFor: async (target) => lane.waitUntil(await untilOf(target)),
    deadLetters: lane.deadLetters,
  }));

  return {
    start,
    stop,
    members: members as unknown as { readonly [K in keyof Ps]: ProjectionMember<ModelOf<Ps[K]>> },
    status: () => Promise.all(lanes.map((lane) => lane.status())),
    waitFor: async (target) => {
      const until = await untilOf(target);
      await Promise.all(lanes.map((lane) => lane.waitUntil(until).catch(() => undefined)));
    },
  };
};

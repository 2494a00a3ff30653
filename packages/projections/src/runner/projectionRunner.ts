import * as E from 'fp-ts/Either';
import {
  decodeEvent,
  type Event,
  type EventFilter,
  type EventStore,
  type Position,
  type StoredEvent,
  type Subscription,
} from '@tillstream/domain';
import type { Checkpoint, CheckpointStore, ExpectedCheckpoint } from './checkpointStore';
import { PoisonEventError } from './errors';
import type { Projection } from './projection';

/** What the runner does with a poison event: stop there (default), or park it and go on. */
export type PoisonPolicy = 'stop' | 'dead-letter';

/** Where a runner is: reading history, following new events, stopped by its owner, or stopped by an error. */
export type RunnerState = 'stopped' | 'catching-up' | 'live' | 'failed';

/** A parked poison event, kept with the error that parked it. */
export interface DeadLetter {
  readonly event: StoredEvent;
  readonly error: PoisonEventError;
}

/** How far behind the head of the log a projection is. */
export interface Lag {
  /** Events selected by the projection's filter after its position (counted up to `atLeast`'s cap). */
  readonly events: number;
  /** True when counting stopped at the cap: the projection is at least `events` behind. */
  readonly atLeast: boolean;
}

/** A snapshot of a runner for dashboards and health checks. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly state: RunnerState;
  /** Last position applied (or parked); undefined before the first event. */
  readonly position: Position | undefined;
  /** Newest position in the whole log. */
  readonly head: Position | undefined;
  readonly lag: Lag;
  readonly lastError: Error | undefined;
  readonly deadLetters: number;
}

/** Everything a runner needs. */
export interface RunnerOptions<Model, E extends Event> {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly projection: Projection<Model, E>;
  /** Default `'stop'`: nothing is skipped unless the embedding app asks for dead-lettering. */
  readonly poison?: PoisonPolicy;
  /**
   * Save the checkpoint after this many events (default 1), and always on reaching the head and
   * on stop. Larger batches save fewer writes; after a crash a durable model may see up to
   * `checkpointEvery - 1` events again, so its `apply` must then be idempotent by position.
   */
  readonly checkpointEvery?: number;
  /** Told of every parked event, so the app can persist or alert; the runner keeps them too. */
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /** Cap of the lag count in `status()` (default 10,000). */
  readonly lagLimit?: number;
}

/** A running projection: its model, its status, and a way to wait for it. */
export interface ProjectionRunner<Model> {
  /** Loads the checkpoint (rebuilding on a new version) and subscribes; resolves once subscribed. */
  readonly start: () => Promise<void>;
  /** Unsubscribes and saves the checkpoint. */
  readonly stop: () => Promise<void>;
  /** The current model. */
  readonly model: () => Model;
  readonly status: () => Promise<ProjectionStatus>;
  /** Resolves once every selected event up to `position` (default: the head now) is applied; rejects if the runner fails. */
  readonly waitFor: (position?: Position) => Promise<void>;
  readonly deadLetters: () => readonly DeadLetter[];
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * Runs one projection: catches up from its checkpoint, follows live events, and saves checkpoints.
 * Delivery is at-least-once in general; the runner drops any event at or below the position it
 * has applied, so none is applied twice, and a new runner resumes after the saved checkpoint.
 */
export const createProjectionRunner = <Model, E extends Event>(
  options: RunnerOptions<Model, E>,
): ProjectionRunner<Model> => {
  const { store, checkpoints, projection } = options;
  const policy = options.poison ?? 'stop';
  const every = Math.max(1, options.checkpointEvery ?? 1);
  const filter: EventFilter = projection.filter ?? { kind: 'eventType', prefixes: projection.events.types };

  let model: Model | undefined;
  let position: Position | undefined;
  let saved: ExpectedCheckpoint = 'none';
  let unsaved = 0;
  let state: RunnerState = 'stopped';
  let lastError: Error | undefined;
  let subscription: Subscription | undefined;
  // Bumped on every start and stop, so a subscription left over from an earlier run cannot write.
  let run = 0;
  const parked: DeadLetter[] = [];
  // Made only when someone waits: a rebuild signals once per event, and a promise per event
  // nobody awaits is garbage for the collector.
  let notify: () => void = () => undefined;
  let progress: Promise<void> | undefined;
  const nextProgress = (): Promise<void> => (progress ??= new Promise<void>((resolve) => (notify = resolve)));

  const signal = () => {
    if (progress === undefined) return;
    const wake = notify;
    progress = undefined;
    wake();
  };

  const fail = (error: Error) => {
    lastError = error;
    state = 'failed';
    run++;
    const s = subscription;
    subscription = undefined;
    // Not awaited: this may run inside the subscription's own handler, which unsubscribe waits for.
    void s?.unsubscribe();
    signal();
  };

  const save = async () => {
    if (position === undefined || unsaved === 0) return;
    const checkpoint: Checkpoint = { position, version: projection.version };
    await checkpoints.save(projection.name, checkpoint, saved);
    saved = checkpoint;
    unsaved = 0;
  };

  const take = async (stored: StoredEvent): Promise<PoisonEventError | undefined> => {
    if (!projection.events.has(stored.type)) return undefined;
    const decoded = decodeEvent(projection.events, stored);
    const poison = (cause: Error) =>
      new PoisonEventError(
        projection.name,
        stored.streamName,
        stored.revision,
        stored.position,
        stored.type,
        cause,
      );
    if (E.isLeft(decoded)) return poison(decoded.left);
    try {
      model = await projection.apply(model as Model, decoded.right);
      return undefined;
    } catch (e) {
      return poison(asError(e));
    }
  };

  const onEvent = async (mine: number, stored: StoredEvent) => {
    if (mine !== run) return;
    // At-least-once made safe: anything at or below what was applied has been applied.
    if (position !== undefined && stored.position <= position) return;
    const poison = await take(stored);
    if (mine !== run) return;
    if (poison !== undefined) {
      if (policy === 'stop') {
        // Keep the good events before it; a failed save only means a restart re-reaches the poison later.
        await save().catch(() => undefined);
        return fail(poison);
      }
      const letter = { event: stored, error: poison };
      parked.push(letter);
      lastError = poison;
      options.onDeadLetter?.(letter);
    }
    position = stored.position;
    unsaved++;
    if (unsaved >= every) await save().catch((e: unknown) => fail(asError(e)));
    signal();
  };

  const start = async () => {
    if (state === 'catching-up' || state === 'live') return;
    const mine = ++run;
    lastError = undefined;
    const loaded = await checkpoints.load(projection.name);
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
    unsaved = 0;
    state = 'catching-up';
    subscription = store.subscribeToAll(position === undefined ? { filter } : { after: position, filter }, {
      onEvent: (event) => onEvent(mine, event),
      onCaughtUp: () => {
        if (mine !== run) return;
        state = 'live';
        void save().catch((e: unknown) => fail(asError(e)));
        signal();
      },
      onError: (error) => {
        if (mine === run) fail(error);
      },
    });
  };

  const stop = async () => {
    if (state === 'stopped' || state === 'failed') return;
    run++;
    const s = subscription;
    subscription = undefined;
    await s?.unsubscribe();
    state = 'stopped';
    await save();
    signal();
  };

  /** The position of the next selected event after ours, if any. */
  const nextSelected = async (): Promise<Position | undefined> => {
    const [next] = await store.readAll(
      position === undefined ? { filter, maxCount: 1 } : { after: position, filter, maxCount: 1 },
    );
    return next?.position;
  };

  const waitFor = async (target?: Position) => {
    const until = target ?? (await store.headPosition());
    // `state` changes across awaits; reading it through a function keeps the compiler from narrowing it.
    const now = (): RunnerState => state;
    // A selected event at or before `until` still to be applied: until the runner passes it, the
    // answer of `nextSelected` cannot change (the log only grows at its end), so it is not asked
    // again on every event.
    let due: Position | undefined;
    for (;;) {
      if (now() === 'failed') throw lastError ?? new Error(`Projection ${projection.name} failed`);
      if (until === undefined || (position !== undefined && position >= until)) return;
      const waiting = nextProgress();
      if (due === undefined || (position !== undefined && position >= due)) {
        due = await nextSelected();
        if (now() !== 'failed' && (due === undefined || due > until)) return;
      }
      if (now() === 'stopped') throw new Error(`Projection ${projection.name} is stopped`);
      await waiting;
    }
  };

  const status = async (): Promise<ProjectionStatus> => {
    const cap = options.lagLimit ?? 10_000;
    const [head, behind] = await Promise.all([
      store.headPosition(),
      store.readAll(
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
    start,
    stop,
    model: () => {
      if (model === undefined) throw new Error(`Projection ${projection.name} has not been started`);
      return model;
    },
    status,
    waitFor,
    deadLetters: () => [...parked],
  };
};

import type { Event, EventStore, Position } from '@tillstream/domain';
import type { CheckpointStore } from './checkpointStore';
import type { Projection } from './projection';
import { createProjectionGroup } from './projectionGroup';
import type { DeadLetter, PoisonPolicy, ProjectionStatus } from './projectionStatus';

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

/**
 * Runs one projection: catches up from its checkpoint, follows live events, and saves checkpoints.
 * Delivery is at-least-once in general; the runner drops any event at or below the position it
 * has applied, so none is applied twice, and a new runner resumes after the saved checkpoint.
 * It is a group of one (`createProjectionGroup`): run several projections as one group to read
 * the log once for all of them.
 */
export const createProjectionRunner = <Model, E extends Event>(
  options: RunnerOptions<Model, E>,
): ProjectionRunner<Model> => {
  const group = createProjectionGroup({
    store: options.store,
    checkpoints: options.checkpoints,
    projections: [options.projection],
    ...(options.poison === undefined ? {} : { poison: options.poison }),
    ...(options.checkpointEvery === undefined ? {} : { checkpointEvery: options.checkpointEvery }),
    ...(options.onDeadLetter === undefined ? {} : { onDeadLetter: options.onDeadLetter }),
    ...(options.lagLimit === undefined ? {} : { lagLimit: options.lagLimit }),
  });
  const [member] = group.members;
  return {
    start: group.start,
    stop: group.stop,
    model: member.model,
    status: member.status,
    waitFor: member.waitFor,
    deadLetters: member.deadLetters,
  };
};

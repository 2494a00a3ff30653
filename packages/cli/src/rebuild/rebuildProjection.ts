import {
  createProjectionGroup,
  inMemoryCheckpointStore,
  PoisonEventError,
  type AnyProjection,
  type ProjectionStatus,
} from '@tillstream/projections';
import type { EventStore } from '@tillstream/domain';
import * as E from 'fp-ts/Either';

/** How one projection's rebuild went: events applied, wall time, and the runner's status at the end. */
export interface RebuildResult {
  readonly name: string;
  readonly applied: number;
  /** Wall time of the pass; projections rebuilt together share one pass, so one time. */
  readonly milliseconds: number;
  readonly status: ProjectionStatus;
}

/** A rebuild that stopped at a poison event: what was done up to it, and the event that stopped it. */
export interface RebuildFailure extends RebuildResult {
  readonly error: PoisonEventError;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

/** The projection, counting the events it applies (synchronously when its apply is). */
const counted = (projection: AnyProjection, seen: { applied: number }): AnyProjection => ({
  ...projection,
  apply: (model, event) => {
    const next = projection.apply(model, event);
    if (!isThenable(next)) {
      seen.applied++;
      return next;
    }
    return Promise.resolve(next).then((applied) => {
      seen.applied++;
      return applied;
    });
  },
});

/**
 * Runs projections from the start of the log to its head in one pass (one projection group: the
 * log is read once and each event handed to each projection) with a fresh checkpoint store, so
 * nothing stored is reused, counting the events each applies. A poison event stops the projection
 * that met it (the runner's default) and comes back as its `Left`; the others go on. Any other
 * failure (the store, the network) throws.
 */
export const rebuildProjections = async (
  store: EventStore,
  projections: readonly AnyProjection[],
  clock: () => number = () => performance.now(),
): Promise<readonly E.Either<RebuildFailure, RebuildResult>[]> => {
  const seen = projections.map(() => ({ applied: 0 }));
  const group = createProjectionGroup({
    store,
    checkpoints: inMemoryCheckpointStore(),
    // The checkpoint store is thrown away: save only at the head, on a poison event and on stop.
    checkpointEvery: Number.MAX_SAFE_INTEGER,
    projections: projections.map((p, i) => counted(p, seen[i] as { applied: number })),
  });
  const started = clock();
  await group.start();
  await group.waitFor();
  const milliseconds = clock() - started;
  const statuses = await group.status();
  await group.stop();
  return statuses.map((status, i) => {
    const result = { name: status.name, applied: seen[i]?.applied ?? 0, milliseconds, status };
    const error = status.lastError;
    if (status.state !== 'failed') return E.right(result);
    if (!(error instanceof PoisonEventError)) throw error ?? new Error(`Projection ${status.name} failed`);
    return E.left({ ...result, error });
  });
};

/** Runs one projection from the start of the log to its head (`rebuildProjections` with one). */
export const rebuildProjection = async (
  store: EventStore,
  projection: AnyProjection,
  clock: () => number = () => performance.now(),
): Promise<E.Either<RebuildFailure, RebuildResult>> => {
  const [done] = await rebuildProjections(store, [projection], clock);
  if (done === undefined) throw new Error('a rebuild of one projection gave no result');
  return done;
};

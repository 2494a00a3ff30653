import {
  createProjectionRunner,
  inMemoryCheckpointStore,
  PoisonEventError,
  type Projection,
  type ProjectionStatus,
} from '@tillstream/projections';
import type { Event, EventStore } from '@tillstream/domain';
import * as E from 'fp-ts/Either';

/** How one projection's rebuild went: events applied, wall time, and the runner's status at the end. */
export interface RebuildResult {
  readonly name: string;
  readonly applied: number;
  readonly milliseconds: number;
  readonly status: ProjectionStatus;
}

/** A rebuild that stopped at a poison event: what was done up to it, and the event that stopped it. */
export interface RebuildFailure extends RebuildResult {
  readonly error: PoisonEventError;
}

/**
 * Runs one projection from the start of the log to its head with a fresh checkpoint store (so
 * nothing stored is reused), counting the events it applies. A poison event stops it (the runner's
 * default) and comes back as a `Left`; any other failure (the store, the network) throws.
 */
export const rebuildProjection = async <Model, Ev extends Event>(
  store: EventStore,
  projection: Projection<Model, Ev>,
  clock: () => number = () => performance.now(),
): Promise<E.Either<RebuildFailure, RebuildResult>> => {
  let applied = 0;
  const runner = createProjectionRunner({
    store,
    checkpoints: inMemoryCheckpointStore(),
    // The checkpoint store is thrown away: save only at the head, on a poison event and on stop.
    checkpointEvery: Number.MAX_SAFE_INTEGER,
    projection: {
      ...projection,
      apply: async (model, event) => {
        const next = await projection.apply(model, event);
        applied++;
        return next;
      },
    },
  });
  const started = clock();
  await runner.start();
  try {
    await runner.waitFor();
  } catch (error) {
    if (!(error instanceof PoisonEventError)) throw error;
    const milliseconds = clock() - started;
    return E.left({ name: projection.name, applied, milliseconds, status: await runner.status(), error });
  }
  const milliseconds = clock() - started;
  const status = await runner.status();
  await runner.stop();
  return E.right({ name: projection.name, applied, milliseconds, status });
};

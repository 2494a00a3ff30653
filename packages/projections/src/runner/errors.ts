import { TillstreamError, type Position, type StreamRevision } from '@tillstream/domain';
import type { Checkpoint, ExpectedCheckpoint } from './checkpointStore';

const describe = (c: Checkpoint | ExpectedCheckpoint | undefined): string =>
  c === undefined || c === 'none' ? 'none' : `${c.position} (version ${c.version})`;

/** An event a projection could not take: it did not decode, or `apply` threw. Names stream, revision and cause. */
export class PoisonEventError extends TillstreamError {
  readonly kind = 'projection';

  constructor(
    readonly projection: string,
    readonly streamName: string,
    readonly revision: StreamRevision,
    readonly position: Position,
    readonly eventType: string,
    override readonly cause: Error,
  ) {
    super(
      'projection.poison_event',
      `Projection ${projection} stopped at ${eventType} ${streamName}@${revision} (position ${position}): ${cause.message}`,
      { projection, streamName, revision, position, eventType, cause: cause.message },
    );
  }
}

/** Someone else saved this projection's checkpoint since this runner read it: two runners of one projection. */
export class CheckpointConflictError extends TillstreamError {
  readonly kind = 'projection';

  constructor(
    readonly projection: string,
    readonly expected: ExpectedCheckpoint,
    readonly actual: Checkpoint | undefined,
  ) {
    super(
      'projection.checkpoint_conflict',
      `Checkpoint of projection ${projection} is ${describe(actual)}, not the expected ${describe(expected)}: is another runner of it running?`,
      { projection, expected, actual },
    );
  }
}

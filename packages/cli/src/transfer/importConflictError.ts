import { TillstreamError, type ConcurrencyError } from '@tillstream/domain';

/** An imported event does not fit the target stream: it already holds other events, or the file skips a revision. */
export class ImportConflictError extends TillstreamError {
  readonly kind = 'import';

  constructor(
    readonly line: number,
    readonly revision: bigint,
    conflict: ConcurrencyError,
  ) {
    super(
      'import.conflict',
      `Line ${line}: ${conflict.streamName} revision ${revision} cannot be appended, the target stream is at ` +
        `${String(conflict.actual)}: the target already holds other events there, or the file skips a revision.`,
      { line, streamName: conflict.streamName, revision, actual: conflict.actual },
    );
  }
}

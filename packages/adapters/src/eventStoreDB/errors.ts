import { TillstreamError } from '@tillstream/domain';

/** EventStoreDB could not do what was asked: unreachable, refused, or an unexpected answer. */
export class EventStoreDBError extends TillstreamError {
  readonly kind = 'infrastructure';

  constructor(
    code: string,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    cause?: unknown,
  ) {
    super(code, message, details);
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, enumerable: false });
  }
}

const causeMessage = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

/** Wraps a client failure of `operation` in an error that says what was attempted and what happened. */
export const storeFailure = (
  operation: string,
  cause: unknown,
  details: Readonly<Record<string, unknown>> = {},
) => {
  const type = (cause as { type?: unknown } | null)?.type;
  const unavailable = type === 'unavailable' || type === 'cancelled' || type === 'deadline-exceeded';
  return new EventStoreDBError(
    unavailable ? 'eventstoredb.unavailable' : 'eventstoredb.failed',
    unavailable
      ? `EventStoreDB is unavailable: ${operation} failed (${causeMessage(cause)}).`
      : `EventStoreDB refused ${operation}: ${causeMessage(cause)}.`,
    { operation, ...(typeof type === 'string' ? { clientErrorType: type } : {}), ...details },
    cause,
  );
};

import { status } from '@grpc/grpc-js';
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
  const { type, code } = (cause ?? {}) as { type?: unknown; code?: unknown };
  // Some calls fail with the bare gRPC error (no client `type`), e.g. before a channel is up.
  const unavailable =
    type === 'unavailable' ||
    type === 'cancelled' ||
    type === 'deadline-exceeded' ||
    // The client has already switched to the leader the follower named: a retry goes there.
    type === 'not-leader' ||
    // The client's gossip discovery found no node to talk to.
    (cause instanceof Error && cause.message.startsWith('Failed to discover')) ||
    (type === undefined &&
      (code === status.UNAVAILABLE || code === status.CANCELLED || code === status.DEADLINE_EXCEEDED));
  return new EventStoreDBError(
    unavailable ? 'eventstoredb.unavailable' : 'eventstoredb.failed',
    unavailable
      ? `EventStoreDB is unavailable: ${operation} failed (${causeMessage(cause)}).`
      : `EventStoreDB refused ${operation}: ${causeMessage(cause)}.`,
    { operation, ...(typeof type === 'string' ? { clientErrorType: type } : {}), ...details },
    cause,
  );
};

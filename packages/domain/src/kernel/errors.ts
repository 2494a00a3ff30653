import type { ExpectedRevision, StreamRevision } from './revision';

/** Values an error carries so a program can act on it and a person can read what was wrong. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

const jsonSafe = (value: unknown): unknown =>
  typeof value === 'bigint'
    ? value.toString()
    : Array.isArray(value)
      ? value.map(jsonSafe)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]))
        : value;

/**
 * Base of every error tillstream reports: a stable `code` for programs, a sentence a cashier
 * could read, and the offending values in `details`.
 */
export abstract class TillstreamError extends Error {
  abstract readonly kind: string;

  constructor(
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The error as plain JSON (bigints as strings), for logs and HTTP bodies. */
  toJSON(): { kind: string; code: string; message: string; details: unknown } {
    return { kind: this.kind, code: this.code, message: this.message, details: jsonSafe(this.details) };
  }
}

/** A business rule refused the command (e.g. a phone already held by another customer). */
export class DomainError extends TillstreamError {
  readonly kind = 'domain';
}

/** Input that is malformed: names the field and the value that was given. */
export class ValidationError extends TillstreamError {
  readonly kind = 'validation';

  constructor(
    code: string,
    message: string,
    readonly field: string,
    readonly value: unknown,
    details: ErrorDetails = {},
  ) {
    super(code, message, { field, value, ...details });
  }
}

/** The actor's role or tenant does not allow the command. */
export class PermissionError extends TillstreamError {
  readonly kind = 'permission';
}

/** Refuses an event found in another tenant's stream: every stream is sealed to its tenant. */
export const foreignTenantEvent = (event: {
  readonly streamName: string;
  readonly revision: StreamRevision;
}): PermissionError =>
  new PermissionError('tenant.sealed', `Stream ${event.streamName} holds an event of another tenant.`, {
    streamName: event.streamName,
    revision: event.revision,
  });

/** Refuses a tenant a stream named for another tenant. */
export const foreignTenantStream = (
  streamName: string,
  tenantId: string,
  access: 'read' | 'write to',
): PermissionError =>
  new PermissionError('tenant.sealed', `Tenant ${tenantId} cannot ${access} stream ${streamName}.`, {
    streamName,
    tenantId,
  });

/** The stream moved on since it was read: the expected revision no longer holds. */
export class ConcurrencyError extends TillstreamError {
  readonly kind = 'concurrency';

  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: StreamRevision | 'no_stream',
    readonly attempts = 1,
  ) {
    super(
      'stream.concurrency_conflict',
      attempts > 1
        ? `Stream ${streamName} kept changing: gave up after ${attempts} attempts (expected revision ${String(expected)}, found ${String(actual)}).`
        : `Stream ${streamName} is at revision ${String(actual)}, not the expected ${String(expected)}.`,
      { streamName, expected, actual, attempts },
    );
  }
}

/** A stored event does not match its schema: names the stream, revision, type and field. */
export class EventDecodeError extends TillstreamError {
  readonly kind = 'decode';

  constructor(
    readonly streamName: string,
    readonly revision: StreamRevision,
    readonly eventType: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(
      'event.undecodable',
      `Event ${eventType} at ${streamName}@${revision} does not decode: field "${field}" ${reason}.`,
      { streamName, revision, eventType, field, reason },
    );
  }
}

/** A decider produced an event its own schema refuses; nothing was written. */
export class InvalidEventError extends TillstreamError {
  readonly kind = 'invalid_event';
}

/** The same commandId was sent again with a different request. */
export class IdempotencyConflictError extends TillstreamError {
  readonly kind = 'idempotency';

  constructor(readonly commandId: string) {
    super(
      'command.idempotency_conflict',
      `Command ${commandId} was already used for a different request; use a new command id.`,
      { commandId },
    );
  }
}

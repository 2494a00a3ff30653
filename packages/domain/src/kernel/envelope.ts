import type { Position, StreamRevision } from './revision';

/** Who may act: a shop's customer on its own screen, staff, or the library's own processes. */
export type Role = 'customer' | 'operator' | 'manager' | 'system';

/** The person or process behind a command; recorded on every event it causes. */
export interface Actor {
  readonly role: Role;
  readonly id: string;
}

/** A domain event: a type and its data, nothing about where or when it is stored. */
export interface Event<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/** Metadata stored with every event. */
export interface EventMetadata {
  readonly eventId: string;
  readonly commandId: string;
  /** Hash of the command's type and data: a re-sent commandId with other content is refused. */
  readonly commandHash: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly tenantId: string;
  readonly actor: Actor;
  /** ISO-8601 instant from the injected clock. */
  readonly occurredAt: string;
  readonly schemaVersion: number;
}

/** An event on its way into a store, already encoded to JSON-compatible data. */
export interface EventToAppend {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** An event as a store holds it: encoded data plus its place in its stream and in `$all`. */
export interface StoredEvent extends EventToAppend {
  readonly streamName: string;
  readonly revision: StreamRevision;
  readonly position: Position;
}

/** A stored event decoded into its domain type. */
export interface RecordedEvent<E extends Event = Event> {
  readonly event: E;
  readonly metadata: EventMetadata;
  readonly streamName: string;
  readonly revision: StreamRevision;
  readonly position: Position;
}

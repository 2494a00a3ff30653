import type { StoredEvent } from '@tillstream/domain';

/** Where an event sits in the log: enough to find it in a store or a JSONL file. */
export interface EventRef {
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly type: string;
}

/** A rule the log breaks, and the events that show it. */
export interface Violation {
  readonly code: string;
  readonly message: string;
  readonly events: readonly EventRef[];
}

/** What a violation needs of an event to name it. */
export type Located = Pick<StoredEvent, 'streamName' | 'revision' | 'position' | 'type'>;

/** The reference of a stored event. */
export const refOf = (event: Located): EventRef => ({
  stream: event.streamName,
  revision: String(event.revision),
  position: String(event.position),
  type: event.type,
});

/** `stream@revision (type, position p)`, as the report prints it. */
export const describeRef = (ref: EventRef): string =>
  `${ref.stream}@${ref.revision} (${ref.type}, position ${ref.position})`;

/** A violation shown by these events. */
export const violation = (code: string, message: string, ...events: readonly Located[]): Violation => ({
  code,
  message,
  events: events.map(refOf),
});

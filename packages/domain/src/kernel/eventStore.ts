import type { Either } from 'fp-ts/Either';
import type { EventToAppend, StoredEvent } from './envelope';
import type { ConcurrencyError } from './errors';
import type { ExpectedRevision, Position, StreamRevision } from './revision';

/** Where and how far to read one stream. */
export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: StreamRevision | 'start' | 'end';
  readonly maxCount?: number;
}

/** What a successful append reports. */
export interface AppendResult {
  /** Revision of the last event now in the stream: the expected revision for the next append. */
  readonly nextExpectedRevision: StreamRevision;
  /** Position of the last event written. */
  readonly position: Position;
}

/** Selects events by stream-name prefix or by event-type prefix (EventStoreDB's server-side filters). */
export type EventFilter =
  | { readonly kind: 'streamPrefix'; readonly prefixes: readonly string[] }
  | { readonly kind: 'eventType'; readonly prefixes: readonly string[] };

/** A forward page of `$all`. */
export interface ReadAllOptions {
  /** Exclusive: only events after this position. Omitted means from the start. */
  readonly after?: Position;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

/** Where a subscription to `$all` starts and what it selects. */
export interface SubscribeToAllOptions {
  /** Exclusive: the first event delivered is the first one after this position. */
  readonly after?: Position;
  readonly filter?: EventFilter;
}

/** Receives a subscription's events one at a time, in order; the next waits for the previous. */
export interface SubscriptionHandler {
  readonly onEvent: (event: StoredEvent) => void | Promise<void>;
  /** Called once, when the catch-up has reached the head of the log. */
  readonly onCaughtUp?: () => void;
  /** Called when the subscription stops for a reason other than `unsubscribe`. */
  readonly onError?: (error: Error) => void;
}

/** A running subscription. */
export interface Subscription {
  /** Stops delivery; resolves when no handler call is running any more. */
  readonly unsubscribe: () => Promise<void>;
  /** Resolves when the subscription has stopped, for whatever reason. */
  readonly done: Promise<void>;
}

/**
 * The storage port. A concurrency conflict is a value (`Left<ConcurrencyError>`); anything a
 * store cannot do (I/O failure, closed connection) rejects the promise. Appends are atomic.
 */
export interface EventStore {
  /** Reads one stream; a stream that does not exist reads as no events. */
  readonly readStream: (streamName: string, options?: ReadStreamOptions) => Promise<readonly StoredEvent[]>;
  /** Appends atomically if the stream is at `expectedRevision`; re-appending the same event ids is idempotent. */
  readonly appendToStream: (
    streamName: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ) => Promise<Either<ConcurrencyError, AppendResult>>;
  /** Reads a forward page of the global log. */
  readonly readAll: (options?: ReadAllOptions) => Promise<readonly StoredEvent[]>;
  /** Position of the newest event in the log, or undefined for an empty log. */
  readonly headPosition: () => Promise<Position | undefined>;
  /** Delivers the catch-up and then live events, in order, without gap or duplicate. */
  readonly subscribeToAll: (options: SubscribeToAllOptions, handler: SubscriptionHandler) => Subscription;
}

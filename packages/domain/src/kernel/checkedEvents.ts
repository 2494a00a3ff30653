import type { Event, EventMetadata, EventToAppend, StoredEvent } from './envelope';
import type { EventCatalog } from './eventCatalog';
import type { Position, StreamRevision } from './revision';

// The catalog that checked an event is a private field of one class: invisible to what a store is
// given and what an adapter serialises (still exactly the envelope), no lookup table, and one object
// shape for every event, whatever catalog checked it (a class per catalog made the code that reads
// events polymorphic as soon as a process wrote to more than a few kinds of stream).
class CheckedEventToAppend implements EventToAppend {
  readonly #catalog: object;
  constructor(
    catalog: object,
    readonly eventId: string,
    readonly type: string,
    readonly data: unknown,
    readonly metadata: EventMetadata,
  ) {
    this.#catalog = catalog;
  }

  /** The catalog that checked `event`, if it is a checked event. */
  static catalogOf(event: EventToAppend): object | undefined {
    return #catalog in event ? event.#catalog : undefined;
  }
}

// Every event the in-memory store keeps is one of these, marked or not, so that they share a shape.
class KeptEvent implements StoredEvent {
  readonly #catalog: object | undefined;
  constructor(
    catalog: object | undefined,
    readonly eventId: string,
    readonly type: string,
    readonly data: unknown,
    readonly metadata: EventMetadata,
    readonly streamName: string,
    readonly revision: StreamRevision,
    readonly position: Position,
  ) {
    this.#catalog = catalog;
  }

  /** The catalog that checked `event` on its way into a sealed store, if any. */
  static catalogOf(event: StoredEvent): object | undefined {
    return #catalog in event ? event.#catalog : undefined;
  }
}

/**
 * An event on its way into a store, marked as checked by `catalog` (called by `handleCommand` for
 * events whose data the catalog checked with `is`, so that decoding it again gives it back as is).
 */
export const checkedEventToAppend = <Ev extends Event>(
  catalog: EventCatalog<Ev>,
  eventId: string,
  type: string,
  data: unknown,
  metadata: EventMetadata,
): EventToAppend => new CheckedEventToAppend(catalog, eventId, type, data, metadata);

/**
 * The event a store keeps for `appended`, carrying its checked mark when `exact`. Only a store that
 * keeps a sealed (deep-frozen), lossless copy of the data may pass `exact` (the in-memory store
 * does); for any other the mark would skip a check that is still needed.
 */
export const storedEventOf = (
  appended: EventToAppend,
  exact: boolean,
  data: unknown,
  metadata: EventMetadata,
  streamName: string,
  revision: StreamRevision,
  position: Position,
): StoredEvent =>
  new KeptEvent(
    exact ? CheckedEventToAppend.catalogOf(appended) : undefined,
    appended.eventId,
    appended.type,
    data,
    metadata,
    streamName,
    revision,
    position,
  );

/** Whether `catalog` checked this stored event's data on its way in, so that decoding it again is moot. */
export const checkedBy = <Ev extends Event>(stored: StoredEvent, catalog: EventCatalog<Ev>): boolean =>
  KeptEvent.catalogOf(stored) === catalog;

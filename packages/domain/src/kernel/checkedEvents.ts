import type { Event, EventMetadata, EventToAppend, StoredEvent } from './envelope';
import type { EventCatalog } from './eventCatalog';
import type { Position, StreamRevision } from './revision';

// The catalog that checked an event is a private field of one class: invisible to what a store is
// given and what an adapter serialises (still exactly the envelope), no lookup table, and one object
// shape for every event, whatever catalog checked it (a class per catalog made the code that reads
// events polymorphic as soon as a process wrote to more than a few kinds of stream).
class MarkedEvent implements EventToAppend {
  readonly #catalog: object | undefined;
  constructor(
    catalog: object | undefined,
    readonly eventId: string,
    readonly type: string,
    readonly data: unknown,
    readonly metadata: EventMetadata,
  ) {
    this.#catalog = catalog;
  }

  /** The catalog that checked `event`'s data, if it is a marked event and was checked. */
  static catalogOf(event: EventToAppend | StoredEvent): object | undefined {
    return #catalog in event ? event.#catalog : undefined;
  }
}

// Every event the in-memory store keeps is one of these, marked or not, so that they share a shape.
// A kept event appended again (to another store) carries its mark on: its data was checked as it is.
class KeptEvent extends MarkedEvent implements StoredEvent {
  constructor(
    catalog: object | undefined,
    eventId: string,
    type: string,
    data: unknown,
    metadata: EventMetadata,
    readonly streamName: string,
    readonly revision: StreamRevision,
    readonly position: Position,
  ) {
    super(catalog, eventId, type, data, metadata);
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
): EventToAppend => new MarkedEvent(catalog, eventId, type, data, metadata);

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
    exact ? MarkedEvent.catalogOf(appended) : undefined,
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
  MarkedEvent.catalogOf(stored) === catalog;

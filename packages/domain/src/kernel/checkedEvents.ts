import type { Event, EventMetadata, EventToAppend, StoredEvent } from './envelope';
import type { EventCatalog } from './eventCatalog';
import type { Position, StreamRevision } from './revision';

// The catalog that checked an event sits on the event's prototype: no extra own field (what a store
// is given, and what an adapter serialises, is still exactly the envelope), no lookup table, and one
// object shape per catalog.
const CHECKED_BY: unique symbol = Symbol('tillstream.checkedBy');

interface Marked {
  readonly [CHECKED_BY]?: object;
}

type ToAppendClass = new (
  eventId: string,
  type: string,
  data: unknown,
  metadata: EventMetadata,
) => EventToAppend;

type StoredClass = new (
  eventId: string,
  type: string,
  data: unknown,
  metadata: EventMetadata,
  streamName: string,
  revision: StreamRevision,
  position: Position,
) => StoredEvent;

/** The class `define` makes for `catalog`, made once and marked with it on its prototype. */
const markedClass = <K extends { readonly prototype: object }>(
  made: WeakMap<object, K>,
  catalog: object,
  define: () => K,
): K => {
  let known = made.get(catalog);
  if (known === undefined) {
    known = define();
    Object.defineProperty(known.prototype, CHECKED_BY, { value: catalog });
    made.set(catalog, known);
  }
  return known;
};

const toAppendClasses = new WeakMap<object, ToAppendClass>();
const storedClasses = new WeakMap<object, StoredClass>();

const toAppendClass = (catalog: object): ToAppendClass =>
  markedClass(
    toAppendClasses,
    catalog,
    () =>
      class CheckedEventToAppend implements EventToAppend {
        constructor(
          readonly eventId: string,
          readonly type: string,
          readonly data: unknown,
          readonly metadata: EventMetadata,
        ) {}
      },
  );

const storedClass = (catalog: object): StoredClass =>
  markedClass(
    storedClasses,
    catalog,
    () =>
      class CheckedStoredEvent implements StoredEvent {
        constructor(
          readonly eventId: string,
          readonly type: string,
          readonly data: unknown,
          readonly metadata: EventMetadata,
          readonly streamName: string,
          readonly revision: StreamRevision,
          readonly position: Position,
        ) {}
      },
  );

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
): EventToAppend => new (toAppendClass(catalog))(eventId, type, data, metadata);

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
): StoredEvent => {
  const catalog = exact ? (appended as Marked)[CHECKED_BY] : undefined;
  return catalog === undefined
    ? { eventId: appended.eventId, type: appended.type, data, metadata, streamName, revision, position }
    : new (storedClass(catalog))(
        appended.eventId,
        appended.type,
        data,
        metadata,
        streamName,
        revision,
        position,
      );
};

/** Whether `catalog` checked this stored event's data on its way in, so that decoding it again is moot. */
export const checkedBy = <Ev extends Event>(stored: StoredEvent, catalog: EventCatalog<Ev>): boolean =>
  (stored as Marked)[CHECKED_BY] === catalog;

import type { Event, EventToAppend, StoredEvent } from './envelope';
import type { EventCatalog } from './eventCatalog';

// Which catalog checked an event on its way into a store. Kept beside the envelope rather than in
// it, so that what a store is given, and what an adapter serialises, stays exactly `EventToAppend`.
const checkedOnTheWayIn = new WeakMap<EventToAppend, object>();

// The mark a store puts on a stored event whose data is a sealed (deep-frozen), lossless copy of
// data that catalog checked: decoding it with that catalog again can only give the same answer.
const CHECKED_BY: unique symbol = Symbol('tillstream.checkedBy');

type Marked = StoredEvent & { readonly [CHECKED_BY]?: object };

/** Records that `catalog` encoded and checked `event` (called by `handleCommand`). */
export const markChecked = <Ev extends Event>(event: EventToAppend, catalog: EventCatalog<Ev>): void => {
  checkedOnTheWayIn.set(event, catalog);
};

/**
 * Carries the mark of an appended event over to the event a store keeps. Only a store that stores a
 * sealed, lossless copy of the data may call it (the in-memory store does); for any other the mark
 * would skip a check that is still needed.
 */
export const carryCheckedMark = (appended: EventToAppend, stored: StoredEvent): void => {
  const catalog = checkedOnTheWayIn.get(appended);
  if (catalog !== undefined) Object.defineProperty(stored, CHECKED_BY, { value: catalog });
};

/** Whether `catalog` checked this stored event's data on its way in, so that decoding it again is moot. */
export const checkedBy = <Ev extends Event>(stored: StoredEvent, catalog: EventCatalog<Ev>): boolean =>
  (stored as Marked)[CHECKED_BY] === catalog;

import * as E from 'fp-ts/Either';
import { checkedBy } from './checkedEvents';
import type { Event, RecordedEvent, StoredEvent } from './envelope';
import { EventDecodeError } from './errors';
import type { EventCatalog, SchemaFailure } from './eventCatalog';

/** @internal A stored event's place and metadata around its decoded event. */
export const recordedOf = <Ev extends Event>(stored: StoredEvent, event: Ev): RecordedEvent<Ev> => ({
  event,
  metadata: stored.metadata,
  streamName: stored.streamName,
  revision: stored.revision,
  position: stored.position,
});

/** @internal The error naming stream, revision, type and field of a stored event that failed its schema. */
export const decodeFailure = (stored: StoredEvent, failure: SchemaFailure): EventDecodeError =>
  new EventDecodeError(stored.streamName, stored.revision, stored.type, failure.field, failure.reason);

/**
 * Decodes one stored event with a catalog into its `RecordedEvent`, or the `EventDecodeError`
 * naming stream, revision, type and field: what `decodeEvent` gives, without an `Either` around
 * it (a reader that decodes every event of a log, such as a projection group, tells the two apart
 * with `instanceof EventDecodeError`).
 */
export const decodeRecorded = <Ev extends Event>(
  catalog: EventCatalog<Ev>,
  stored: StoredEvent,
): RecordedEvent<Ev> | EventDecodeError => {
  if (checkedBy(stored, catalog)) return recordedOf(stored, { type: stored.type, data: stored.data } as Ev);
  const decoded = catalog.decode(stored.type, stored.data, stored.metadata.schemaVersion);
  return E.isRight(decoded) ? recordedOf(stored, decoded.right) : decodeFailure(stored, decoded.left);
};

import { jsonEvent } from '@eventstore/db-client';
import type { JSONEventData, JSONType, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, StoredEvent } from '@tillstream/domain';
import { EventStoreDBError } from './errors';

/** An event as the client sends it: JSON data, the envelope metadata as JSON metadata, the kernel's id. */
export const toEventData = (event: EventToAppend): JSONEventData =>
  jsonEvent({
    // The kernel's id goes to the server, so a retried append is recognised as the same write.
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: event.metadata as unknown as JSONType,
  });

/** The commit position of a read event: our `Position` (gRPC appends have commit == prepare). */
export const commitPosition = (resolved: ResolvedEvent): bigint | undefined =>
  resolved.event?.position?.commit;

/** Whether an event belongs to EventStoreDB itself (`$`-typed or in a `$` stream), not to the application. */
export const isSystemEvent = (resolved: ResolvedEvent): boolean => {
  const event = resolved.event;
  return event === undefined || event.type.startsWith('$') || event.streamId.startsWith('$');
};

/** A read event as the kernel's `StoredEvent`; the position is the commit position. */
export const toStoredEvent = (resolved: ResolvedEvent): StoredEvent => {
  const event = resolved.event;
  const position = commitPosition(resolved);
  if (event === undefined || !event.isJson || position === undefined) {
    throw new EventStoreDBError(
      'eventstoredb.unexpected_event',
      `EventStoreDB returned an event tillstream did not write (${event ? `${event.type} in ${event.streamId}` : 'an unresolved link'}).`,
      event ? { streamName: event.streamId, revision: event.revision, type: event.type } : {},
    );
  }
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
    streamName: event.streamId,
    revision: event.revision,
    position,
  };
};

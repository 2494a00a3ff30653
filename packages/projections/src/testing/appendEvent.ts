import * as E from 'fp-ts/Either';
import { streamName, type Actor, type Event, type EventCatalog, type EventStore } from '@tillstream/domain';

let sequence = 0;

/** Test support: encodes one domain event with its catalog and appends it as `actor` did at `at`. */
export const appendEvent = async <Ev extends Event>(
  store: EventStore,
  catalog: EventCatalog<Ev>,
  stream: { readonly category: string; readonly tenantId: string; readonly id: string },
  event: Ev,
  options: { readonly actor?: Actor; readonly at?: string } = {},
): Promise<void> => {
  const encoded = catalog.encode(event);
  if (E.isLeft(encoded)) throw new Error(`${event.type}: ${encoded.left.field} ${encoded.left.reason}`);
  const eventId = `test-${++sequence}`;
  const appended = await store.appendToStream(
    streamName(stream.category, stream.tenantId, stream.id),
    [
      {
        eventId,
        type: encoded.right.type,
        data: encoded.right.data,
        metadata: {
          eventId,
          commandId: eventId,
          commandHash: 'test',
          correlationId: eventId,
          causationId: eventId,
          tenantId: stream.tenantId,
          actor: options.actor ?? { role: 'operator', id: 'op-1' },
          occurredAt: options.at ?? '2026-03-01T10:00:00.000Z',
          schemaVersion: encoded.right.schemaVersion,
        },
      },
    ],
    { expectedRevision: 'any' },
  );
  if (E.isLeft(appended)) throw appended.left;
};

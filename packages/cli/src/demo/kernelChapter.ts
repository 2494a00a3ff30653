import { inMemoryEventStore, type StoredEvent } from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { heading, type Print } from './output';

const metadata = (eventId: string) => ({
  eventId,
  commandId: eventId,
  commandHash: 'demo',
  correlationId: eventId,
  causationId: eventId,
  tenantId: 'demo',
  actor: { role: 'system' as const, id: 'demo' },
  occurredAt: '2026-01-01T09:00:00.000Z',
  schemaVersion: 1,
});

/** Shows the event store itself: appends with expected revisions, reads, and a live subscription. */
export const kernelChapter = async (print: Print): Promise<void> => {
  heading(print, 'The event log');
  const store = inMemoryEventStore();
  const seen: string[] = [];
  const subscription = store.subscribeToAll(
    {},
    {
      onEvent: (e: StoredEvent) => {
        seen.push(`${e.streamName}@${e.revision} ${e.type}`);
      },
    },
  );
  const stream = 'note-demo.first';
  const first = await store.appendToStream(
    stream,
    [
      {
        eventId: 'a5f2c4d0-0000-4000-8000-000000000001',
        type: 'NoteWritten',
        data: { text: 'hello' },
        metadata: metadata('a5f2c4d0-0000-4000-8000-000000000001'),
      },
    ],
    { expectedRevision: 'no_stream' },
  );
  print(
    `appended to ${stream}: now at revision ${E.isRight(first) ? first.right.nextExpectedRevision : '?'}`,
  );
  const stale = await store.appendToStream(
    stream,
    [
      {
        eventId: 'a5f2c4d0-0000-4000-8000-000000000002',
        type: 'NoteWritten',
        data: { text: 'again' },
        metadata: metadata('a5f2c4d0-0000-4000-8000-000000000002'),
      },
    ],
    { expectedRevision: 'no_stream' },
  );
  print(
    `a second writer expecting no stream is refused: ${E.isLeft(stale) ? stale.left.message : 'accepted?!'}`,
  );
  const read = await store.readStream(stream);
  print(`reading ${stream}: ${read.map((e) => `${e.type} ${JSON.stringify(e.data)}`).join(', ')}`);
  await new Promise((resolve) => setImmediate(resolve));
  await subscription.unsubscribe();
  print(`a subscriber to $all saw: ${seen.join('; ')}`);
};

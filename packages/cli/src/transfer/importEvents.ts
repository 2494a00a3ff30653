import type { EventStore, EventToAppend, ExpectedRevision, StoredEvent } from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import type { JsonlRecord } from '../jsonl';
import { ImportConflictError } from './importConflictError';
import { silentProgress, type Progress } from './progress';

// One append per run of same-stream lines, kept well under EventStoreDB's 1 MiB append limit.
const MAX_BATCH_EVENTS = 100;
const MAX_BATCH_BYTES = 512 * 1024;

interface Batch {
  readonly streamName: string;
  readonly firstLine: number;
  readonly firstRevision: bigint;
  readonly events: EventToAppend[];
  bytes: number;
}

const expectedBefore = (revision: bigint): ExpectedRevision =>
  revision === 0n ? 'no_stream' : revision - 1n;

const sizeOf = (event: StoredEvent): number =>
  JSON.stringify(event.data).length + JSON.stringify(event.metadata).length + event.type.length;

/**
 * Appends the events of a JSONL log to a store in file order, each at its own revision (revision n
 * is appended expecting n − 1), with its own id, type, data and metadata. Re-running an import that
 * was cut short is safe: events already there with the same ids are recognised, not duplicated.
 */
export const importEvents = async (
  records: AsyncIterable<JsonlRecord>,
  store: EventStore,
  progress: Progress = silentProgress,
): Promise<E.Either<ImportConflictError, number>> => {
  let count = 0;
  let batch: Batch | undefined;

  const flush = async (): Promise<E.Either<ImportConflictError, void>> => {
    if (batch === undefined) return E.right(undefined);
    const { streamName, events, firstRevision, firstLine } = batch;
    batch = undefined;
    const appended = await store.appendToStream(streamName, events, {
      expectedRevision: expectedBefore(firstRevision),
    });
    if (E.isLeft(appended)) {
      // A run cut short may have stored part of this batch: one at a time, the stored ones are recognised.
      for (const [i, event] of events.entries()) {
        const revision = firstRevision + BigInt(i);
        const single = await store.appendToStream(streamName, [event], {
          expectedRevision: expectedBefore(revision),
        });
        if (E.isLeft(single)) return E.left(new ImportConflictError(firstLine + i, revision, single.left));
      }
    }
    count += events.length;
    progress.tick(count);
    return E.right(undefined);
  };

  for await (const { line, event } of records) {
    const size = sizeOf(event);
    const fits =
      batch !== undefined &&
      batch.streamName === event.streamName &&
      batch.events.length < MAX_BATCH_EVENTS &&
      batch.bytes + size <= MAX_BATCH_BYTES &&
      event.revision === batch.firstRevision + BigInt(batch.events.length);
    if (!fits) {
      const flushed = await flush();
      if (E.isLeft(flushed)) return flushed;
      batch = {
        streamName: event.streamName,
        firstLine: line,
        firstRevision: event.revision,
        events: [],
        bytes: 0,
      };
    }
    const current = batch as Batch;
    current.events.push({
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
    current.bytes += size;
  }
  const flushed = await flush();
  if (E.isLeft(flushed)) return flushed;
  progress.done(count);
  return E.right(count);
};

import { randomUUID } from 'node:crypto';
import type { Expected } from './commitCheck';
import { checkCommit } from './commitCheck';
import type { Log, LogRecord, ProposedEvent } from './log';
import { MAX_LONG, lastRevision, publish, writeEvents, writeTombstone } from './log';
import {
  hasMetadata,
  isMetastream,
  isSoftDeleted,
  metadataOf,
  metastreamOf,
  originalStreamOf,
} from './metadata';

/** What an append, delete or tombstone answers. */
export type WriteResult =
  | { readonly kind: 'success'; readonly revision: bigint; readonly position: bigint | undefined }
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint }
  | { readonly kind: 'stream_deleted' };

/** EventStoreDB's default `MaxAppendSize`. */
export const DEFAULT_MAX_APPEND_SIZE = 1_048_576;

/** The size the server charges an append: data + metadata + twice the type length, per event. */
export const appendSize = (events: readonly ProposedEvent[]): number =>
  events.reduce((sum, e) => sum + e.data.length + e.customMetadata.length + 2 * e.type.length, 0);

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

const metadataEvent = (data: Uint8Array): ProposedEvent => ({
  eventId: randomUUID(),
  type: '$metadata',
  contentType: 'application/json',
  data,
  customMetadata: new Uint8Array(0),
});

// long.MaxValue does not survive JSON.stringify of a double, so the soft-delete marker is spelled out.
const SOFT_DELETE_METADATA = Buffer.from(`{"$tb":${MAX_LONG.toString()}}`, 'utf8');

// Writing to the metastream of a soft-deleted stream undeletes it: the server keeps the new
// metadata but truncates before the next revision, so the old events stay hidden.
const undeleteViaMetastream = (
  log: Log,
  metastream: string,
  events: readonly ProposedEvent[],
): ProposedEvent[] => {
  const stream = originalStreamOf(metastream);
  if (!isSoftDeleted(log, stream)) return [...events];
  const tb = Number(lastRevision(log, stream) + 1n);
  return events.map((event) => {
    try {
      const data: unknown = JSON.parse(Buffer.from(event.data).toString('utf8'));
      if (data !== null && typeof data === 'object' && !('$tb' in data))
        return { ...event, data: json({ ...data, $tb: tb }) };
    } catch {
      // Not JSON: stored as sent, like the real server would refuse to interpret it.
    }
    return event;
  });
};

/** Appends events if the commit check allows it; undeletes a soft-deleted stream by writing metadata after. */
export const append = (
  log: Log,
  streamName: string,
  expected: Expected,
  events: readonly ProposedEvent[],
): WriteResult => {
  const decision = checkCommit(
    log,
    streamName,
    expected,
    events.map((e) => e.eventId),
  );
  switch (decision.kind) {
    case 'stream_deleted':
      return decision;
    case 'wrong_expected_version':
      return decision;
    case 'idempotent':
      return { kind: 'success', revision: decision.revision, position: decision.position };
    case 'write': {
      if (events.length === 0)
        return { kind: 'success', revision: lastRevision(log, streamName), position: undefined };
      const firstNew = lastRevision(log, streamName) + 1n;
      const toWrite = isMetastream(streamName) ? undeleteViaMetastream(log, streamName, events) : events;
      const written: LogRecord[] = writeEvents(log, streamName, toWrite);
      if (decision.undelete) {
        const raw = { ...(metadataOf(log, streamName)?.raw ?? {}), $tb: Number(firstNew) };
        written.push(...writeEvents(log, metastreamOf(streamName), [metadataEvent(json(raw))]));
      }
      publish(log, written);
      const last = written[toWrite.length - 1] as LogRecord;
      return { kind: 'success', revision: last.revision, position: last.position };
    }
  }
};

/** Soft delete: writes `{"$tb": long.MaxValue}` as the stream's metadata, replacing what was there. */
export const softDelete = (log: Log, streamName: string, expected: Expected): WriteResult => {
  const decision = checkCommit(log, streamName, expected, [randomUUID()]);
  if (decision.kind === 'stream_deleted' || decision.kind === 'wrong_expected_version') return decision;
  // A stream with neither events nor metadata cannot be deleted, whatever was expected.
  if (lastRevision(log, streamName) < 0n && !hasMetadata(log, streamName)) {
    return { kind: 'wrong_expected_version', current: -1n };
  }
  const written = writeEvents(log, metastreamOf(streamName), [metadataEvent(SOFT_DELETE_METADATA)]);
  publish(log, written);
  const record = written[0] as LogRecord;
  return { kind: 'success', revision: record.revision, position: record.position };
};

/** Hard delete: writes the `$streamDeleted` record; every later operation on the stream fails. */
export const tombstone = (log: Log, streamName: string, expected: Expected): WriteResult => {
  const decision = checkCommit(log, streamName, expected, [randomUUID()]);
  if (decision.kind === 'stream_deleted' || decision.kind === 'wrong_expected_version') return decision;
  const record = writeTombstone(log, streamName, {
    eventId: randomUUID(),
    type: '$streamDeleted',
    contentType: 'application/octet-stream',
    data: new Uint8Array(0),
    customMetadata: new Uint8Array(0),
  });
  publish(log, [record]);
  return { kind: 'success', revision: MAX_LONG, position: record.position };
};

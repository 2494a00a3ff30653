import type { Log, LogRecord } from './log';
import { firstIndexAtOrAfter, lastRevision } from './log';
import { isSoftDeleted, isTombstoned, visibility } from './metadata';

/** Where a read starts: the ends of the stream/log or an exact revision/position. */
export type ReadFrom = 'start' | 'end' | bigint;

/** What a read asks for. */
export interface ReadRange {
  readonly direction: 'forwards' | 'backwards';
  readonly from: ReadFrom;
  readonly maxCount: number;
}

/** What a stream read answers. */
export type StreamReadResult =
  | { readonly kind: 'events'; readonly records: readonly LogRecord[] }
  | { readonly kind: 'stream_not_found' }
  | { readonly kind: 'stream_deleted' };

/** `EventFilter.DefaultAllFilter`: what even an "unfiltered" `$all` read leaves out. */
export const passesDefaultAllFilter = (record: LogRecord): boolean =>
  record.type !== '$epoch-information' &&
  !(
    record.streamName.startsWith('$persistentsubscription-$all::') &&
    (record.streamName.endsWith('-checkpoint') || record.streamName.endsWith('-parked'))
  );

/** Reads one stream as `ReadStreamForwards/Backwards` do, honouring `$maxCount`, `$maxAge` and `$tb`. */
export const readStream = (
  log: Log,
  streamName: string,
  range: ReadRange,
  nowMs = Date.now(),
): StreamReadResult => {
  if (isTombstoned(log, streamName)) return { kind: 'stream_deleted' };
  const events = log.streams.get(streamName)?.events ?? [];
  if (events.length === 0 || isSoftDeleted(log, streamName)) return { kind: 'stream_not_found' };
  const visible = visibility(log, streamName, nowMs);
  const last = lastRevision(log, streamName);
  const records: LogRecord[] = [];
  if (range.direction === 'forwards') {
    // Forwards from `end` is an assertion failure on the real server; here it simply reads nothing.
    if (range.from === 'end') return { kind: 'events', records };
    const from = range.from === 'start' ? 0n : range.from;
    for (let r = from; r <= last && records.length < range.maxCount; r++) {
      const record = events[Number(r)] as LogRecord;
      if (visible(record)) records.push(record);
    }
  } else {
    const from =
      range.from === 'end' ? last : range.from === 'start' ? 0n : range.from > last ? last : range.from;
    for (let r = from; r >= 0n && records.length < range.maxCount; r--) {
      const record = events[Number(r)] as LogRecord;
      if (!visible(record)) break;
      records.push(record);
    }
  }
  return { kind: 'events', records };
};

/** Reads `$all`: forwards from a position is inclusive, backwards from a position exclusive. */
export const readAll = (log: Log, range: ReadRange): readonly LogRecord[] => {
  const records: LogRecord[] = [];
  if (range.direction === 'forwards') {
    if (range.from === 'end') return records;
    const startIndex = range.from === 'start' ? 0 : firstIndexAtOrAfter(log, range.from);
    for (let i = startIndex; i < log.records.length && records.length < range.maxCount; i++) {
      const record = log.records[i] as LogRecord;
      if (passesDefaultAllFilter(record)) records.push(record);
    }
  } else {
    if (range.from === 'start') return records;
    const endIndex = range.from === 'end' ? log.records.length : firstIndexAtOrAfter(log, range.from);
    for (let i = endIndex - 1; i >= 0 && records.length < range.maxCount; i--) {
      const record = log.records[i] as LogRecord;
      if (passesDefaultAllFilter(record)) records.push(record);
    }
  }
  return records;
};

import type { AllFilter } from './filters';
import { matchesFilter } from './filters';
import type { CommitListener, Log, LogRecord } from './log';
import { MAX_LONG, endPosition, firstIndexAtOrAfter, lastRevision } from './log';
import { isTombstoned } from './metadata';
import type { ReadFrom } from './reads';
import { passesDefaultAllFilter, readStream } from './reads';

/** Where a subscription's messages go; the gRPC handler turns each into a `ReadResp`. */
export interface SubscriptionSink {
  readonly confirmed: () => void;
  readonly event: (record: LogRecord) => void;
  readonly caughtUp: () => void;
  readonly checkpoint: (position: bigint) => void;
  /** Ends the subscription with a StreamDeleted error. */
  readonly streamDeleted: () => void;
}

/** Stops a subscription's live delivery. */
export type Unsubscribe = () => void;

// Everything up to `listen` runs in one synchronous turn, so no commit can fall between the
// catch-up snapshot and the live listener: no gap and no duplicate at the hand-off.
const listen = (log: Log, listener: CommitListener): Unsubscribe => {
  log.listeners.add(listener);
  return () => log.listeners.delete(listener);
};

/**
 * Subscribes to one stream from an exclusive revision (or start/end): confirmation, catch-up,
 * caught-up, then live. A tombstoned stream fails at once; a live tombstone is sent, then fails.
 */
export const subscribeToStream = (
  log: Log,
  streamName: string,
  from: ReadFrom,
  sink: SubscriptionSink,
): Unsubscribe => {
  if (isTombstoned(log, streamName)) {
    sink.streamDeleted();
    return () => undefined;
  }
  let lastSent = from === 'start' ? -1n : from === 'end' ? lastRevision(log, streamName) : from;
  const stop = listen(log, (records) => {
    for (const record of records) {
      if (record.streamName !== streamName) continue;
      if (record.revision === MAX_LONG) {
        sink.event(record);
        stop();
        sink.streamDeleted();
        return;
      }
      if (record.revision <= lastSent) continue;
      lastSent = record.revision;
      sink.event(record);
    }
  });
  sink.confirmed();
  if (from !== 'end') {
    const read = readStream(log, streamName, {
      direction: 'forwards',
      from: lastSent + 1n,
      maxCount: Infinity,
    });
    for (const record of read.kind === 'events' ? read.records : []) {
      lastSent = record.revision;
      sink.event(record);
    }
  }
  sink.caughtUp();
  return stop;
};

/**
 * Subscribes to `$all` from an exclusive position (or start/end), optionally filtered. Filtered
 * subscriptions get checkpoints every `checkpointInterval` considered events, and one at the
 * end of the catch-up.
 */
export const subscribeToAll = (
  log: Log,
  from: ReadFrom,
  filter: AllFilter | undefined,
  sink: SubscriptionSink,
): Unsubscribe => {
  let lastSent: bigint | undefined = typeof from === 'bigint' ? from : undefined;
  let considered = 0;
  const boundary = endPosition(log);
  const selects = (record: LogRecord): boolean =>
    passesDefaultAllFilter(record) && (filter === undefined || matchesFilter(filter, record));

  const stop = listen(log, (records) => {
    for (const record of records) {
      if (record.position < boundary) continue;
      if (selects(record)) {
        lastSent = record.position;
        sink.event(record);
      }
      if (filter && ++considered % filter.checkpointInterval === 0 && record.position >= (lastSent ?? 0n)) {
        sink.checkpoint(record.position);
      }
    }
  });
  sink.confirmed();

  const startIndex =
    from === 'start' ? 0 : from === 'end' ? log.records.length : firstIndexAtOrAfter(log, from + 1n);
  let catchUpCount = 0;
  for (let i = startIndex; i < log.records.length; i++) {
    const record = log.records[i] as LogRecord;
    if (selects(record)) {
      lastSent = record.position;
      sink.event(record);
    }
    if (filter && ++catchUpCount % filter.checkpointInterval === 0) {
      sink.checkpoint(record.position > (lastSent ?? 0n) ? record.position : (lastSent ?? record.position));
    }
  }
  if (filter && lastSent !== undefined) sink.checkpoint(lastSent);
  sink.caughtUp();
  return stop;
};

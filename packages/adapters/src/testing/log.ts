/** EventStoreDB's `long.MaxValue`: the revision of a tombstone record and the `$tb` of a soft delete. */
export const MAX_LONG = 9223372036854775807n;

/** How an event's data is encoded; the server keeps only these two content types. */
export type ContentType = 'application/json' | 'application/octet-stream';

/** An event as a client proposes it, before it has a place in the log. */
export interface ProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: ContentType;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** One record of the in-memory transaction log. Every gRPC write self-commits, so commit == prepare. */
export interface LogRecord extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
}

/** A stream's records by revision (index == revision), plus its tombstone once hard-deleted. */
export interface StreamRecords {
  readonly events: LogRecord[];
  tombstone: LogRecord | undefined;
}

/** Called synchronously after each commit with the records it wrote, in position order. */
export type CommitListener = (records: readonly LogRecord[]) => void;

/** The whole store: the global log in position order, the per-stream index, and live listeners. */
export interface Log {
  readonly records: LogRecord[];
  readonly streams: Map<string, StreamRecords>;
  nextPosition: bigint;
  readonly listeners: Set<CommitListener>;
}

// Real positions are byte offsets; ours only keep the properties clients may rely on:
// strictly increasing, not contiguous, never 0 for an event.
const FIRST_POSITION = 1024n;
const RECORD_OVERHEAD = 100n;

/** An empty log. */
export const createLog = (): Log => ({
  records: [],
  streams: new Map(),
  nextPosition: FIRST_POSITION,
  listeners: new Set(),
});

/** Empties the log in place, so servers holding it see the reset. */
export const clearLog = (log: Log): void => {
  log.records.length = 0;
  log.streams.clear();
  log.nextPosition = FIRST_POSITION;
};

/** The stream's index entry, if anything was ever written to it. */
export const streamRecords = (log: Log, streamName: string): StreamRecords | undefined =>
  log.streams.get(streamName);

/** Revision of the stream's last event, or -1 when it has none. Deletion does not reset it. */
export const lastRevision = (log: Log, streamName: string): bigint =>
  BigInt((log.streams.get(streamName)?.events.length ?? 0) - 1);

const nowTicks = (): bigint => BigInt(Date.now()) * 10_000n;

const place = (log: Log, streamName: string, revision: bigint, event: ProposedEvent): LogRecord => {
  const record: LogRecord = {
    ...event,
    streamName,
    revision,
    position: log.nextPosition,
    created: nowTicks(),
  };
  log.nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length);
  log.records.push(record);
  return record;
};

const entry = (log: Log, streamName: string): StreamRecords => {
  const existing = log.streams.get(streamName);
  if (existing) return existing;
  const created: StreamRecords = { events: [], tombstone: undefined };
  log.streams.set(streamName, created);
  return created;
};

/** Writes events at the end of a stream without any check, as one atomic commit; returns the records. */
export const writeEvents = (log: Log, streamName: string, events: readonly ProposedEvent[]): LogRecord[] => {
  const stream = entry(log, streamName);
  const written = events.map((event) => {
    const record = place(log, streamName, BigInt(stream.events.length), event);
    stream.events.push(record);
    return record;
  });
  return written;
};

/** Writes the `$streamDeleted` record at revision long.MaxValue: the stream is closed for good. */
export const writeTombstone = (log: Log, streamName: string, event: ProposedEvent): LogRecord => {
  const record = place(log, streamName, MAX_LONG, event);
  entry(log, streamName).tombstone = record;
  return record;
};

/** Tells live listeners about a finished commit; done after every record of it is in place. */
export const publish = (log: Log, records: readonly LogRecord[]): void => {
  if (records.length === 0) return;
  for (const listener of [...log.listeners]) listener(records);
};

/** Index of the first record whose position is >= `position` (records are in position order). */
export const firstIndexAtOrAfter = (log: Log, position: bigint): number => {
  let low = 0;
  let high = log.records.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((log.records[mid] as LogRecord).position < position) low = mid + 1;
    else high = mid;
  }
  return low;
};

/** Position the next record will take; every existing record is before it. */
export const endPosition = (log: Log): bigint => log.nextPosition;

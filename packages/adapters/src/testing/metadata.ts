import type { Log, LogRecord } from './log';
import { MAX_LONG, lastRevision } from './log';

/** The parts of stream metadata the server enforces, plus the raw JSON object it came from. */
export interface StreamMetadata {
  readonly maxCount: number | undefined;
  readonly maxAgeSeconds: number | undefined;
  readonly truncateBefore: bigint | undefined;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Whether a stream name is a metastream (`$$name`). */
export const isMetastream = (streamName: string): boolean => streamName.startsWith('$$');

/** The metastream holding a stream's metadata. */
export const metastreamOf = (streamName: string): string => `$$${streamName}`;

/** The stream a metastream describes. */
export const originalStreamOf = (metastream: string): string => metastream.slice(2);

const positiveInteger = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

// JSON numbers are doubles: long.MaxValue arrives as 9223372036854775808, so anything that
// large is read back as long.MaxValue rather than as a slightly wrong revision.
const revisionOf = (value: unknown): bigint | undefined => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return value >= Number(MAX_LONG) ? MAX_LONG : BigInt(Math.trunc(value));
};

/** Parses a `$metadata` event's data; data that is not a JSON object counts as no metadata. */
export const parseMetadata = (data: Uint8Array): StreamMetadata | undefined => {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const object = raw as Record<string, unknown>;
  return {
    maxCount: positiveInteger(object['$maxCount']),
    maxAgeSeconds: positiveInteger(object['$maxAge']),
    truncateBefore: revisionOf(object['$tb']),
    raw: object,
  };
};

/** The latest metadata of a stream, if its metastream holds any. */
export const metadataOf = (log: Log, streamName: string): StreamMetadata | undefined => {
  const events = log.streams.get(metastreamOf(streamName))?.events;
  const latest = events?.[events.length - 1];
  return latest ? parseMetadata(latest.data) : undefined;
};

/** Whether any metadata was ever written for the stream. */
export const hasMetadata = (log: Log, streamName: string): boolean =>
  (log.streams.get(metastreamOf(streamName))?.events.length ?? 0) > 0;

/** A soft-deleted stream is one whose metadata truncates before long.MaxValue. */
export const isSoftDeleted = (log: Log, streamName: string): boolean =>
  !isMetastream(streamName) && metadataOf(log, streamName)?.truncateBefore === MAX_LONG;

/** Whether the stream, or for a metastream the stream it describes, has been tombstoned. */
export const isTombstoned = (log: Log, streamName: string): boolean => {
  const target = isMetastream(streamName) ? originalStreamOf(streamName) : streamName;
  return (
    log.streams.get(target)?.tombstone !== undefined || log.streams.get(streamName)?.tombstone !== undefined
  );
};

/**
 * Which of a stream's events a read may see: `$tb` and `$maxCount` give a lowest revision,
 * `$maxAge` a cut-off time. Metastreams always behave as `$maxCount: 1`.
 */
export const visibility = (log: Log, streamName: string, nowMs: number): ((record: LogRecord) => boolean) => {
  const last = lastRevision(log, streamName);
  const metadata = isMetastream(streamName) ? undefined : metadataOf(log, streamName);
  const maxCount = isMetastream(streamName) ? 1 : metadata?.maxCount;
  let lowest = 0n;
  if (maxCount !== undefined) lowest = last - BigInt(maxCount) + 1n;
  const tb = metadata?.truncateBefore;
  if (tb !== undefined && tb > lowest) lowest = tb;
  const maxAge = metadata?.maxAgeSeconds;
  const oldestTicks = maxAge === undefined ? undefined : BigInt(nowMs - maxAge * 1000) * 10_000n;
  return (record) =>
    record.revision >= lowest && (oldestTicks === undefined || record.created >= oldestTicks);
};

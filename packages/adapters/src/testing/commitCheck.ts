import type { Log } from './log';
import { lastRevision } from './log';
import { hasMetadata, isSoftDeleted, isTombstoned } from './metadata';

/** What a write expects of its stream, as the four gRPC oneof cases. */
export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** The outcome of `IndexWriter.CheckCommit`: write, answer from an earlier identical write, or refuse. */
export type CommitDecision =
  | { readonly kind: 'write'; readonly undelete: boolean }
  | { readonly kind: 'idempotent'; readonly revision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint }
  | { readonly kind: 'stream_deleted' };

const wev = (current: bigint): CommitDecision => ({ kind: 'wrong_expected_version', current });

// The real server keeps this lookup in a bounded cache; ours remembers every id of the stream,
// so it is "more idempotent" than production (documented in docs/eventstoredb.md).
const idempotentByFirstId = (
  log: Log,
  streamName: string,
  ids: readonly string[],
): CommitDecision | undefined => {
  const events = log.streams.get(streamName)?.events ?? [];
  const byId = new Map(events.map((record) => [record.eventId, record]));
  const first = ids[0] === undefined ? undefined : byId.get(ids[0]);
  if (!first) return undefined;
  const matched = ids.map((id) => byId.get(id));
  const last = matched[matched.length - 1];
  // First id known but not every later one: "CorruptedIdempotency", answered as WEV.
  if (matched.some((record) => record === undefined) || !last) return wev(lastRevision(log, streamName));
  return { kind: 'idempotent', revision: last.revision, position: last.position };
};

// Exact-revision idempotency: the events after `after` must carry exactly these ids, in order.
const idempotentAfter = (
  log: Log,
  streamName: string,
  after: bigint,
  ids: readonly string[],
): CommitDecision => {
  const events = log.streams.get(streamName)?.events ?? [];
  const current = lastRevision(log, streamName);
  let lastMatch: { revision: bigint; position: bigint } | undefined;
  for (const [index, id] of ids.entries()) {
    const record = events[Number(after) + 1 + index];
    if (!record || record.eventId !== id) return wev(current);
    lastMatch = record;
  }
  return lastMatch ? { kind: 'idempotent', ...lastMatch } : wev(current);
};

/** Applies EventStoreDB's expected-revision and idempotency rules to a proposed write. */
export const checkCommit = (
  log: Log,
  streamName: string,
  expected: Expected,
  eventIds: readonly string[],
): CommitDecision => {
  if (isTombstoned(log, streamName)) return { kind: 'stream_deleted' };
  const last = lastRevision(log, streamName);
  const softDeleted = isSoftDeleted(log, streamName);
  const exists = last >= 0n;
  switch (expected.kind) {
    case 'any':
    case 'stream_exists': {
      if (expected.kind === 'stream_exists') {
        if (softDeleted) return { kind: 'stream_deleted' };
        // Metadata alone satisfies stream_exists.
        if (!exists && !hasMetadata(log, streamName)) return wev(-1n);
      }
      return idempotentByFirstId(log, streamName, eventIds) ?? { kind: 'write', undelete: softDeleted };
    }
    case 'no_stream': {
      if (!exists || softDeleted) return { kind: 'write', undelete: softDeleted };
      return idempotentAfter(log, streamName, -1n, eventIds);
    }
    case 'revision': {
      if (expected.revision === last) return { kind: 'write', undelete: softDeleted };
      if (expected.revision > last) return wev(last);
      return idempotentAfter(log, streamName, expected.revision, eventIds);
    }
  }
};

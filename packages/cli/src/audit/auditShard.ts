import { parseStreamName, type StoredEvent } from '@tillstream/domain';
import { JsonlFormatError } from '../jsonl/jsonlFormatError';
import { headNamesPosition, headNamesStream, jsonlHead, readJsonlHead } from '../jsonl/jsonlHead';
import { decodeJsonlLine } from '../jsonl/jsonlLine';
import { readFileLines } from '../jsonl/fileLines';
import type { OnLine } from '../jsonl/lineCutter';
import type { AuditPart } from './auditPart';
import { auditReplay } from './auditReplay';
import type { AuditOptions } from './auditReport';
import { tenantOwners } from './tenantOwners';
import type { PassedEvent } from './logIntegrity';
import type { Located } from './violation';

/** Which tenants one replay of several takes: tenants are dealt in turn, as they first appear in the log. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Lines past which no shard need read: a shard that met a malformed line or an unshardable log says where. */
export type ShardStop = Int32Array;

/** A stop shared by the shards of one audit (shared memory, so worker threads see it at once). */
export const shardStop = (): ShardStop => new Int32Array(new SharedArrayBuffer(4));

// Only the first malformed line counts, and shards read in the same order: none need read past it.
const stopAfter = (stop: ShardStop, line: number): void => {
  for (let now = Atomics.load(stop, 0); now === 0 || line < now; now = Atomics.load(stop, 0))
    if (Atomics.compareExchange(stop, 0, now, line) === now) return;
};

/** This shard stopped where another met a malformed line or an unshardable log: its part is not needed. */
export class ShardStoppedError extends Error {
  constructor(readonly line: number) {
    super(`The shard stopped at line ${line}: another shard ended the audit.`);
    this.name = 'ShardStoppedError';
  }
}

/**
 * The log is not cut cleanly along tenants, so its shards cannot be replayed apart: an event sealed in
 * another tenant's stream, or a line whose head and body name different places. Replay it whole.
 */
export class UnshardableLogError extends Error {
  constructor(readonly reason: string) {
    super(`The log cannot be audited in shards: ${reason}.`);
    this.name = 'UnshardableLogError';
  }
}

/**
 * Audits the tenants of a JSONL file that one shard takes, reading the file itself: every line is cut,
 * but only the lines of its tenants are parsed and replayed (the others are placed by their first
 * bytes, see `readJsonlHead`, and only the log's order is checked across them). With one shard, the
 * whole log, as `auditLog(readJsonlFile(path))` but with no promise per line. A malformed line throws
 * a `JsonlFormatError` naming it, from the shard that parses it; a log that does not split cleanly
 * along tenants throws an `UnshardableLogError` (only with several shards).
 */
export const auditShard = async (
  path: string,
  shard: Shard,
  options: AuditOptions,
  /** Shared with the other shards: where to stop, and where this one met the end of the audit. */
  stop: ShardStop = shardStop(),
  /** Bytes per read of the file (tests cut a small file into many reads). */
  readSize?: number,
): Promise<AuditPart> => {
  const replay = auditReplay(options);
  const alone = shard.count === 1;
  const owners = tenantOwners(shard.count);
  const head = jsonlHead();
  // The last line another shard replays, read from its bytes only when the order check or a violation
  // needs it. Kept in this closure's variables, not on the object: set for every passed line, read rarely.
  let passedBytes: Buffer = Buffer.alloc(0);
  let passedStart = 0;
  let passedEnd = 0;
  let positionStart = 0;
  let positionEnd = 0;
  let streamStart = 0;
  let streamEnd = 0;
  const passed: PassedEvent = {
    // Only the position of the line just before one of this shard's is ever compared: most are never read.
    get position(): bigint {
      return BigInt(passedBytes.toString('latin1', positionStart, positionEnd));
    },
    locate: (): Located => {
      const decoded = decodeJsonlLine(passedBytes.toString('utf8', passedStart, passedEnd));
      // A line that does not decode stops its own shard, and the audit with it: this place is never shown.
      return decoded._tag === 'Right'
        ? decoded.right
        : {
            streamName: passedBytes.toString('utf8', streamStart, streamEnd),
            revision: 0n,
            position: passed.position,
            type: '',
          };
    },
  };
  let failure: Error | undefined;
  const replayed = (event: StoredEvent, line: number): boolean => {
    const stream = parseStreamName(event.streamName);
    // The audit trail keeps its state by the tenant an event names: one sealed in another tenant's
    // stream would split that state between shards.
    if (!alone && stream !== undefined && stream.tenantId !== event.metadata.tenantId) {
      failure = new UnshardableLogError(`line ${line} holds an event of another tenant than its stream's`);
      return false;
    }
    replay.observe(event, line, stream);
    return true;
  };
  const onLine: OnLine = (bytes, start, end, line) => {
    const stopAt = Atomics.load(stop, 0);
    if (stopAt !== 0 && line > stopAt) {
      failure = new ShardStoppedError(line);
      return false;
    }
    // Alone, the shard parses every line: placing it by its head first would be work for nothing.
    const placed = !alone && readJsonlHead(bytes, start, end, head);
    if (placed && owners.ofNameBytes(bytes, head.streamStart, head.streamEnd) !== shard.index) {
      passedBytes = bytes;
      passedStart = start;
      passedEnd = end;
      positionStart = head.positionStart;
      positionEnd = head.positionEnd;
      streamStart = head.streamStart;
      streamEnd = head.streamEnd;
      replay.pass(passed);
      return true;
    }
    // No encoding named is UTF-8 without a look-up of the encoding's name: once per parsed line.
    const decoded = decodeJsonlLine(bytes.toString(undefined, start, end));
    if (decoded._tag === 'Left') {
      failure = new JsonlFormatError(line, decoded.left);
      return false;
    }
    const event = decoded.right;
    if (alone) return replayed(event, line);
    if (placed) {
      // Every shard placed this line by its head: its body must say the same (a key given twice need not).
      if (
        !headNamesStream(bytes, head, event.streamName) ||
        !headNamesPosition(bytes, head, event.position)
      ) {
        failure = new UnshardableLogError(`line ${line} names its stream or position twice`);
        return false;
      }
      return replayed(event, line);
    }
    // Not in the writer's layout: every shard parses it to know whose it is.
    if (owners.ofStream(event.streamName) === shard.index) return replayed(event, line);
    replay.pass({ position: event.position, locate: () => event });
    return true;
  };
  // The reader reuses its buffer: the last passed line, which a violation may yet name, is copied first.
  const keepPassed = () => {
    if (passedEnd === 0) return;
    const from = passedStart;
    passedBytes = Buffer.from(passedBytes.subarray(from, passedEnd));
    passedStart = 0;
    passedEnd -= from;
    positionStart -= from;
    positionEnd -= from;
    streamStart -= from;
    streamEnd -= from;
  };
  await readFileLines(path, onLine, keepPassed, readSize);
  if (failure instanceof JsonlFormatError) stopAfter(stop, failure.line);
  // The log is replayed again on one thread: the other shards can stop now.
  if (failure instanceof UnshardableLogError) stopAfter(stop, 1);
  if (failure !== undefined) throw failure;
  return replay.part();
};

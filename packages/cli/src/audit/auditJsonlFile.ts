import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { JsonlFormatError } from '../jsonl/jsonlFormatError';
import type { AuditPart } from './auditPart';
import { auditReport, type AuditOptions, type AuditReport } from './auditReport';
import {
  auditShard,
  shardStop,
  ShardStoppedError,
  UnshardableLogError,
  type Shard,
  type ShardStop,
} from './auditShard';
import { unpackOrders } from './packedOrders';
import { shardError, type ShardMessage, type ShardTask } from './shardMessage';

/** How to audit a file: as `auditLog`, and on how many threads. */
export interface JsonlAuditOptions extends AuditOptions {
  /**
   * Threads to replay the log on, each taking a share of its tenants (default: `defaultAuditThreads`).
   * 1 replays it on the calling thread. A tenant filter or the identifier rule replays on one.
   */
  readonly threads?: number;
}

// Below this, a worker's start (loading the library into a fresh thread) costs more than it saves.
const SHARDED_FROM_BYTES = 32 * 2 ** 20;

/**
 * Threads for a file of `bytes` when none are asked for: one per core, at most 4, and one for a file
 * under 32 MiB. Every core, whatever else runs: a user who audits a file wants the answer soon, and
 * the system shares the cores among whoever asks (the load average said nothing of which cores are
 * busy, and chose one thread whenever anything else ran). `--threads 1` leaves the other cores alone.
 */
export const defaultAuditThreads = (bytes: number): number =>
  bytes < SHARDED_FROM_BYTES ? 1 : Math.min(4, availableParallelism());

const sizeOf = async (path: string): Promise<number> => {
  try {
    return (await stat(path)).size;
  } catch {
    // Unreadable: one thread reads it and reports why, as any reader would.
    return 0;
  }
};

/** Runs one shard of a file; the first runs on the calling thread, the others in worker threads. */
type ShardRunner = (path: string, shard: Shard, options: AuditOptions, stop: ShardStop) => Promise<AuditPart>;

const inWorker: ShardRunner = (path, shard, options, stop) =>
  new Promise((resolve, reject) => {
    const { identifiers: _identifiers, ...cloneable } = options;
    const task: ShardTask = { path, shard, options: cloneable, stop };
    const worker = new Worker(join(__dirname, 'auditWorker.js'), {
      workerData: task,
      resourceLimits: {
        // As much heap as this thread may take (a worker's default is V8's, whatever --max-old-space-size says).
        maxOldGenerationSizeMb: Math.ceil(getHeapStatistics().heap_size_limit / 2 ** 20),
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      },
    });
    let settled = false;
    worker.once('message', (message: ShardMessage) => {
      settled = true;
      if ('part' in message)
        resolve({
          ...(JSON.parse(message.part) as Omit<AuditPart, 'orders'>),
          orders: unpackOrders(message.orders),
        });
      else reject(shardError(message.failure));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`an audit worker stopped (exit code ${code}) before it reported`));
    });
  });

const onThisThread: ShardRunner = (path, shard, options, stop) => auditShard(path, shard, options, stop);

// A replay makes short-lived objects by the million (parsed lines, decoded events): a young generation
// larger than V8's default lets more of them die young, which cut the collector's share of a replay
// from about 20% to 12% (--max-semi-space-size=64 on one thread).
const YOUNG_GENERATION_MB = 192;

/**
 * Audits shards of a file with `run` and merges what they found; undefined when the log does not
 * split along tenants (replay it whole). Errors as one replay of the whole log would throw them: the
 * malformed line that comes first in the file.
 */
export const auditShards = async (
  count: number,
  options: AuditOptions,
  run: (shard: Shard, stop: ShardStop) => Promise<AuditPart>,
): Promise<AuditReport | undefined> => {
  const stop = shardStop();
  const settled = await Promise.allSettled(
    Array.from({ length: count }, (_, index) => run({ index, count }, stop)),
  );
  const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (errors.some((e) => e instanceof UnshardableLogError)) return undefined;
  const malformed = errors
    .filter((e): e is JsonlFormatError => e instanceof JsonlFormatError)
    .sort((a, b) => a.line - b.line)[0];
  if (malformed !== undefined) throw malformed;
  const other = errors.find((e) => !(e instanceof ShardStoppedError));
  if (other !== undefined) throw other;
  const parts = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  return auditReport(parts, options);
};

/**
 * Audits a JSONL file as `auditLog(readJsonlFile(path))` does, with the same report and errors, on
 * several threads when the machine has cores to spare: tenants are sealed from each other, so each
 * thread reads the whole file but parses and replays only its share of the tenants, and checks the
 * log's order across all of it. A log that does not split along its tenants (an event sealed in
 * another tenant's stream) is replayed again, whole, on one thread.
 */
export const auditJsonlFile = async (path: string, options: JsonlAuditOptions = {}): Promise<AuditReport> => {
  const { threads: asked, ...audit } = options;
  const threads =
    audit.tenant !== undefined || audit.identifiers !== undefined
      ? 1
      : (asked ?? defaultAuditThreads(await sizeOf(path)));
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be a whole number of at least 1, got ${threads}`);
  const whole = async () =>
    auditReport([await onThisThread(path, { index: 0, count: 1 }, audit, shardStop())], audit);
  if (threads === 1) return whole();
  const report = await auditShards(threads, audit, (shard, stop) =>
    (shard.index === 0 ? onThisThread : inWorker)(path, shard, audit, stop),
  );
  return report ?? whole();
};

import { JsonlFormatError } from '../jsonl/jsonlFormatError';
import type { AuditOptions } from './auditReport';
import type { PackedOrders } from './packedOrders';
import { ShardStoppedError, UnshardableLogError, type Shard, type ShardStop } from './auditShard';

/** What a worker is given: the file, its shard, and options that survive a structured clone. */
export interface ShardTask {
  readonly path: string;
  readonly shard: Shard;
  readonly options: Omit<AuditOptions, 'identifiers'>;
  readonly stop: ShardStop;
}

/** Why a shard failed, as plain data (an error's class does not survive a structured clone). */
export type ShardFailure =
  | { readonly kind: 'jsonl'; readonly line: number; readonly reason: string }
  | { readonly kind: 'unshardable'; readonly reason: string }
  | { readonly kind: 'stopped'; readonly line: number }
  | { readonly kind: 'other'; readonly message: string; readonly code?: string };

/** What a worker posts back: its part (as JSON, but its orders packed), or why it failed. */
export type ShardMessage =
  { readonly part: string; readonly orders: PackedOrders } | { readonly failure: ShardFailure };

/** The plain form of a shard's error. */
export const shardFailure = (error: unknown): ShardFailure => {
  if (error instanceof JsonlFormatError) return { kind: 'jsonl', line: error.line, reason: error.reason };
  if (error instanceof UnshardableLogError) return { kind: 'unshardable', reason: error.reason };
  if (error instanceof ShardStoppedError) return { kind: 'stopped', line: error.line };
  const code = (error as { code?: unknown } | undefined)?.code;
  return {
    kind: 'other',
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
};

/** The error a shard's failure stands for, back on the main thread. */
export const shardError = (failure: ShardFailure): Error => {
  switch (failure.kind) {
    case 'jsonl':
      return new JsonlFormatError(failure.line, failure.reason);
    case 'unshardable':
      return new UnshardableLogError(failure.reason);
    case 'stopped':
      return new ShardStoppedError(failure.line);
    case 'other':
      return Object.assign(
        new Error(failure.message),
        failure.code === undefined ? {} : { code: failure.code },
      );
  }
};

import type { Position } from '@tillstream/domain';
import { CheckpointConflictError } from './errors';

/** How far a projection has read: the last position it applied, and the projection version that applied it. */
export interface Checkpoint {
  readonly position: Position;
  readonly version: number;
}

/** What a save expects to replace: a checkpoint, or `'none'` when nothing was stored yet. */
export type ExpectedCheckpoint = Checkpoint | 'none';

/**
 * Where runners keep their checkpoints. Two operations, so any store can implement it:
 * - `load(name)` returns the last saved checkpoint, or undefined if none was ever saved.
 * - `save(name, checkpoint, expected?)` stores it; when `expected` is given and the stored value is
 *   not exactly that, it rejects with `CheckpointConflictError` (a second runner of the same
 *   projection) and stores nothing. Positions are compared as bigints, never subtracted.
 */
export interface CheckpointStore {
  readonly load: (name: string) => Promise<Checkpoint | undefined>;
  readonly save: (name: string, checkpoint: Checkpoint, expected?: ExpectedCheckpoint) => Promise<void>;
}

const same = (a: Checkpoint | undefined, b: ExpectedCheckpoint): boolean =>
  b === 'none' ? a === undefined : a !== undefined && a.position === b.position && a.version === b.version;

/** Checkpoints in a Map: as durable as the process, which is what in-memory models need. */
export const inMemoryCheckpointStore = (): CheckpointStore => {
  const saved = new Map<string, Checkpoint>();
  return {
    load: async (name) => saved.get(name),
    save: async (name, checkpoint, expected) => {
      const current = saved.get(name);
      if (expected !== undefined && !same(current, expected))
        throw new CheckpointConflictError(name, expected, current);
      saved.set(name, { position: checkpoint.position, version: checkpoint.version });
    },
  };
};

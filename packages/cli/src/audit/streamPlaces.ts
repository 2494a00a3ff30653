import type { Located } from './violation';

/** Revisions and positions in one form each: a number from 0 to 2^53 - 1, a bigint otherwise (so `===` compares them). */
export type Count = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `value` in its one form. */
export const compact = (value: bigint): Count => (value >= 0n && value <= MAX_SAFE ? Number(value) : value);

/** The revision after `revision`, in its one form. */
export const nextRevision = (revision: Count): Count =>
  typeof revision === 'number' && revision < Number.MAX_SAFE_INTEGER
    ? revision + 1
    : compact(BigInt(revision) + 1n);

/** Where the last event of each stream sits: its revision, position and type. */
export interface StreamPlaces {
  /** The stream's slot, if an event of it was placed. */
  readonly slotOf: (streamName: string) => number | undefined;
  readonly revisionAt: (slot: number) => Count;
  /** Places a stream's first event; returns its slot. */
  readonly add: (streamName: string, revision: Count, position: Count, type: string) => number;
  /** Places a later event of the stream in `slot`. */
  readonly move: (slot: number, revision: Count, position: Count, type: string) => void;
  /** The last event of the stream in `slot`, as a violation names it. */
  readonly located: (slot: number, streamName: string) => Located;
}

/**
 * Empty places, kept in columns: a slot per stream in typed arrays, not an object per stream (a log
 * of 400,000 streams made 400,000 objects that every major collection marked). A revision or
 * position past 2^53 - 1 is NaN in its column and kept aside as a bigint.
 */
export const streamPlaces = (): StreamPlaces => {
  const slots = new Map<string, number>();
  let revisions: Float64Array = new Float64Array(1024);
  let positions: Float64Array = new Float64Array(1024);
  // Type names are few and shared (see `decodeJsonlLine`): one reference per slot, no lookup per event.
  const types: string[] = [];
  const bigRevisions = new Map<number, bigint>();
  const bigPositions = new Map<number, bigint>();

  const put = (column: Float64Array, big: Map<number, bigint>, slot: number, value: Count) => {
    if (typeof value === 'number') {
      column[slot] = value;
      if (big.size > 0) big.delete(slot);
    } else {
      column[slot] = NaN;
      big.set(slot, value);
    }
  };
  const read = (column: Float64Array, big: Map<number, bigint>, slot: number): Count => {
    const value = column[slot] as number;
    return Number.isNaN(value) ? (big.get(slot) as bigint) : value;
  };
  const grown = (column: Float64Array): Float64Array => {
    const next = new Float64Array(column.length * 2);
    next.set(column);
    return next;
  };
  const move = (slot: number, revision: Count, position: Count, type: string) => {
    put(revisions, bigRevisions, slot, revision);
    put(positions, bigPositions, slot, position);
    types[slot] = type;
  };
  return {
    slotOf: (streamName) => slots.get(streamName),
    revisionAt: (slot) => read(revisions, bigRevisions, slot),
    add: (streamName, revision, position, type) => {
      const slot = slots.size;
      if (slot === revisions.length) {
        revisions = grown(revisions);
        positions = grown(positions);
      }
      slots.set(streamName, slot);
      move(slot, revision, position, type);
      return slot;
    },
    move,
    located: (slot, streamName) => ({
      streamName,
      revision: BigInt(read(revisions, bigRevisions, slot)),
      position: BigInt(read(positions, bigPositions, slot)),
      type: types[slot] as string,
    }),
  };
};

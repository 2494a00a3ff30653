import * as crypto from 'node:crypto';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Makes new ids for aggregates and processes; injected so tests are deterministic. */
export interface IdGenerator {
  readonly newId: () => string;
}

/** Time-ordered random UUIDs (v7). */
export const randomIds: IdGenerator = { newId: () => uuidv7() };

const TILLSTREAM_NAMESPACE = 'c3b9a7de-57f4-4d0b-9a5e-2f1a6c0e8b41';
// uuid refuses lone surrogates (URIError); names holding any surrogate go to it so both agree.
const SURROGATE = /[\uD800-\uDFFF]/;
// Namespace bytes followed by the name: reused, since hashing is synchronous and ids are made often.
const scratch = Buffer.alloc(1024);
Buffer.from(TILLSTREAM_NAMESPACE.replace(/-/g, ''), 'hex').copy(scratch);
const VARIANT = '89ab';

// One-shot hashing (Node ≥ 20.12) skips the Hash object that createHash builds per call.
const sha1Hex = (bytes: Buffer): string =>
  typeof crypto.hash === 'function'
    ? crypto.hash('sha1', bytes, 'hex')
    : crypto.createHash('sha1').update(bytes).digest('hex');

// Views of the scratch buffer by length, made once: a view per id cost as much as writing the name.
const views: Buffer[] = [];
const scratchUpTo = (end: number): Buffer => (views[end] ??= scratch.subarray(0, end));

// The UUID v5 of the name written into the scratch buffer up to `end`.
const idOfScratch = (end: number): string => {
  const hex = sha1Hex(scratchUpTo(end));
  // Version 5 in the 13th digit; variant 10xx in the 17th.
  const variant = VARIANT[parseInt(hex.charAt(16), 16) & 3] as string;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * A UUID that is always the same for the same name: retried work gets the same ids.
 * UUID v5 in the tillstream namespace, computed here because it runs once per event written.
 */
export const deterministicId = (name: string): string => {
  if (name.length * 3 > scratch.length - 16 || SURROGATE.test(name))
    return uuidv5(name, TILLSTREAM_NAMESPACE);
  return idOfScratch(16 + scratch.write(name, 16, 'utf8'));
};

const BAR = 0x7c;
const ZERO = 0x30;

/**
 * The id of the first event a command writes to a stream: `deterministicId` of
 * `{streamName}|{commandId}|0`, the name written piece by piece rather than joined first.
 */
export const firstEventId = (streamName: string, commandId: string): string => {
  if (
    (streamName.length + commandId.length + 3) * 3 > scratch.length - 16 ||
    SURROGATE.test(streamName) ||
    SURROGATE.test(commandId)
  )
    return deterministicId(`${streamName}|${commandId}|0`);
  let end = 16 + scratch.write(streamName, 16, 'utf8');
  scratch[end++] = BAR;
  end += scratch.write(commandId, end, 'utf8');
  scratch[end++] = BAR;
  scratch[end++] = ZERO;
  return idOfScratch(end);
};

/**
 * The `n`th id of a run whose first id is `first`: its last 32 bits XOR `n`, so a command hashes
 * once however many events it writes. Still a UUID v5 in form (version and variant untouched),
 * distinct for every `n` below 2^32, and the same on every retry.
 */
export const nthId = (first: string, n: number): string =>
  n === 0
    ? first
    : `${first.slice(0, 28)}${((parseInt(first.slice(28), 16) ^ n) >>> 0).toString(16).padStart(8, '0')}`;

/** Repeatable ids from a seed: the same seed gives the same sequence. */
export const seededIds = (seed: string): IdGenerator => {
  let n = 0;
  return { newId: () => deterministicId(`${seed}#${n++}`) };
};

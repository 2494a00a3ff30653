import * as crypto from 'node:crypto';

// Characters JSON.stringify would escape (quotes, backslash, controls, surrogates): strings
// without them are quoted as they are.
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const quote = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

// Insertion sort by `<` (UTF-16 code units, as the default sort orders distinct keys): command
// data has a handful of keys, where this beats `Array.prototype.sort`.
const sortedKeys = (record: object): string[] => {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
};

// Keys sorted so that the same request always hashes the same, whatever order its fields came in.
// Writes exactly what JSON.stringify would for each key and primitive, so stored hashes still match.
const canonical = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}n"`;
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value === null) return 'null';
  // An invalid date reads as null, as JSON would store it, rather than throwing mid-command.
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'null' : JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ','}${canonical(value[i])}`;
    return `${out}]`;
  }
  const record = value as Readonly<Record<string, unknown>>;
  let out = '{';
  for (const key of sortedKeys(record)) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${quote(key)}:${canonical(v)}`;
  }
  return `${out}}`;
};

// One-shot hashing (Node ≥ 20.12) skips the Hash object that createHash builds per call.
const sha256 = (text: string): string =>
  typeof crypto.hash === 'function'
    ? crypto.hash('sha256', text, 'base64url')
    : crypto.createHash('sha256').update(text).digest('base64url');

/** A short, stable fingerprint of a command's type and data (SHA-256, 22 base64url characters). */
export const commandHash = (type: string, data: unknown): string =>
  sha256(`${type}\u0000${canonical(data)}`).slice(0, 22);

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));
const fmix = (h: number): number => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};
const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;
// Two UTF-16 code units per 32-bit word; `tail` reads zero past the end, `word` only inside a block.
const word = (s: string, i: number): number => s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
const tail = (s: string, i: number): number =>
  (i < s.length ? s.charCodeAt(i) : 0) | ((i + 1 < s.length ? s.charCodeAt(i + 1) : 0) << 16);
// A table, not `toString(16)`, which cost more than the hashing itself.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number): string =>
  `${HEX[n >>> 24] as string}${HEX[(n >>> 16) & 255] as string}${HEX[(n >>> 8) & 255] as string}${HEX[n & 255] as string}`;

/**
 * MurmurHash3 x86 128 over UTF-16 code units: no call into native crypto on every command. Not a
 * cryptographic hash: it tells apart the requests a client sends under one command id, which is
 * all a fingerprint is for (a crafted collision only replays that client's own earlier result).
 */
const murmur128 = (s: string): string => {
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  const blocks = s.length - (s.length % 8);
  for (let i = 0; i < blocks; i += 8) {
    h1 ^= Math.imul(rotl(Math.imul(word(s, i), C1), 15), C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(word(s, i + 2), C2), 16), C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(word(s, i + 4), C3), 17), C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(word(s, i + 6), C4), 18), C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  const rest = s.length - blocks;
  if (rest > 6) h4 ^= Math.imul(rotl(Math.imul(tail(s, blocks + 6), C4), 18), C1);
  if (rest > 4) h3 ^= Math.imul(rotl(Math.imul(tail(s, blocks + 4), C3), 17), C4);
  if (rest > 2) h2 ^= Math.imul(rotl(Math.imul(tail(s, blocks + 2), C2), 16), C3);
  if (rest > 0) h1 ^= Math.imul(rotl(Math.imul(tail(s, blocks), C1), 15), C2);
  h1 ^= s.length;
  h2 ^= s.length;
  h3 ^= s.length;
  h4 ^= s.length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return hex8(h1 >>> 0) + hex8(h2 >>> 0) + hex8(h3 >>> 0) + hex8(h4 >>> 0);
};

/**
 * The fingerprint `handleCommand` stores with every event (32 hex digits, 128 bits) to tell a
 * re-sent command from another request under the same command id.
 */
export const commandFingerprint = (type: string, data: unknown): string =>
  murmur128(`${type}\u0000${canonical(data)}`);

/**
 * Whether a stored fingerprint is the one of this request: the current form, or the 22-character
 * `commandHash` that events written before it hold (computed only then).
 */
export const sameCommand = (stored: string, fingerprint: string, type: string, data: unknown): boolean =>
  stored === fingerprint || (stored.length === 22 && stored === commandHash(type, data));

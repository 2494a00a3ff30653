import * as crypto from 'node:crypto';

// Whether JSON.stringify would escape any character of `s` (quotes, backslash, controls,
// surrogates); strings without them are quoted as they are. A loop: a regular expression cost more
// than hashing the string on the few short strings of a command.
const needsEscape = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
};

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

// The canonical form goes to one of two places: a string (for the SHA-256 hash of events written
// before the fingerprint) or, far more often, straight into the fingerprint's hash, so that no
// canonical string is built on every command.
let toText = false;
let text = '';

const emit = (s: string): void => {
  if (toText) text += s;
  else feed(s);
};
const emitCode = (code: number): void => {
  if (toText) text += String.fromCharCode(code);
  else feedCode(code);
};
const emitQuoted = (s: string): void => {
  if (needsEscape(s)) return emit(JSON.stringify(s));
  emitCode(QUOTE);
  emit(s);
  emitCode(QUOTE);
};

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;

// Keys sorted so that the same request always hashes the same, whatever order its fields came in.
// Writes exactly what JSON.stringify would for each key and primitive, so stored hashes still match.
const canonical = (value: unknown): void => {
  switch (typeof value) {
    case 'string':
      return emitQuoted(value);
    case 'number':
      return emit(Number.isFinite(value) ? String(value) : 'null');
    case 'boolean':
      return emit(value ? 'true' : 'false');
    case 'bigint':
      return emit(`"${value.toString()}n"`);
    case 'object':
      break;
    default:
      return emit('null');
  }
  if (value === null) return emit('null');
  // An invalid date reads as null, as JSON would store it, rather than throwing mid-command.
  if (value instanceof Date)
    return emit(Number.isNaN(value.getTime()) ? 'null' : JSON.stringify(value.toISOString()));
  if (Array.isArray(value)) {
    emitCode(0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) emitCode(COMMA);
      canonical(value[i]);
    }
    return emitCode(0x5d);
  }
  const record = value as Readonly<Record<string, unknown>>;
  emitCode(0x7b);
  let first = true;
  for (const key of sortedKeys(record)) {
    const v = record[key];
    if (v === undefined) continue;
    if (!first) emitCode(COMMA);
    first = false;
    emitQuoted(key);
    emitCode(COLON);
    canonical(v);
  }
  emitCode(0x7d);
};

// `type`, a NUL, and the canonical form of `data`, as one string.
const canonicalText = (type: string, data: unknown): string => {
  toText = true;
  text = `${type}\u0000`;
  try {
    canonical(data);
    return text;
  } finally {
    toText = false;
    text = '';
  }
};

// One-shot hashing (Node ≥ 20.12) skips the Hash object that createHash builds per call.
const sha256 = (text: string): string =>
  typeof crypto.hash === 'function'
    ? crypto.hash('sha256', text, 'base64url')
    : crypto.createHash('sha256').update(text).digest('base64url');

/** A short, stable fingerprint of a command's type and data (SHA-256, 22 base64url characters). */
export const commandHash = (type: string, data: unknown): string =>
  sha256(canonicalText(type, data)).slice(0, 22);

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
// A table, not `toString(16)`, which cost more than the hashing itself.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number): string =>
  `${HEX[n >>> 24] as string}${HEX[(n >>> 16) & 255] as string}${HEX[(n >>> 8) & 255] as string}${HEX[n & 255] as string}`;

// MurmurHash3 x86 128 over UTF-16 code units, fed piece by piece: no call into native crypto and no
// canonical string on every command. Not a cryptographic hash: it tells apart the requests a client
// sends under one command id, which is all a fingerprint is for (a crafted collision only replays
// that client's own earlier result). Below, the state of the one running hash (hashing is
// synchronous, so one is enough), the code units of the block being filled, and how many were fed.
let h1 = 0;
let h2 = 0;
let h3 = 0;
let h4 = 0;
const block = new Uint16Array(8);
let filled = 0;
let length = 0;

const mixWords = (w0: number, w1: number, w2: number, w3: number): void => {
  h1 ^= Math.imul(rotl(Math.imul(w0, C1), 15), C2);
  h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
  h2 ^= Math.imul(rotl(Math.imul(w1, C2), 16), C3);
  h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
  h3 ^= Math.imul(rotl(Math.imul(w2, C3), 17), C4);
  h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
  h4 ^= Math.imul(rotl(Math.imul(w3, C4), 18), C1);
  h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
};
const word = (i: number): number => (block[i] as number) | ((block[i + 1] as number) << 16);
const mixBlock = (): void => {
  mixWords(word(0), word(2), word(4), word(6));
  filled = 0;
};
const feedCode = (code: number): void => {
  block[filled++] = code;
  length++;
  if (filled === 8) mixBlock();
};
const feed = (s: string): void => {
  const end = s.length;
  let i = 0;
  while (filled !== 0 && i < end) {
    block[filled++] = s.charCodeAt(i++);
    if (filled === 8) mixBlock();
  }
  // Whole blocks straight from the string, two code units a word.
  for (; i + 8 <= end; i += 8)
    mixWords(
      s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16),
      s.charCodeAt(i + 2) | (s.charCodeAt(i + 3) << 16),
      s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 16),
      s.charCodeAt(i + 6) | (s.charCodeAt(i + 7) << 16),
    );
  while (i < end) block[filled++] = s.charCodeAt(i++);
  length += end;
};

const murmurStart = (): void => {
  h1 = h2 = h3 = h4 = 0;
  filled = 0;
  length = 0;
};
const murmurEnd = (): string => {
  // The last block's units past `filled` read as zero, as in a hash of the whole string at once.
  block.fill(0, filled);
  if (filled > 6) h4 ^= Math.imul(rotl(Math.imul(word(6), C4), 18), C1);
  if (filled > 4) h3 ^= Math.imul(rotl(Math.imul(word(4), C3), 17), C4);
  if (filled > 2) h2 ^= Math.imul(rotl(Math.imul(word(2), C2), 16), C3);
  if (filled > 0) h1 ^= Math.imul(rotl(Math.imul(word(0), C1), 15), C2);
  h1 ^= length;
  h2 ^= length;
  h3 ^= length;
  h4 ^= length;
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
export const commandFingerprint = (type: string, data: unknown): string => {
  murmurStart();
  feed(type);
  feedCode(0);
  canonical(data);
  return murmurEnd();
};

/**
 * Whether a stored fingerprint is the one of this request: the current form, or the 22-character
 * `commandHash` that events written before it hold (computed only then).
 */
export const sameCommand = (stored: string, fingerprint: string, type: string, data: unknown): boolean =>
  stored === fingerprint || (stored.length === 22 && stored === commandHash(type, data));

/**
 * Where a line's head says its event sits, as byte offsets into the bytes read (filled in by
 * `readJsonlHead`): the position's decimal digits and the stream name's bytes, each `[start, end)`.
 */
export interface JsonlHead {
  positionStart: number;
  positionEnd: number;
  streamStart: number;
  streamEnd: number;
}

/** A head to fill in. */
export const jsonlHead = (): JsonlHead => ({
  positionStart: 0,
  positionEnd: 0,
  streamStart: 0,
  streamEnd: 0,
});

// The head of every line `encodeJsonlLine` writes: {"v":1,"position":"…","stream":"…",…
const START = Array.from(Buffer.from('{"v":1,"position":"'));
const STREAM = Array.from(Buffer.from(',"stream":"'));
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ZERO = 0x30;
const NINE = 0x39;
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

const matches = (bytes: Buffer, at: number, expected: readonly number[]): boolean => {
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false;
  return true;
};

/**
 * Reads where a line's position and stream name sit from its first bytes, without parsing the line,
 * when it starts as the writer writes it (`v`, then `position` as a decimal, then `stream` with no
 * escape), so that its bytes are the name's UTF-8. False for any other layout: parse the line instead.
 * Lets a reader that replays only some streams pass over the rest of the log at the cost of a few byte
 * comparisons, decoding only what it needs. It says nothing of the rest of the line, which may still be
 * broken or repeat a key; whoever parses it must compare.
 */
export const readJsonlHead = (bytes: Buffer, start: number, end: number, into: JsonlHead): boolean => {
  if (end - start < START.length + STREAM.length + 3 || !matches(bytes, start, START)) return false;
  const digits = start + START.length;
  let at = digits;
  while (at < end && bytes[at]! >= ZERO && bytes[at]! <= NINE) at++;
  // A decimal as the format writes it: digits, no leading zero.
  if (at === digits || (bytes[digits] === ZERO && at > digits + 1) || bytes[at] !== QUOTE) return false;
  const position = at;
  at++;
  if (!matches(bytes, at, STREAM)) return false;
  const name = at + STREAM.length;
  at = name;
  while (at < end && bytes[at] !== QUOTE) {
    // An escape or a control character: the name's bytes are not its text.
    if (bytes[at] === BACKSLASH || bytes[at]! < 0x20) return false;
    at++;
  }
  if (at === name || at === end) return false;
  into.positionStart = digits;
  into.positionEnd = position;
  into.streamStart = name;
  into.streamEnd = at;
  return true;
};

/** The position a head read names (its digits are ASCII). */
export const headPosition = (bytes: Buffer, head: JsonlHead): string =>
  bytes.toString('latin1', head.positionStart, head.positionEnd);

/** The stream name a head read names. */
export const headStream = (bytes: Buffer, head: JsonlHead): string =>
  bytes.toString('utf8', head.streamStart, head.streamEnd);

/** Whether a head read names `position` (compared without a string for either, when it fits a number exactly). */
export const headNamesPosition = (bytes: Buffer, head: JsonlHead, position: bigint): boolean => {
  const digits = head.positionEnd - head.positionStart;
  // 15 digits or fewer hold an integer below 2^53: as a number it is exact, and a decimal without a
  // leading zero is equal to another as a number exactly when it is as text.
  if (digits > 15 || position > MAX_EXACT) return headPosition(bytes, head) === String(position);
  let value = 0;
  for (let at = head.positionStart; at < head.positionEnd; at++) value = value * 10 + (bytes[at]! - ZERO);
  return value === Number(position);
};

/** Whether a head read names the stream `name` (ASCII compared byte by byte, without a string). */
export const headNamesStream = (bytes: Buffer, head: JsonlHead, name: string): boolean => {
  const start = head.streamStart;
  if (name.length > head.streamEnd - start) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 0x80) return headStream(bytes, head) === name;
    if (bytes[start + i] !== code) return false;
  }
  return name.length === head.streamEnd - start;
};

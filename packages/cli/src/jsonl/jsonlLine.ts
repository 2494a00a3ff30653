import type { EventMetadata, StoredEvent } from '@tillstream/domain';
import * as E from 'fp-ts/Either';

/** The JSONL schema version this library writes and reads (the `v` field of every line). */
export const JSONL_FORMAT_VERSION = 1;

// A decimal as the format writes it: digits, no leading zero (a loop: a regular expression per field
// of every line cost more than the check's own work).
const isDecimal = (text: string): boolean => {
  const length = text.length;
  if (length === 0 || (length > 1 && text.charCodeAt(0) === 0x30)) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
};

/**
 * One event as one line, keys in a fixed order so that the same event is always the same bytes:
 * `v`, `position`, `stream`, `revision`, `id`, `type`, `data`, `metadata`; bigints as decimal strings.
 */
export const encodeJsonlLine = (event: StoredEvent): string =>
  `{"v":${JSONL_FORMAT_VERSION},"position":"${event.position}","stream":${JSON.stringify(event.streamName)},` +
  `"revision":"${event.revision}","id":${JSON.stringify(event.eventId)},"type":${JSON.stringify(event.type)},` +
  `"data":${JSON.stringify(event.data)},"metadata":${JSON.stringify(event.metadata)}}`;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

// The checks return the message of a bad field, or undefined: no `Either` per field of every line.
const badText = (line: Record<string, unknown>, key: string): string | undefined => {
  const value = line[key];
  return typeof value === 'string' && value.length > 0
    ? undefined
    : `"${key}" must be a non-empty string, got ${JSON.stringify(value) ?? 'nothing'}`;
};

const badDecimal = (line: Record<string, unknown>, key: string): string | undefined => {
  const value = line[key];
  return typeof value === 'string' && isDecimal(value)
    ? undefined
    : `"${key}" must be a decimal string, got ${JSON.stringify(value) ?? 'nothing'}`;
};

// A log names a few dozen event types on millions of lines: each line's type is handed on as the one
// string of its name, so whatever outlives the line (a stream's last place, references to events in
// an audit) keeps no copy of its own. Bounded: a log of endless made-up types gets no more entries.
const typeNames = new Map<string, string>();
const MAX_TYPE_NAMES = 1024;
const typeName = (type: string): string => {
  const known = typeNames.get(type);
  if (known !== undefined) return known;
  if (typeNames.size < MAX_TYPE_NAMES) typeNames.set(type, type);
  return type;
};

/** Reads one line back into the event it holds; `Left` says what is wrong (the caller adds the line number). */
export const decodeJsonlLine = (raw: string): E.Either<string, StoredEvent> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return E.left(
      raw.trim().length === 0 ? 'the line is empty' : `invalid JSON (${(error as Error).message})`,
    );
  }
  if (!isObject(parsed)) return E.left('a line must be a JSON object');
  if (parsed.v !== JSONL_FORMAT_VERSION)
    return E.left(
      `"v" is ${JSON.stringify(parsed.v) ?? 'missing'}; this tillstream reads version ${JSONL_FORMAT_VERSION}`,
    );
  if (!('data' in parsed)) return E.left('"data" is missing');
  if (!isObject(parsed.metadata)) return E.left('"metadata" must be a JSON object');
  // Field by field rather than through an applicative chain: this runs once per line of logs of
  // millions of events, and the first bad field is the one reported either way.
  const bad =
    badDecimal(parsed, 'position') ??
    badText(parsed, 'stream') ??
    badDecimal(parsed, 'revision') ??
    badText(parsed, 'id') ??
    badText(parsed, 'type');
  if (bad !== undefined) return E.left(bad);
  return E.right({
    position: BigInt(parsed.position as string),
    streamName: parsed.stream as string,
    revision: BigInt(parsed.revision as string),
    eventId: parsed.id as string,
    type: typeName(parsed.type as string),
    data: parsed.data,
    // The format carries metadata as the store held it; checking its shape is the reader's concern.
    metadata: parsed.metadata as unknown as EventMetadata,
  });
};

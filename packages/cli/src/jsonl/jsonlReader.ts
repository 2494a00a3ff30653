import type { StoredEvent } from '@tillstream/domain';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { JsonlFormatError } from './jsonlFormatError';
import { decodeJsonlLine } from './jsonlLine';

/** An event read from a JSONL file, with the line it came from. */
export interface JsonlRecord {
  readonly line: number;
  readonly event: StoredEvent;
}

const LF = 0x0a;
const CR = 0x0d;

/** Decodes the lines of one chunk; a bad line ends the batch and is reported after the good lines before it. */
interface Batch {
  readonly records: JsonlRecord[];
  error: JsonlFormatError | undefined;
}

const add = (batch: Batch, line: number, raw: string): boolean => {
  const decoded = decodeJsonlLine(raw);
  if (decoded._tag === 'Left') {
    batch.error = new JsonlFormatError(line, decoded.left);
    return false;
  }
  batch.records.push({ line, event: decoded.right });
  return true;
};

/**
 * Reads events from JSONL bytes a chunk at a time, one array of records per chunk (memory stays flat
 * however long the log). A line that is not an event stops the read with a `JsonlFormatError` naming
 * the line, thrown after the records of the lines before it: nothing is skipped.
 */
export async function* readJsonlBatches(input: Readable): AsyncGenerator<readonly JsonlRecord[]> {
  // Lines are cut from the bytes here rather than by readline, whose promise per line cost more
  // than decoding the line on logs of millions of events; one yield per chunk for the same reason.
  // Cutting bytes, not decoded text, is safe (no UTF-8 sequence holds a \n or \r byte), and
  // decoding line by line keeps an ASCII line a one-byte string, which JSON.parse reads faster than
  // the two-byte text a single accented letter turns a whole decoded chunk into.
  let line = 0;
  let rest: Buffer | undefined;
  try {
    for await (const chunk of input) {
      const read = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
      const bytes = rest === undefined ? read : Buffer.concat([rest, read]);
      const batch: Batch = { records: [], error: undefined };
      let from = 0;
      // Line breaks as readline reads them with crlfDelay Infinity: \n, \r\n, or a lone \r.
      let lf = bytes.indexOf(LF);
      let cr = bytes.indexOf(CR);
      while (lf >= 0 || cr >= 0) {
        let end = lf;
        let next = lf + 1;
        if (cr >= 0 && (lf < 0 || cr < lf)) {
          // A \r ending the chunk may be the first half of a \r\n: wait for the next chunk.
          if (cr === bytes.length - 1) break;
          end = cr;
          next = bytes[cr + 1] === LF ? cr + 2 : cr + 1;
        }
        if (!add(batch, ++line, bytes.toString('utf8', from, end))) break;
        from = next;
        if (lf >= 0 && lf < from) lf = bytes.indexOf(LF, from);
        if (cr >= 0 && cr < from) cr = bytes.indexOf(CR, from);
      }
      if (batch.records.length > 0) yield batch.records;
      if (batch.error !== undefined) throw batch.error;
      rest = from < bytes.length ? bytes.subarray(from) : undefined;
    }
    if (rest !== undefined && rest[rest.length - 1] === CR) rest = rest.subarray(0, -1);
    if (rest !== undefined && rest.length > 0) {
      const batch: Batch = { records: [], error: undefined };
      add(batch, ++line, rest.toString('utf8'));
      if (batch.records.length > 0) yield batch.records;
      if (batch.error !== undefined) throw batch.error;
    }
  } finally {
    input.destroy();
  }
}

/**
 * Reads events from JSONL bytes one record at a time (see `readJsonlBatches`).
 * A line that is not an event stops the read with a `JsonlFormatError` naming the line: nothing is skipped.
 */
export const readJsonl = (input: Readable): AsyncGenerator<JsonlRecord> => {
  // Hand-rolled over the batches rather than an async generator: a generator's yield costs a
  // suspension and promises per line, where a record already decoded needs only a settled promise.
  const batches = readJsonlBatches(input);
  let records: readonly JsonlRecord[] = [];
  let at = 0;
  const pull = async (): Promise<IteratorResult<JsonlRecord, undefined>> => {
    for (;;) {
      const next = await batches.next();
      if (next.done === true) return { done: true, value: undefined };
      records = next.value;
      at = 0;
      const first = records[at++];
      if (first !== undefined) return { done: false, value: first };
    }
  };
  const iterator: AsyncGenerator<JsonlRecord> = {
    next: () => {
      const value = records[at];
      if (value === undefined) return pull();
      at++;
      return Promise.resolve({ done: false, value });
    },
    return: async (value) => {
      records = [];
      await batches.return(undefined);
      return { done: true, value: await value };
    },
    throw: async (error: unknown) => {
      records = [];
      await batches.return(undefined);
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
};

/** Reads the events of a JSONL file (see `readJsonl`). */
export const readJsonlFile = (path: string): AsyncGenerator<JsonlRecord> => readJsonl(createReadStream(path));

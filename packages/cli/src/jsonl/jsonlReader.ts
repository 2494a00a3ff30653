import type { StoredEvent } from '@tillstream/domain';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { JsonlFormatError } from './jsonlFormatError';
import { decodeJsonlLine } from './jsonlLine';
import { lineCutter, type OnLine } from './lineCutter';

/** An event read from a JSONL file, with the line it came from. */
export interface JsonlRecord {
  readonly line: number;
  readonly event: StoredEvent;
}

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
  // One yield per chunk, not per line: a generator's suspension per line cost more than its decoding.
  const cutter = lineCutter();
  let batch: Batch = { records: [], error: undefined };
  // No encoding named is UTF-8 without a look-up of the encoding's name: once per line.
  const onLine: OnLine = (bytes, start, end, line) => add(batch, line, bytes.toString(undefined, start, end));
  try {
    for await (const chunk of input) {
      batch = { records: [], error: undefined };
      cutter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer), onLine);
      if (batch.records.length > 0) yield batch.records;
      if (batch.error !== undefined) throw batch.error;
    }
    batch = { records: [], error: undefined };
    cutter.end(onLine);
    if (batch.records.length > 0) yield batch.records;
    if (batch.error !== undefined) throw batch.error;
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

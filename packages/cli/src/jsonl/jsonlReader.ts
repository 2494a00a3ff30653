import type { StoredEvent } from '@tillstream/domain';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { JsonlFormatError } from './jsonlFormatError';
import { decodeJsonlLine } from './jsonlLine';

/** An event read from a JSONL file, with the line it came from. */
export interface JsonlRecord {
  readonly line: number;
  readonly event: StoredEvent;
}

// Line breaks as readline reads them with crlfDelay Infinity: \n, \r\n, or a lone \r.
const BREAK = /\r\n|\n|\r/g;

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
  // Lines are cut from each chunk here rather than by readline, whose promise per line cost
  // more than decoding the line on logs of millions of events; one yield per chunk for the same reason.
  const decoder = new StringDecoder('utf8');
  let line = 0;
  let rest = '';
  try {
    for await (const chunk of input) {
      const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
      const batch: Batch = { records: [], error: undefined };
      let from = 0;
      if (!text.includes('\r')) {
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
          if (!add(batch, ++line, text.slice(from, at))) break;
          from = at + 1;
        }
      } else {
        BREAK.lastIndex = 0;
        for (let m = BREAK.exec(text); m !== null; m = BREAK.exec(text)) {
          // A \r ending the chunk may be the first half of a \r\n: wait for the next chunk.
          if (m[0] === '\r' && m.index === text.length - 1) break;
          const next = m.index + m[0].length;
          if (!add(batch, ++line, text.slice(from, m.index))) break;
          from = next;
          BREAK.lastIndex = next;
        }
      }
      if (batch.records.length > 0) yield batch.records;
      if (batch.error !== undefined) throw batch.error;
      rest = text.slice(from);
    }
    rest += decoder.end();
    if (rest.endsWith('\r')) rest = rest.slice(0, -1);
    if (rest.length > 0) {
      const batch: Batch = { records: [], error: undefined };
      add(batch, ++line, rest);
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

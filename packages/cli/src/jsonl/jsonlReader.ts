import type { StoredEvent } from '@tillstream/domain';
import * as E from 'fp-ts/Either';
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

const record = (line: number, raw: string): JsonlRecord => {
  const decoded = decodeJsonlLine(raw);
  if (E.isLeft(decoded)) throw new JsonlFormatError(line, decoded.left);
  return { line, event: decoded.right };
};

// Line breaks as readline reads them with crlfDelay Infinity: \n, \r\n, or a lone \r.
const BREAK = /\r\n|\n|\r/g;

/**
 * Reads events from JSONL bytes one line at a time, so memory stays flat however long the log.
 * A line that is not an event stops the read with a `JsonlFormatError` naming the line: nothing is skipped.
 */
export async function* readJsonl(input: Readable): AsyncGenerator<JsonlRecord> {
  // Lines are cut from each chunk here rather than by readline, whose promise per line cost
  // more than decoding the line on logs of millions of events.
  const decoder = new StringDecoder('utf8');
  let line = 0;
  let rest = '';
  try {
    for await (const chunk of input) {
      const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
      let from = 0;
      if (!text.includes('\r')) {
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
          yield record(++line, text.slice(from, at));
          from = at + 1;
        }
      } else {
        BREAK.lastIndex = 0;
        for (let m = BREAK.exec(text); m !== null; m = BREAK.exec(text)) {
          // A \r ending the chunk may be the first half of a \r\n: wait for the next chunk.
          if (m[0] === '\r' && m.index === text.length - 1) break;
          const at = m.index;
          const next = at + m[0].length;
          yield record(++line, text.slice(from, at));
          from = next;
          BREAK.lastIndex = next;
        }
      }
      rest = text.slice(from);
    }
    rest += decoder.end();
    if (rest.endsWith('\r')) rest = rest.slice(0, -1);
    if (rest.length > 0) yield record(++line, rest);
  } finally {
    input.destroy();
  }
}

/** Reads the events of a JSONL file (see `readJsonl`). */
export const readJsonlFile = (path: string): AsyncGenerator<JsonlRecord> => readJsonl(createReadStream(path));

import type { StoredEvent } from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { JsonlFormatError } from './jsonlFormatError';
import { decodeJsonlLine } from './jsonlLine';

/** An event read from a JSONL file, with the line it came from. */
export interface JsonlRecord {
  readonly line: number;
  readonly event: StoredEvent;
}

/**
 * Reads events from JSONL bytes one line at a time, so memory stays flat however long the log.
 * A line that is not an event stops the read with a `JsonlFormatError` naming the line: nothing is skipped.
 */
export async function* readJsonl(input: Readable): AsyncGenerator<JsonlRecord> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const decoded = decodeJsonlLine(raw);
      if (E.isLeft(decoded)) throw new JsonlFormatError(line, decoded.left);
      yield { line, event: decoded.right };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Reads the events of a JSONL file (see `readJsonl`). */
export const readJsonlFile = (path: string): AsyncGenerator<JsonlRecord> => readJsonl(createReadStream(path));

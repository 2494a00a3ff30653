import type { StoredEvent } from '@tillstream/domain';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { encodeJsonlLine } from './jsonlLine';

/** Writes events as JSONL lines to a stream; `end` flushes and finishes it. */
export interface JsonlWriter {
  readonly write: (event: StoredEvent) => Promise<void>;
  readonly end: () => Promise<void>;
}

// Lines are gathered into chunks of about this many characters: one write call per line costs more than the encoding.
const CHUNK = 64 * 1024;

/** A JSONL writer that waits for `out` to drain, so memory stays flat however many events pass. */
export const jsonlWriter = (out: Writable): JsonlWriter => {
  let pending = '';
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = '';
    if (!out.write(chunk)) await once(out, 'drain');
  };
  return {
    write: async (event) => {
      pending += `${encodeJsonlLine(event)}\n`;
      if (pending.length >= CHUNK) await flush();
    },
    end: async () => {
      await flush();
      // stdout cannot be ended; for files, wait until every byte is on disk.
      if (out === process.stdout) return;
      out.end();
      await once(out, 'finish');
    },
  };
};

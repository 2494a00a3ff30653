import type { StoredEvent } from '@tillstream/domain';
import type { Writable } from 'node:stream';
import { jsonlWriter } from '../jsonl';
import { silentProgress, type Progress } from './progress';

/** Writes events to `out` as JSONL, in the order given; returns how many were written. */
export const exportEvents = async (
  events: AsyncIterable<StoredEvent>,
  out: Writable,
  progress: Progress = silentProgress,
): Promise<number> => {
  const writer = jsonlWriter(out);
  let count = 0;
  for await (const event of events) {
    await writer.write(event);
    progress.tick(++count);
  }
  await writer.end();
  progress.done(count);
  return count;
};

import { open } from 'node:fs/promises';
import { cutLastLine, cutLines, type CutPlace, type OnLine } from './lineCutter';

// Reads of 1 MiB into one buffer: a stream's fresh 64 KiB buffer per read, and the copy joining each
// to the unfinished line before it, cost three times the reading itself on a 770 MB log.
const READ_SIZE = 2 ** 20;

/**
 * Hands every line of a file to `onLine` (as `lineCutter` cuts them), reading it into one buffer that
 * is reused: the bytes `onLine` sees are overwritten by the next read. `beforeReuse` is called just
 * before, for a caller to copy what it must keep. Returns false if `onLine` stopped the cut.
 */
export const readFileLines = async (
  path: string,
  onLine: OnLine,
  beforeReuse: () => void = () => undefined,
  readSize = READ_SIZE,
): Promise<boolean> => {
  const file = await open(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(readSize);
    let held = 0;
    const place: CutPlace = { from: 0, line: 0 };
    for (;;) {
      // A line longer than the buffer: a bigger one.
      if (held === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, held);
        buffer = bigger;
      }
      const { bytesRead } = await file.read(buffer, held, buffer.length - held, null);
      const bytes = buffer.subarray(0, held + bytesRead);
      place.from = 0;
      if (bytesRead === 0) return cutLastLine(bytes, place, onLine);
      if (!cutLines(bytes, place, onLine)) return false;
      beforeReuse();
      held = bytes.copy(buffer, 0, place.from);
    }
  } finally {
    await file.close();
  }
};

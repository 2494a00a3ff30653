/** Called for each line, held by `bytes` from `start` to `end` (its break left out); false stops the cut. */
export type OnLine = (bytes: Buffer, start: number, end: number, line: number) => boolean;

/** Cuts JSONL bytes into numbered lines as chunks arrive (a line may span chunks). */
export interface LineCutter {
  /** Hands every whole line of the bytes so far to `onLine`; false if `onLine` stopped the cut. */
  readonly push: (chunk: Buffer, onLine: OnLine) => boolean;
  /** Hands over the last line when the bytes did not end with a break; false if `onLine` stopped it. */
  readonly end: (onLine: OnLine) => boolean;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * A fresh cutter. Lines are cut from the bytes rather than by readline, whose promise per line cost
 * more than decoding the line on logs of millions of events. Cutting bytes, not decoded text, is safe
 * (no UTF-8 sequence holds a \n or \r byte), and lets a reader decode only the lines it needs, each
 * alone: an ASCII line stays a one-byte string, which JSON.parse reads faster than the two-byte text a
 * single accented letter turns a whole decoded chunk into.
 */
export const lineCutter = (): LineCutter => {
  let line = 0;
  let rest: Buffer | undefined;
  return {
    push: (chunk, onLine) => {
      const bytes = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
      let from = 0;
      let whole = true;
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
        if (!onLine(bytes, from, end, ++line)) {
          whole = false;
          break;
        }
        from = next;
        if (lf >= 0 && lf < from) lf = bytes.indexOf(LF, from);
        if (cr >= 0 && cr < from) cr = bytes.indexOf(CR, from);
      }
      rest = from < bytes.length ? bytes.subarray(from) : undefined;
      return whole;
    },
    end: (onLine) => {
      const last = rest;
      rest = undefined;
      if (last === undefined) return true;
      const end = last[last.length - 1] === CR ? last.length - 1 : last.length;
      return end === 0 || onLine(last, 0, end, ++line);
    },
  };
};

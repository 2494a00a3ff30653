/** Called for each line, held by `bytes` from `start` to `end` (its break left out); false stops the cut. */
export type OnLine = (bytes: Buffer, start: number, end: number, line: number) => boolean;

/** Cuts JSONL bytes into numbered lines as chunks arrive (a line may span chunks). */
export interface LineCutter {
  /** Hands every whole line of the bytes so far to `onLine`; false if `onLine` stopped the cut. */
  readonly push: (chunk: Buffer, onLine: OnLine) => boolean;
  /** Hands over the last line when the bytes did not end with a break; false if `onLine` stopped it. */
  readonly end: (onLine: OnLine) => boolean;
}

/** How far a cut got: the first byte of the unfinished line, the last line number handed over. */
export interface CutPlace {
  from: number;
  line: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Hands every whole line of `bytes` from `place.from` to `onLine` and moves `place` past it; false if
 * `onLine` stopped the cut (`place` is then at the stopping line). Line breaks as readline reads them
 * with crlfDelay Infinity: \n, \r\n, or a lone \r. A \r ending the bytes may be the first half of a
 * \r\n: its line waits for more bytes.
 */
export const cutLines = (bytes: Buffer, place: CutPlace, onLine: OnLine): boolean => {
  let from = place.from;
  let lf = bytes.indexOf(LF, from);
  let cr = bytes.indexOf(CR, from);
  while (lf >= 0 || cr >= 0) {
    let end = lf;
    let next = lf + 1;
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      if (cr === bytes.length - 1) break;
      end = cr;
      next = bytes[cr + 1] === LF ? cr + 2 : cr + 1;
    }
    if (!onLine(bytes, from, end, ++place.line)) {
      place.from = from;
      return false;
    }
    from = next;
    if (lf >= 0 && lf < from) lf = bytes.indexOf(LF, from);
    if (cr >= 0 && cr < from) cr = bytes.indexOf(CR, from);
  }
  place.from = from;
  return true;
};

/** Hands over the bytes after the last break, if any, as the last line (a \r ending them is a break). */
export const cutLastLine = (bytes: Buffer, place: CutPlace, onLine: OnLine): boolean => {
  const end = bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
  return end <= place.from || onLine(bytes, place.from, end, ++place.line);
};

/**
 * A fresh cutter. Lines are cut from the bytes rather than by readline, whose promise per line cost
 * more than decoding the line on logs of millions of events. Cutting bytes, not decoded text, is safe
 * (no UTF-8 sequence holds a \n or \r byte), and lets a reader decode only the lines it needs, each
 * alone: an ASCII line stays a one-byte string, which JSON.parse reads faster than the two-byte text a
 * single accented letter turns a whole decoded chunk into.
 */
export const lineCutter = (): LineCutter => {
  const place: CutPlace = { from: 0, line: 0 };
  let rest: Buffer | undefined;
  return {
    push: (chunk, onLine) => {
      const bytes = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
      place.from = 0;
      const whole = cutLines(bytes, place, onLine);
      rest = place.from < bytes.length ? bytes.subarray(place.from) : undefined;
      return whole;
    },
    end: (onLine) => {
      const last = rest;
      rest = undefined;
      place.from = 0;
      return last === undefined || cutLastLine(last, place, onLine);
    },
  };
};

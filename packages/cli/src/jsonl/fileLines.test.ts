import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileLines } from './fileLines';
import { lineCutter, type OnLine } from './lineCutter';

const dir = mkdtempSync(join(tmpdir(), 'tillstream-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const collect =
  (into: string[]): OnLine =>
  (bytes, start, end, line) => {
    into.push(`${line}:${bytes.toString('utf8', start, end)}`);
    return true;
  };

describe('reading the lines of a file into one reused buffer', () => {
  it('cuts the lines a stream cut gives, whatever the read size, breaks and line lengths', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async (texts, breaks, endsWithBreak, readSize) => {
          const lines = texts.map((t) => t.replace(/[\r\n]/g, 'x') || 'y');
          const text = lines
            .map((l, i) => `${l}${i < lines.length - 1 || endsWithBreak ? breaks[i % breaks.length] : ''}`)
            .join('');
          const path = join(dir, `f-${++n}.txt`);
          writeFileSync(path, text);
          const expected: string[] = [];
          const cutter = lineCutter();
          cutter.push(Buffer.from(text), collect(expected));
          cutter.end(collect(expected));
          const read: string[] = [];
          await readFileLines(path, collect(read), undefined, readSize);
          expect(read).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stops where the line handler says so', async () => {
    const path = join(dir, 'stop.txt');
    writeFileSync(path, 'a\nb\nc\n');
    const seen: number[] = [];
    const whole = await readFileLines(path, (_b, _s, _e, line) => (seen.push(line), line < 2), undefined, 2);
    expect(whole).toBe(false);
    expect(seen).toEqual([1, 2]);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@tillstream/domain';
import fc from 'fast-check';
import { PassThrough, Readable } from 'node:stream';
import { JsonlFormatError } from './jsonlFormatError';
import { encodeJsonlLine } from './jsonlLine';
import { readJsonl, readJsonlBatches, type JsonlRecord } from './jsonlReader';
import { jsonlWriter } from './jsonlWriter';

const event = (i: number): StoredEvent => ({
  eventId: `e-${i}`,
  type: 'NoteWritten',
  data: { i },
  metadata: { tenantId: 'shop1' } as unknown as StoredEvent['metadata'],
  streamName: 'note-shop1.a',
  revision: BigInt(i),
  position: BigInt(i + 1),
});

const readAll = async (text: string) => {
  const out: number[] = [];
  for await (const record of readJsonl(Readable.from([text]))) out.push(record.line);
  return out;
};

const failure = async (text: string): Promise<JsonlFormatError> => {
  try {
    await readAll(text);
  } catch (error) {
    if (error instanceof JsonlFormatError) return error;
    throw error;
  }
  throw new Error('expected the read to fail');
};

describe('reading JSONL', () => {
  it('yields every event with its line number, whether or not the file ends with a newline', async () => {
    const text = [0, 1, 2].map((i) => encodeJsonlLine(event(i))).join('\n');
    expect(await readAll(`${text}\n`)).toEqual([1, 2, 3]);
    expect(await readAll(text)).toEqual([1, 2, 3]);
  });

  it('stops at a malformed line, naming it, instead of skipping it', async () => {
    const text = [encodeJsonlLine(event(0)), '{oops', encodeJsonlLine(event(2))].join('\n');
    const error = await failure(text);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^Line 2 is not a tillstream event: invalid JSON/);
  });

  it('hands over the lines before a malformed line, in batches too, before naming it', async () => {
    const text = [
      encodeJsonlLine(event(0)),
      encodeJsonlLine(event(1)),
      '{oops',
      encodeJsonlLine(event(3)),
    ].join('\n');
    const seen: number[] = [];
    const reading = (async () => {
      for await (const record of readJsonl(Readable.from([text]))) seen.push(record.line);
    })();
    await expect(reading).rejects.toThrow(/^Line 3 is not a tillstream event/);
    expect(seen).toEqual([1, 2]);
    const batched: number[] = [];
    const batches = (async () => {
      for await (const batch of readJsonlBatches(Readable.from([text])))
        batched.push(...batch.map((r) => r.line));
    })();
    await expect(batches).rejects.toThrow(/^Line 3 is not a tillstream event/);
    expect(batched).toEqual([1, 2]);
  });

  it('names a truncated last line', async () => {
    const text = [0, 1].map((i) => encodeJsonlLine(event(i))).join('\n');
    const error = await failure(text.slice(0, -5));
    expect(error.line).toBe(2);
  });

  it('refuses a blank line in the middle', async () => {
    const error = await failure(`${encodeJsonlLine(event(0))}\n\n${encodeJsonlLine(event(1))}\n`);
    expect(error.reason).toBe('the line is empty');
    expect(error.line).toBe(2);
  });

  it('reads the same events whatever the line breaks and however the bytes are chunked', async () => {
    const texts = ['ł', 'Иванов', 'plain'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 20 }),
        async (breaks, trailing, cuts) => {
          const events = breaks.map((_, i) => ({ ...event(i), data: { name: texts[i % texts.length] } }));
          const lines = events.map(encodeJsonlLine);
          const text = lines.map((l, i) => (i < lines.length - 1 || trailing ? l + breaks[i] : l)).join('');
          // Byte chunks cut anywhere, also inside a multi-byte character or between \r and \n.
          const bytes = Buffer.from(text, 'utf8');
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const size = cuts[i % cuts.length] as number;
            chunks.push(bytes.subarray(at, at + size));
            at += size;
          }
          const read: JsonlRecord[] = [];
          for await (const record of readJsonl(Readable.from(chunks))) read.push(record);
          expect(read).toEqual(events.map((e, i) => ({ line: i + 1, event: e })));
        },
      ),
    );
  });

  it('decodes a character whose bytes two chunks share', async () => {
    const events = [0, 1].map((i) => ({ ...event(i), data: { name: `Zoë ${i} 🧾` } }));
    const bytes = Buffer.from(events.map((e) => `${encodeJsonlLine(e)}\r\n`).join(''), 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const names: unknown[] = [];
      const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)];
      for await (const record of readJsonl(Readable.from(chunks))) names.push(record.event.data);
      expect(names).toEqual(events.map((e) => e.data));
    }
  });

  it('streams: the first events arrive from a log that never ends', async () => {
    let i = 0;
    const endless = new Readable({
      read() {
        this.push(`${encodeJsonlLine(event(i++))}\n`);
      },
    });
    const lines: number[] = [];
    for await (const record of readJsonl(endless)) {
      lines.push(record.line);
      if (lines.length === 3) break;
    }
    expect(lines).toEqual([1, 2, 3]);
    expect(endless.destroyed).toBe(true);
  });
});

describe('writing JSONL', () => {
  it('writes one line per event, readable back in order', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const writer = jsonlWriter(out);
    for (let i = 0; i < 3; i++) await writer.write(event(i));
    await writer.end();
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toBe([0, 1, 2].map((i) => `${encodeJsonlLine(event(i))}\n`).join(''));
  });

  it('waits for a slow reader instead of buffering without bound', async () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    const writer = jsonlWriter(out);
    const big: StoredEvent = { ...event(0), data: { text: 'x'.repeat(70 * 1024) } };
    let written = false;
    const writing = writer.write(big).then(() => (written = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toBe(false);
    out.resume();
    await writing;
    expect(written).toBe(true);
  });
});

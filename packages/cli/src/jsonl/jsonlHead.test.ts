import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@tillstream/domain';
import fc from 'fast-check';
import {
  headNamesPosition,
  headNamesStream,
  headPosition,
  headStream,
  jsonlHead,
  readJsonlHead,
} from './jsonlHead';
import { encodeJsonlLine } from './jsonlLine';

const event = (streamName: string, position: bigint): StoredEvent => ({
  eventId: 'e-1',
  type: 'NoteWritten',
  data: { text: 'ż"\\' },
  metadata: { tenantId: 'shop1' } as unknown as StoredEvent['metadata'],
  streamName,
  revision: 0n,
  position,
});

const head = (line: string): { position: string; stream: string } | undefined => {
  const into = jsonlHead();
  const bytes = Buffer.from(`xx${line}yy`);
  return readJsonlHead(bytes, 2, bytes.length - 2, into)
    ? { position: headPosition(bytes, into), stream: headStream(bytes, into) }
    : undefined;
};

describe('reading where a line sits from its first bytes', () => {
  it('reads the position and stream of every line the writer writes, whatever the name holds', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: 'binary' }),
        fc.bigInt({ min: 0n, max: 2n ** 70n }),
        (name, position) => {
          const line = encodeJsonlLine(event(name, position));
          const read = head(line);
          // A name the writer escapes (a quote, a backslash, a control character) is not read from bytes.
          if (JSON.stringify(name) === `"${name}"`)
            expect(read).toEqual({ position: String(position), stream: name });
          else expect(read).toBeUndefined();
        },
      ),
    );
  });

  it('declines any other layout, so that the line is parsed instead', () => {
    const line = encodeJsonlLine(event('order-shop1.o-1', 17n));
    expect(head(line)).toEqual({ position: '17', stream: 'order-shop1.o-1' });
    expect(head(line.replace('"position":"17"', '"position":"017"'))).toBeUndefined();
    expect(head(line.replace('"position":"17"', '"position":17'))).toBeUndefined();
    expect(head(line.replace('{"v":1,', '{ "v":1,'))).toBeUndefined();
    expect(head(line.replace('"order-shop1.o-1"', '""'))).toBeUndefined();
    expect(head('{"v":1,"stream":"order-shop1.o-1","position":"17"}')).toBeUndefined();
    expect(head('{"v":1,"position":"17","stream":"order-sh')).toBeUndefined();
  });
});

describe('comparing a parsed line with its head', () => {
  it('says the head names a stream and position exactly when their text is the same', () => {
    const name = fc.oneof(
      fc.constantFrom('order-shop1.o-1', 'order-shop1.ó-1', 'order-shop1.o-10', 'order-shop1.o'),
      fc.string({ minLength: 1 }),
    );
    const position = fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 70n }),
      fc.constantFrom(0n, 10n ** 15n - 1n, 10n ** 15n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n),
    );
    fc.assert(
      fc.property(name, position, name, position, (written, at, parsed, parsedAt) => {
        const into = jsonlHead();
        const bytes = Buffer.from(encodeJsonlLine(event(written, at)));
        fc.pre(readJsonlHead(bytes, 0, bytes.length, into));
        expect(headNamesStream(bytes, into, parsed)).toBe(parsed === written);
        expect(headNamesStream(bytes, into, written)).toBe(true);
        expect(headNamesPosition(bytes, into, parsedAt)).toBe(parsedAt === at);
        expect(headNamesPosition(bytes, into, at)).toBe(true);
      }),
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@tillstream/domain';
import fc from 'fast-check';
import { headPosition, headStream, jsonlHead, readJsonlHead } from './jsonlHead';
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

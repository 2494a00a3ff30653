import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@tillstream/domain';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { decodeJsonlLine, encodeJsonlLine } from './jsonlLine';

const metadata = {
  eventId: 'e-1',
  commandId: 'c-1',
  commandHash: 'h',
  correlationId: 'c-1',
  causationId: 'c-1',
  tenantId: 'shop1',
  actor: { role: 'operator' as const, id: 'op-1' },
  occurredAt: '2026-01-01T09:00:00.000Z',
  schemaVersion: 1,
};

const event = (overrides: Partial<StoredEvent> = {}): StoredEvent => ({
  eventId: 'e-1',
  type: 'WalletToppedUp',
  data: { amount: 2000 },
  metadata,
  streamName: 'wallet-shop1.c1',
  revision: 0n,
  position: 1n,
  ...overrides,
});

// Anything JSON can carry, as stores give it back (no undefined, no -0).
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('a JSONL line', () => {
  it('decodes back to exactly the event it encodes, and encodes again to the same bytes', () => {
    fc.assert(
      fc.property(
        fc.record({
          eventId: fc.string({ minLength: 1 }),
          type: fc.string({ minLength: 1 }),
          data: jsonValue,
          metadata: fc.dictionary(fc.string(), jsonValue),
          streamName: fc.string({ minLength: 1 }),
          revision: fc.bigInt({ min: 0n, max: 2n ** 64n }),
          position: fc.bigInt({ min: 0n, max: 2n ** 64n }),
        }),
        (fields) => {
          const stored = fields as unknown as StoredEvent;
          const line = encodeJsonlLine(stored);
          const decoded = decodeJsonlLine(line);
          expect(decoded).toEqual(E.right(stored));
          expect(E.isRight(decoded) && encodeJsonlLine(decoded.right)).toBe(line);
        },
      ),
    );
  });

  it('writes bigints as decimal strings, beyond what a JSON number holds exactly', () => {
    const line = encodeJsonlLine(event({ position: 18446744073709551615n, revision: 9007199254740993n }));
    expect(line).toContain('"position":"18446744073709551615"');
    expect(line).toContain('"revision":"9007199254740993"');
    expect(JSON.parse(line)).toMatchObject({ v: 1, stream: 'wallet-shop1.c1', id: 'e-1' });
  });

  it('is one line whatever the data holds', () => {
    expect(encodeJsonlLine(event({ data: { note: 'two\nlines\u2028' } }))).not.toMatch(/\n/);
  });

  it('takes a position or revision written as digits without a leading zero, and nothing else', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '1', '9', '-', '+', ' ', '.', 'e', '/', ':', '٣') }),
      fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
    );
    fc.assert(
      fc.property(text, text, (position, revision) => {
        const line = encodeJsonlLine(event())
          .replace('"position":"1"', `"position":${JSON.stringify(position)}`)
          .replace('"revision":"0"', `"revision":${JSON.stringify(revision)}`);
        const decimal = /^(0|[1-9][0-9]*)$/;
        const decoded = decodeJsonlLine(line);
        expect(E.isRight(decoded)).toBe(decimal.test(position) && decimal.test(revision));
        if (E.isRight(decoded)) expect(decoded.right.position).toBe(BigInt(position));
      }),
    );
  });

  it.each([
    ['', 'the line is empty'],
    ['{"v":1,"position":"1"', 'invalid JSON'],
    ['[1]', 'a line must be a JSON object'],
    ['{"v":2}', '"v" is 2; this tillstream reads version 1'],
    [
      encodeJsonlLine(event()).replace('"position":"1"', '"position":1'),
      '"position" must be a decimal string',
    ],
    [
      encodeJsonlLine(event()).replace('"revision":"0"', '"revision":"-1"'),
      '"revision" must be a decimal string',
    ],
    [
      encodeJsonlLine(event()).replace('"type":"WalletToppedUp"', '"type":""'),
      '"type" must be a non-empty string',
    ],
    [encodeJsonlLine(event()).replace(/,"data":\{[^}]*\}/, ''), '"data" is missing'],
    [
      encodeJsonlLine(event()).replace(/"metadata":.*$/, '"metadata":null}'),
      '"metadata" must be a JSON object',
    ],
  ])('refuses %j: %s', (raw, reason) => {
    const decoded = decodeJsonlLine(raw);
    expect(E.isLeft(decoded) && decoded.left).toContain(reason);
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { deterministicId, firstEventId, nthId } from './ids';

const NAMESPACE = 'c3b9a7de-57f4-4d0b-9a5e-2f1a6c0e8b41';

describe('deterministicId', () => {
  it('is the UUID v5 of the name in the tillstream namespace, so ids stored earlier stay the same', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        let expected: string;
        try {
          expected = uuidv5(name, NAMESPACE);
        } catch {
          expect(() => deterministicId(name)).toThrow();
          return;
        }
        expect(deterministicId(name)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the id of a known event name', () => {
    expect(deterministicId('customer-shop1.c1|cmd-1|0')).toBe('2ac4c72c-fc1f-5731-a56b-1f192f017c0b');
    expect(deterministicId('')).toBe('7c5a1964-7b3b-500c-ad0a-9fe8f86b1d87');
    const long = `order-shop1.${'ż'.repeat(600)}|cmd|0`;
    expect(deterministicId(long)).toBe(uuidv5(long, NAMESPACE));
  });
});

describe('firstEventId', () => {
  it("is deterministicId of the command's first event name, for any stream and command id", () => {
    const piece = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 400 }));
    fc.assert(
      fc.property(piece, piece, (stream, command) => {
        const name = `${stream}|${command}|0`;
        let expected: string;
        try {
          expected = deterministicId(name);
        } catch {
          expect(() => firstEventId(stream, command)).toThrow();
          return;
        }
        expect(firstEventId(stream, command)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(firstEventId('customer-shop1.c1', 'cmd-1')).toBe('2ac4c72c-fc1f-5731-a56b-1f192f017c0b');
    expect(firstEventId(`order-shop1.${'ż'.repeat(300)}`, 'cmd')).toBe(
      uuidv5(`order-shop1.${'ż'.repeat(300)}|cmd|0`, NAMESPACE),
    );
  });
});

describe('nthId', () => {
  it('keeps the first id and derives the rest: valid v5-form UUIDs, distinct, the same on every call', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const first = deterministicId(name);
        expect(nthId(first, 0)).toBe(first);
        const ids = Array.from({ length: 40 }, (_, n) => nthId(first, n));
        expect(new Set(ids).size).toBe(40);
        for (const id of ids)
          expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(Array.from({ length: 40 }, (_, n) => nthId(deterministicId(name), n))).toEqual(ids);
      }),
    );
  });
});

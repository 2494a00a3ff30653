import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { PersonNameCodec, parsePersonName, type PersonNameOptions } from './personName';

const refused = (input: unknown, options?: PersonNameOptions) => {
  const result = parsePersonName(input, options);
  if (E.isRight(result)) throw new Error(`expected ${String(input)} to be refused, got ${result.right}`);
  return result.left;
};

describe('a name is NFC-normalised, trimmed and has single spaces', () => {
  it('collapses and trims whitespace of every kind', () => {
    expect(parsePersonName('  Anna \t Maria\u00a0 Kowalska \n')).toEqual(E.right('Anna Maria Kowalska'));
  });

  it('composes decomposed accents, so the same name typed on two keyboards is equal', () => {
    const decomposed = 'Łuka\u0301s\u030c';
    const composed = 'Łukáš';
    expect(decomposed).not.toBe(composed);
    expect(parsePersonName(decomposed)).toEqual(E.right(composed));
  });

  it('property: tidying is idempotent and the codec accepts what the parser gives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (typed) => {
        const first = parsePersonName(typed);
        if (E.isLeft(first)) return;
        expect(parsePersonName(first.right)).toEqual(first);
        expect(PersonNameCodec.is(first.right)).toBe(true);
      }),
    );
  });
});

describe('empty, over-long and control-character names are refused', () => {
  it.each(['', '   ', '\n\t'])('%p is empty', (typed) => {
    const error = refused(typed, { field: 'firstName' });
    expect(error.code).toBe('name.empty');
    expect(error.field).toBe('firstName');
  });

  it('refuses a name over the limit, showing it, and counts characters not UTF-16 units', () => {
    const long = 'A'.repeat(101);
    const error = refused(long);
    expect(error.code).toBe('name.too_long');
    expect(error.message).toContain('"AAAA');
    expect(error.value).toBe(long);
    // 100 emoji are 200 UTF-16 units but 100 characters.
    expect(E.isRight(parsePersonName('😀'.repeat(100)))).toBe(true);
    expect(refused('Anna Maria', { maxLength: 5 }).code).toBe('name.too_long');
  });

  it('refuses control characters, showing them escaped', () => {
    const error = refused('Jan\u0000Kowalski');
    expect(error.code).toBe('name.invalid_characters');
    expect(error.message).toContain('"Jan\\u0000Kowalski"');
  });

  it('refuses input that is not text', () => {
    expect(refused(['Jan']).code).toBe('name.not_text');
  });
});

describe('the stored name', () => {
  it('decodes regardless of the length policy in force', () => {
    expect(E.isRight(PersonNameCodec.decode('A'.repeat(500)))).toBe(true);
  });

  it.each(['', ' Jan', 'Jan  Kowalski', 'Łuka\u0301s', 5])(
    'refuses %p, which no parser produces',
    (stored) => {
      expect(E.isLeft(PersonNameCodec.decode(stored))).toBe(true);
    },
  );
});

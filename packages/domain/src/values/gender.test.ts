import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { GENDERS, GenderCodec, parseGender } from './gender';

describe('a gender is one of female, male, other, unspecified', () => {
  it.each([
    ['female', 'female'],
    [' Male ', 'male'],
    ['OTHER', 'other'],
    ['unspecified', 'unspecified'],
  ])('%p is %p', (typed, gender) => {
    expect(parseGender(typed)).toEqual(E.right(gender));
  });

  it.each(['f', 'woman', '', 'unknown'])('%p is refused, showing what was typed', (typed) => {
    const result = parseGender(typed);
    if (E.isRight(result)) throw new Error('expected a refusal');
    expect(result.left.code).toBe('gender.invalid');
    expect(result.left.message).toContain(JSON.stringify(typed));
    expect(result.left.field).toBe('gender');
  });

  it('refuses input that is not text', () => {
    expect(parseGender(1)).toEqual(E.left(expect.objectContaining({ code: 'gender.not_text' })));
  });

  it('every listed gender parses and decodes as itself', () => {
    for (const gender of GENDERS) {
      expect(parseGender(gender)).toEqual(E.right(gender));
      expect(GenderCodec.decode(gender)).toEqual(E.right(gender));
    }
    expect(E.isLeft(GenderCodec.decode('Female'))).toBe(true);
  });
});

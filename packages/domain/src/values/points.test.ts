import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { ValidationError } from '../kernel/errors';
import { PointsCodec, addPoints, parsePoints, subtractPoints, zeroPoints, type Points } from './points';

const right = <A>(result: E.Either<ValidationError, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected success: ${result.left.message}`);
  return result.right;
};
const points = (n: number): Points => right(parsePoints(n));

describe('points are non-negative safe integers', () => {
  it.each([
    [1.5, 'points.not_integer'],
    [Number.NaN, 'points.not_integer'],
    ['10', 'points.not_integer'],
    [-1, 'points.negative'],
    [2 ** 53, 'points.unsafe_integer'],
  ])('%p is refused with %s, showing it', (input, code) => {
    const result = parsePoints(input);
    if (E.isRight(result)) throw new Error('expected a refusal');
    expect(result.left.code).toBe(code);
    expect(result.left.field).toBe('points');
    expect(result.left.message).toContain(typeof input === 'string' ? JSON.stringify(input) : String(input));
  });

  it('accepts zero and whole positive numbers, with a single zero', () => {
    expect(parsePoints(0)).toEqual(E.right(zeroPoints));
    expect(Object.is(points(-0), 0)).toBe(true);
    expect(parsePoints(150)).toEqual(E.right(150));
  });
});

describe('points never go below zero', () => {
  it('property: subtracting what was added gives the balance back', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 40), fc.nat(2 ** 40), (a, b) => {
        const total = right(addPoints(points(a), points(b)));
        expect(total).toBe(a + b);
        expect(subtractPoints(total, points(b))).toEqual(E.right(a));
      }),
    );
  });

  it('refuses to spend more than the balance, saying how much there is', () => {
    const result = subtractPoints(points(30), points(50));
    if (E.isRight(result)) throw new Error('expected a refusal');
    expect(result.left.code).toBe('points.insufficient');
    expect(result.left.message).toContain('50');
    expect(result.left.message).toContain('30');
  });

  it('refuses a total too large to count exactly', () => {
    expect(E.isLeft(addPoints(points(Number.MAX_SAFE_INTEGER), points(1)))).toBe(true);
  });
});

describe('the stored points', () => {
  it('round-trip through the codec, and bad stored values are refused', () => {
    expect(PointsCodec.decode(PointsCodec.encode(points(42)))).toEqual(E.right(42));
    for (const stored of [-1, 1.5, '42', null]) expect(E.isLeft(PointsCodec.decode(stored))).toBe(true);
  });
});

import * as E from 'fp-ts/Either';
import type { ValidationError } from '../kernel/errors';
import type { Brand } from './brand';
import { storedValueCodec } from './codec';
import { refuse, shown } from './refusal';

/** A number of loyalty points: a non-negative safe integer (a ledger entry says whether it is earned or spent). */
export type Points = Brand<number, 'Points'>;

/** No points. */
export const zeroPoints = 0 as Points;

/** Reads a number of points, refusing fractions, negatives and numbers too large to count exactly. */
export const parsePoints = (
  input: unknown,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, Points> => {
  const field = options.field ?? 'points';
  if (typeof input !== 'number' || !Number.isInteger(input))
    return refuse('points.not_integer', `${shown(input)} is not a whole number of points.`, field, input);
  if (!Number.isSafeInteger(input))
    return refuse(
      'points.unsafe_integer',
      `${shown(input)} is too many points to count exactly.`,
      field,
      input,
    );
  return input < 0
    ? refuse(
        'points.negative',
        `${shown(input)} is below zero; a number of points cannot be negative.`,
        field,
        input,
      )
    : E.right((input === 0 ? 0 : input) as Points);
};

/** a + b, refused if the total cannot be counted exactly. */
export const addPoints = (a: Points, b: Points): E.Either<ValidationError, Points> =>
  Number.isSafeInteger(a + b)
    ? E.right((a + b) as Points)
    : refuse('points.unsafe_integer', `${a} + ${b} points is too many points to count exactly.`, 'points', b);

/** a − b, refused when b is more than a holds: points never go below zero. */
export const subtractPoints = (a: Points, b: Points): E.Either<ValidationError, Points> =>
  b <= a
    ? E.right((a - b) as Points)
    : refuse('points.insufficient', `Cannot take ${b} points from a balance of ${a}.`, 'points', b, {
        balance: a,
        requested: b,
      });

/** io-ts codec for a stored number of points. */
export const PointsCodec = storedValueCodec<Points, number>('Points', (u) =>
  typeof u === 'number' && Number.isSafeInteger(u) && u >= 0
    ? E.right(u as Points)
    : E.left('points are a non-negative safe integer'),
);

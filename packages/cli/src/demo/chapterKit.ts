import type { TillstreamError } from '@tillstream/domain';
import * as E from 'fp-ts/Either';

/** Euro minor units as the demo prints them, e.g. `12.50 EUR`. */
export const eur = (minor: number): string => `${(minor / 100).toFixed(2)} EUR`;

/** The value of a step the demo expects to succeed; a refusal stops the chapter, saying which step. */
export const must = <A>(what: string, result: E.Either<TillstreamError, A>): A => {
  if (E.isLeft(result)) throw new Error(`${what}: ${result.left.code} ${result.left.message}`);
  return result.right;
};

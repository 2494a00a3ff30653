import * as E from 'fp-ts/Either';
import { identity, pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import type { ValidationError } from '../kernel/errors';

/**
 * An io-ts codec for a stored form that is encoded as-is; `check` reports why a stored value is refused.
 * Codecs check the form of a value, not shop policy, so events written under an older policy still decode.
 */
export const storedFormCodec = <A extends O, O = A>(
  name: string,
  check: (u: unknown) => E.Either<ValidationError | string, A>,
): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    name,
    (u): u is A => E.isRight(check(u)),
    (u, c) =>
      pipe(
        check(u),
        E.match((e) => t.failure(u, c, typeof e === 'string' ? e : e.message), t.success),
      ),
    identity,
  );

/** A plain object, so field access on decoded input is safe. */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

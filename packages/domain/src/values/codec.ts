import * as E from 'fp-ts/Either';
import { identity, pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { markDecodedAsIs } from '../kernel/codecs';
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

/**
 * A stored-form codec whose check only accepts or refuses: decoding gives back the stored value
 * itself (never what `check` builds), so event catalogs may check it with `is`.
 */
export const storedValueCodec = <A extends O, O = A>(
  name: string,
  check: (u: unknown) => E.Either<ValidationError | string, A>,
): t.Type<A, O, unknown> =>
  markDecodedAsIs(
    new t.Type<A, O, unknown>(
      name,
      (u): u is A => E.isRight(check(u)),
      (u, c) => {
        const checked = check(u);
        return E.isRight(checked)
          ? t.success(u as A)
          : t.failure(u, c, typeof checked.left === 'string' ? checked.left : checked.left.message);
      },
      identity,
    ),
  );

/** A plain object, so field access on decoded input is safe. */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

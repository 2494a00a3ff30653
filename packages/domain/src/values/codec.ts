import * as E from 'fp-ts/Either';
import { identity, pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { markCheckedAsDecoded, markDecodedAsIs } from '../kernel/codecs';
import type { ValidationError } from '../kernel/errors';

// Whether `built` holds exactly the own fields of `u`, each the very same value.
const sameFields = (u: unknown, built: unknown): boolean => {
  if (u === built) return true;
  if (!isRecord(u) || !isRecord(built)) return false;
  const keys = Object.keys(u);
  if (keys.length !== Object.keys(built).length) return false;
  for (const key of keys) if (!Object.hasOwn(built, key) || u[key] !== built[key]) return false;
  return true;
};

/**
 * An io-ts codec for a stored form that is encoded as-is; `check` reports why a stored value is refused.
 * Codecs check the form of a value, not shop policy, so events written under an older policy still decode.
 * Its `is` holds only for a value `check` would give back field for field (no unknown or undefined
 * fields to drop), so event catalogs may take such a value as decoded without io-ts's `validate`.
 */
export const storedFormCodec = <A extends O, O = A>(
  name: string,
  check: (u: unknown) => E.Either<ValidationError | string, A>,
): t.Type<A, O, unknown> =>
  markCheckedAsDecoded(
    new t.Type<A, O, unknown>(
      name,
      (u): u is A => {
        const checked = check(u);
        return E.isRight(checked) && sameFields(u, checked.right);
      },
      (u, c) =>
        pipe(
          check(u),
          E.match((e) => t.failure(u, c, typeof e === 'string' ? e : e.message), t.success),
        ),
      identity,
    ),
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

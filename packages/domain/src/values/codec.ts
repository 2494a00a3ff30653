import * as E from 'fp-ts/Either';
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

const reason = (e: ValidationError | string): string => (typeof e === 'string' ? e : e.message);

// An io-ts codec over `check`: `accepts` narrows its `is` to inputs `check` takes, `decoded` is what
// decoding gives for an input `check` takes.
const checkedCodec = <A extends O, O>(
  name: string,
  check: (u: unknown) => E.Either<ValidationError | string, A>,
  accepts: (u: unknown, checked: A) => boolean,
  decoded: (u: unknown, checked: A) => A,
): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    name,
    (u): u is A => {
      const checked = check(u);
      return E.isRight(checked) && accepts(u, checked.right);
    },
    (u, c) => {
      const checked = check(u);
      return E.isRight(checked)
        ? t.success(decoded(u, checked.right))
        : t.failure(u, c, reason(checked.left));
    },
    // io-ts's own identity (not fp-ts's): a `t.type` skips copying on encode only when every part's encode is it.
    t.identity,
  );

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
  markCheckedAsDecoded(checkedCodec<A, O>(name, check, sameFields, (_u, checked) => checked));

/**
 * A stored-form codec whose check only accepts or refuses: decoding gives back the stored value
 * itself (never what `check` builds), so event catalogs may check it with `is`.
 */
export const storedValueCodec = <A extends O, O = A>(
  name: string,
  check: (u: unknown) => E.Either<ValidationError | string, A>,
): t.Type<A, O, unknown> =>
  markDecodedAsIs(
    checkedCodec<A, O>(
      name,
      check,
      () => true,
      (u) => u as A,
    ),
  );

/** A plain object, so field access on decoded input is safe. */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

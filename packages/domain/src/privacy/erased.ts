import * as t from 'io-ts';
import { isDeepStrictEqual } from 'node:util';
import { checksLike } from '../kernel/codecs';

/** What a personal field reads as once its customer was forgotten (or when no key is at hand). */
export const ERASED = '[erased]';

/** An erased phone number: both its forms say so, so code reading `e164` or `raw` still gets text. */
export const erasedPhone = { e164: ERASED, raw: ERASED } as const;

/** An erased tax id. */
export const erasedTaxId = { country: ERASED, value: ERASED } as const;

/** An erased postal address: every part a search or a screen shows reads `[erased]`. */
export const erasedAddress = {
  street: ERASED,
  houseNumber: ERASED,
  postalCode: ERASED,
  city: ERASED,
} as const;

/** Erased company data. */
export const erasedCompany = { name: ERASED } as const;

// Decoding runs on every read: a string form is one comparison, an object form is only compared
// in depth when its first part already reads `[erased]`.
const erasedMatcher = (erased: unknown): ((u: unknown) => boolean) => {
  if (typeof erased !== 'object' || erased === null) return (u) => u === erased;
  const first = Object.keys(erased)[0] ?? '';
  return (u) =>
    typeof u === 'object' &&
    u !== null &&
    (u as Readonly<Record<string, unknown>>)[first] === ERASED &&
    isDeepStrictEqual(u, erased);
};

/**
 * A codec that also accepts exactly `erased`, the form a field takes when its key is gone: old
 * events of a forgotten customer still decode, with the value's shape, so folds and readers keep working.
 */
export const erasable = <A, O>(
  codec: t.Type<A, O, unknown>,
  erased: unknown = ERASED,
): t.Type<A, O, unknown> => {
  const matches = erasedMatcher(erased);
  // Erased forms decode to themselves, so the wrapper checks as its codec does.
  return checksLike(
    codec,
    new t.Type<A, O, unknown>(
      `Erasable<${codec.name}>`,
      (u): u is A => matches(u) || codec.is(u),
      (u, c) => (matches(u) ? t.success(u as A) : codec.validate(u, c)),
      // Both branches give `a` back when the codec encodes as-is: say so, so the objects holding it encode without a copy.
      codec.encode === t.identity
        ? (t.identity as (a: A) => O)
        : (a) => (matches(a) ? (a as unknown as O) : codec.encode(a)),
    ),
  );
};

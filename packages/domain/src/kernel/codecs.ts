import * as t from 'io-ts';

// io-ts's own t.Int is branded, which would force every event type to carry the brand; these
// refine at run time and keep plain `number` / `string` at compile time.
const refined = <A extends number | string>(
  name: string,
  base: t.Type<A, A, unknown>,
  ok: (value: A) => boolean,
): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => base.is(u) && ok(u),
    (u, c) => {
      const decoded = base.validate(u, c);
      return decoded._tag === 'Right' && !ok(decoded.right) ? t.failure(u, c) : decoded;
    },
    t.identity,
  );

/** A safe integer (money in minor units, counts). */
export const integer = refined('Integer', t.number, Number.isSafeInteger);

/** A safe integer ≥ 0. */
export const nonNegativeInteger = refined(
  'NonNegativeInteger',
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
);

/** A safe integer > 0. */
export const positiveInteger = refined('PositiveInteger', t.number, (n) => Number.isSafeInteger(n) && n > 0);

/** A string with at least one character. */
export const nonEmptyString = refined('NonEmptyString', t.string, (s) => s.length > 0);

// The shape `toISOString` writes, which `Date.parse` always accepts: the common case skips
// `Date.parse` (4× slower, and it ran on every decoded event). Any other form gets the original
// check, so exactly what was accepted before still is.
const TO_ISO_STRING = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** An ISO-8601 instant as written by `Date.prototype.toISOString`. */
export const isoInstant = refined(
  'IsoInstant',
  t.string,
  (s) => TO_ISO_STRING.test(s) || (!Number.isNaN(Date.parse(s)) && s.endsWith('Z')),
);

/** An object type whose keys may be absent (never `undefined`), as JSON stores them. */
export const withOptional = <R extends t.Props, O extends t.Props>(required: R, optional: O) =>
  t.intersection([t.type(required), t.partial(optional)]);

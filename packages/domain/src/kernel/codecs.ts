import * as t from 'io-ts';
import { compilesAsRefinement } from './compiledIs';

// Codecs whose `is` accepts exactly what `decode` accepts, and whose `decode` returns its input.
const guardedAsDecoded = new WeakSet<t.Mixed>();

// io-ts leaf codecs whose `is` and `validate` agree and whose `validate` returns its input. Anything
// else that is not a combinator below (custom `t.Type`s, `t.exact`, which strips keys, records over
// a refined domain, which drop keys) is not listed.
const AGREEING_LEAVES = new Set([
  'UnknownType',
  'StringType',
  'NumberType',
  'BooleanType',
  'NullType',
  'LiteralType',
  'KeyofType',
]);

// The parts of the io-ts combinators looked into here.
type Combinator = t.Mixed & {
  readonly _tag?: string;
  readonly props?: t.Props;
  readonly types?: readonly t.Mixed[];
  readonly type?: t.Mixed;
  readonly domain?: t.Mixed;
  readonly codomain?: t.Mixed;
};

// Whether every part of an object, intersection, array or string-keyed record codec satisfies
// `holds` (io-ts returns such a value unchanged, or equal, when its parts do); undefined for any
// other codec.
const everyPart = (codec: t.Mixed, holds: (part: t.Mixed) => boolean): boolean | undefined => {
  const c = codec as Combinator;
  switch (c._tag) {
    case 'InterfaceType':
    case 'PartialType':
      return c.props !== undefined && Object.values(c.props).every(holds);
    case 'IntersectionType':
      return c.types !== undefined && c.types.every(holds);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return c.type !== undefined && holds(c.type);
    case 'DictionaryType':
      return (c.domain as Combinator | undefined)?._tag === 'StringType' && c.codomain !== undefined
        ? holds(c.codomain)
        : false;
    default:
      return undefined;
  }
};

/**
 * Declares that a custom codec's `is` accepts exactly what its `decode` accepts, and that `decode`
 * returns its input itself, so event catalogs may check it with the allocation-free `is`.
 */
export const markDecodedAsIs = <C extends t.Mixed>(codec: C): C => {
  guardedAsDecoded.add(codec);
  return codec;
};

/**
 * True when `codec.is(u)` holds exactly when `codec.decode(u)` succeeds, and then decodes to `u`
 * itself, so a check may use the allocation-free `is`. Built from the kernel's refinements and
 * the io-ts combinators known to behave so.
 */
export const isDecodedAsIs = (codec: t.Mixed): boolean => {
  if (guardedAsDecoded.has(codec)) return true;
  const c = codec as Combinator;
  if (c._tag === 'UnionType') return c.types !== undefined && c.types.every(isDecodedAsIs);
  return everyPart(codec, isDecodedAsIs) ?? (c._tag !== undefined && AGREEING_LEAVES.has(c._tag));
};

// Codecs whose `is` may refuse more than `decode` does, but whose `decode` of anything `is` accepts
// succeeds with a value equal to its input (a copy, say).
const checkedAsDecoded = new WeakSet<t.Mixed>();

/**
 * Declares that whatever a custom codec's `is` accepts, its `decode` accepts too, giving a value
 * equal to the input: `is` may refuse more (it then falls back to `decode`), never less.
 */
export const markCheckedAsDecoded = <C extends t.Mixed>(codec: C): C => {
  checkedAsDecoded.add(codec);
  return codec;
};

/**
 * True when `codec.is(u)` implies that `codec.decode(u)` succeeds with a value equal to `u`, so a
 * catalog may take `u` as decoded once `is` holds and decode only what `is` refuses. Weaker than
 * `isDecodedAsIs`, and so not closed under unions: an earlier member may decode what a later
 * member's `is` accepts, to something else.
 */
export const isCheckedAsDecoded = (codec: t.Mixed): boolean =>
  checkedAsDecoded.has(codec) || isDecodedAsIs(codec) || (everyPart(codec, isCheckedAsDecoded) ?? false);

/** Marks `made` as checking like `inner` does, for a codec that wraps another and adds only exact cases. */
export const checksLike = <C extends t.Mixed>(inner: t.Mixed, made: C): C =>
  isDecodedAsIs(inner)
    ? markDecodedAsIs(made)
    : isCheckedAsDecoded(inner)
      ? markCheckedAsDecoded(made)
      : made;

// io-ts's own t.Int is branded, which would force every event type to carry the brand; these
// refine at run time and keep plain `number` / `string` at compile time.
const refined = <A extends number | string>(
  name: string,
  base: t.Type<A, A, unknown>,
  ok: (value: A) => boolean,
): t.Type<A, A, unknown> => {
  const codec = new t.Type<A, A, unknown>(
    name,
    (u): u is A => base.is(u) && ok(u),
    (u, c) => {
      const decoded = base.validate(u, c);
      return decoded._tag === 'Right' && !ok(decoded.right) ? t.failure(u, c) : decoded;
    },
    t.identity,
  );
  guardedAsDecoded.add(codec);
  return compilesAsRefinement(codec, base, ok as (u: never) => boolean);
};

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

/** An ISO 4217 currency code in its written form: three capital letters. */
export const currencyCode = refined('CurrencyCode', t.string, (s) => /^[A-Z]{3}$/.test(s));

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
export const withOptional = <R extends t.Props, O extends t.Props>(required: R, optional: O) => {
  const both = t.intersection([t.type(required), t.partial(optional)]);
  const [present, absent] = both.types;
  // io-ts checks an intersection through `every` and a closure per call, and gives it an encode
  // that merges its parts' encodings even when each returns its input, so that io-ts objects holding
  // it copy on every encode; both matter on every event a catalog checks or encodes.
  const is = (u: unknown): u is t.TypeOf<typeof both> => present.is(u) && absent.is(u);
  const identical = present.encode === t.identity && absent.encode === t.identity;
  // Each part encodes as the identity, so the whole value's output is the value itself.
  const encode = identical ? (t.identity as unknown as typeof both.encode) : both.encode;
  return new t.IntersectionType(both.name, is, both.validate, encode, both.types);
};

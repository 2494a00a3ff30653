import type * as t from 'io-ts';

// The kernel's own refinements (codecs.ts) are plain `t.Type`s: they tell this file their base
// codec and predicate, so that their checks compile like io-ts's refinements.
const refinements = new WeakMap<t.Mixed, { readonly base: t.Mixed; readonly ok: (u: never) => boolean }>();

/** Records that `codec.is(u)` is exactly `base.is(u) && ok(u)`. */
export const compilesAsRefinement = <C extends t.Mixed>(
  codec: C,
  base: t.Mixed,
  ok: (u: never) => boolean,
): C => {
  refinements.set(codec, { base, ok });
  return codec;
};

// The parts of the io-ts codecs read here.
type Part = t.Mixed & {
  readonly _tag?: string;
  readonly props?: t.Props;
  readonly types?: readonly t.Mixed[];
  readonly type?: t.Mixed;
  readonly predicate?: (u: never) => boolean;
  readonly value?: unknown;
  readonly keys?: object;
};

interface Build {
  /** Values the compiled code refers to, as `$[i]`. */
  readonly captured: unknown[];
  names: number;
  /** Variables already checked to hold a record (the parts of an intersection share one). */
  readonly records: Set<string>;
}

const capture = (build: Build, value: unknown): string => {
  build.captured.push(value);
  return `$[${build.captured.length - 1}]`;
};
const fresh = (build: Build): string => `v${build.names++}`;
const fail = (condition: string): string => `if (${condition}) return false;\n`;
const isRecord = (v: string) => `${v} !== null && typeof ${v} === 'object' && !Array.isArray(${v})`;

// Statements that `return false` unless `v` passes `codec.is`, written out for the io-ts codecs
// whose `is` is known (checked by tag, as `isDecodedAsIs` does), calling `is` itself for any other.
const statements = (build: Build, codec: t.Mixed, v: string): string => {
  const own = refinements.get(codec);
  if (own !== undefined) return statements(build, own.base, v) + fail(`!${capture(build, own.ok)}(${v})`);
  const c = codec as Part;
  switch (c._tag) {
    case 'UnknownType':
      return '';
    case 'StringType':
      return fail(`typeof ${v} !== 'string'`);
    case 'NumberType':
      return fail(`typeof ${v} !== 'number'`);
    case 'BooleanType':
      return fail(`typeof ${v} !== 'boolean'`);
    case 'NullType':
      return fail(`${v} !== null`);
    case 'UndefinedType':
      return fail(`${v} !== undefined`);
    case 'LiteralType':
      return fail(`${v} !== ${capture(build, c.value)}`);
    case 'KeyofType':
      return fail(`typeof ${v} !== 'string' || !hasOwn.call(${capture(build, c.keys)}, ${v})`);
    case 'ReadonlyType':
    case 'ExactType':
      return c.type === undefined ? fallback(build, codec, v) : statements(build, c.type, v);
    case 'RefinementType':
      return c.type === undefined || c.predicate === undefined
        ? fallback(build, codec, v)
        : statements(build, c.type, v) + fail(`!${capture(build, c.predicate)}(${v})`);
    case 'IntersectionType':
      return c.types === undefined
        ? fallback(build, codec, v)
        : c.types.map((p) => statements(build, p, v)).join('');
    case 'UnionType':
      return c.types === undefined || c.types.length === 0
        ? fallback(build, codec, v)
        : fail(`!(${c.types.map((m) => `${capture(build, compiledIs(m))}(${v})`).join(' || ')})`);
    case 'InterfaceType':
    case 'PartialType': {
      if (c.props === undefined) return fallback(build, codec, v);
      const required = c._tag === 'InterfaceType';
      let out = build.records.has(v) ? '' : fail(`!(${isRecord(v)})`);
      build.records.add(v);
      for (const [key, prop] of Object.entries(c.props)) {
        const w = fresh(build);
        const k = JSON.stringify(key);
        out += `var ${w} = ${v}[${k}];\n`;
        out += required
          ? fail(`${w} === undefined && !hasOwn.call(${v}, ${k})`) + statements(build, prop, w)
          : `if (${w} !== undefined) {\n${statements(build, prop, w)}}\n`;
      }
      return out;
    }
    case 'ArrayType':
    case 'ReadonlyArrayType': {
      if (c.type === undefined) return fallback(build, codec, v);
      const i = fresh(build);
      const w = fresh(build);
      // `every` skips holes, and so does this loop.
      return (
        fail(`!Array.isArray(${v})`) +
        `for (var ${i} = 0; ${i} < ${v}.length; ${i}++) {\nif (!(${i} in ${v})) continue;\nvar ${w} = ${v}[${i}];\n${statements(build, c.type, w)}}\n`
      );
    }
    default:
      return fallback(build, codec, v);
  }
};

const fallback = (build: Build, codec: t.Mixed, v: string): string =>
  fail(`!${capture(build, codec)}.is(${v})`);

const compiled = new WeakMap<t.Mixed, (u: unknown) => boolean>();

/**
 * A function answering exactly what `codec.is` answers, written out as one function for the io-ts
 * combinators and the kernel's refinements, so that checking a stored event does not walk the codec
 * tree through a call per part (most of the cost of `is` on event data). Where code cannot be
 * generated at run time, it is `codec.is` itself.
 */
export const compiledIs = (codec: t.Mixed): ((u: unknown) => boolean) => {
  const known = compiled.get(codec);
  if (known !== undefined) return known;
  const build: Build = { captured: [], names: 0, records: new Set() };
  let is: (u: unknown) => boolean;
  try {
    const body = statements(build, codec, 'u');
    const make = new Function('$', 'hasOwn', `return function is(u) {\n${body}return true;\n};`) as (
      captured: readonly unknown[],
      hasOwn: (this: object, key: PropertyKey) => boolean,
    ) => (u: unknown) => boolean;
    is = make(build.captured, Object.prototype.hasOwnProperty);
  } catch {
    is = (u) => codec.is(u);
  }
  compiled.set(codec, is);
  return is;
};

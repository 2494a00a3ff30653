import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { isCheckedAsDecoded } from './codecs';
import { compiledIs } from './compiledIs';
import type { Event } from './envelope';

/** Turns data stored at one schema version into the next version's shape. */
export type Upcaster = (data: unknown) => unknown;

/** How one event type is stored: its codec, its current schema version, and how to read old versions. */
export interface EventSchema<Data> {
  readonly codec: t.Type<Data, unknown, unknown>;
  /** Current schema version; 1 when omitted. */
  readonly version?: number;
  /** `upcasters[v]` turns data stored at version v into version v + 1. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/** One schema for every event type of the union `E`: the compiler checks that none is missing. */
export type EventSchemas<E extends Event> = {
  readonly [K in E['type']]: EventSchema<Extract<E, { readonly type: K }>['data']>;
};

/** Where and why stored data failed its schema. */
export interface SchemaFailure {
  readonly field: string;
  readonly reason: string;
}

/** An event encoded for a store. */
export interface EncodedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly schemaVersion: number;
  /** True when decoding `data` with this catalog gives back `data`, or a value equal to it: its codec's `is` held. */
  readonly decodesAsIs?: boolean;
}

/** Encodes and decodes the events of one union, checking each against its codec both ways. */
export interface EventCatalog<E extends Event> {
  readonly types: readonly string[];
  readonly has: (type: string) => boolean;
  readonly encode: (event: E) => E.Either<SchemaFailure, EncodedEvent>;
  readonly decode: (type: string, data: unknown, schemaVersion: number) => E.Either<SchemaFailure, E>;
}

const describeValue = (value: unknown): string => {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const isUnion = (type: t.Decoder<unknown, unknown>): boolean =>
  (type as { readonly _tag?: string })._tag === 'UnionType';

/** Names the first failing field of an io-ts error as a dotted path. */
export const schemaFailure = (errors: t.Errors): SchemaFailure => {
  const first = errors[0];
  if (first === undefined) return { field: '(root)', reason: 'is invalid' };
  const path: string[] = [];
  first.context.forEach((entry, i) => {
    const parent = first.context[i - 1];
    if (i > 0 && parent !== undefined && !isUnion(parent.type)) path.push(entry.key);
  });
  const last = first.context[first.context.length - 1];
  return {
    field: path.length > 0 ? path.join('.') : '(root)',
    reason:
      first.message ?? `expected ${last?.type.name ?? 'a valid value'}, got ${describeValue(first.value)}`,
  };
};

/** Builds the catalog of an event union from one schema per type. */
export const eventCatalog = <Ev extends Event>(schemas: EventSchemas<Ev>): EventCatalog<Ev> => {
  const table = new Map<string, EventSchema<object>>(
    Object.entries(schemas as Record<string, EventSchema<object>>),
  );
  const types = [...table.keys()];
  // Schemas whose codec may be checked with `is`: no allocation on the common path, and the
  // decode that names the failing field runs only when the check fails.
  // Their `is` runs compiled (`compiledIs`), made on first use.
  const guarded = new Map(
    [...table]
      .filter(([, s]) => isCheckedAsDecoded(s.codec))
      .map(([type, s]): [string, (u: unknown) => boolean] => {
        let is: ((u: unknown) => boolean) | undefined;
        return [type, (u) => (is ??= compiledIs(s.codec))(u)];
      }),
  );

  const upcast = (schema: EventSchema<object>, type: string, data: unknown, from: number) => {
    const current = schema.version ?? 1;
    if (from > current)
      return E.left({
        field: 'schemaVersion',
        reason: `is ${from}, newer than version ${current} that this library knows for ${type}`,
      });
    let value = data;
    for (let v = from; v < current; v++) {
      const up = schema.upcasters?.[v];
      if (up === undefined)
        return E.left({ field: 'schemaVersion', reason: `is ${from}, and there is no upcaster from ${v}` });
      value = up(value);
    }
    return E.right(value);
  };

  return {
    types,
    has: (type) => table.has(type),
    encode: (event) => {
      const schema = table.get(event.type);
      if (schema === undefined)
        return E.left({ field: 'type', reason: `"${event.type}" is not in the catalog` });
      const data = schema.codec.encode(event.data);
      if (guarded.get(event.type)?.(data) === true)
        return E.right({ type: event.type, data, schemaVersion: schema.version ?? 1, decodesAsIs: true });
      const checked = schema.codec.decode(data);
      return E.isLeft(checked)
        ? E.left(schemaFailure(checked.left))
        : E.right({ type: event.type, data, schemaVersion: schema.version ?? 1 });
    },
    decode: (type, data, schemaVersion) => {
      const schema = table.get(type);
      if (schema === undefined) return E.left({ field: 'type', reason: `"${type}" is not in the catalog` });
      // Most stored events are at the current version: they skip the upcasting machinery.
      let current = data;
      if (schemaVersion !== (schema.version ?? 1)) {
        const upcasted = upcast(schema, type, data, schemaVersion);
        if (E.isLeft(upcasted)) return upcasted;
        current = upcasted.right;
      }
      if (guarded.get(type)?.(current) === true) return E.right({ type, data: current } as unknown as Ev);
      const decoded = schema.codec.decode(current);
      return E.isLeft(decoded)
        ? E.left(schemaFailure(decoded.left))
        : E.right({ type, data: decoded.right } as unknown as Ev);
    },
  };
};

// Which catalog a combined one hands each type to, so that readers decoding the same event through
// different combinations of the same catalogs (the projections of one group) can share one decoding.
const ownersOf = new WeakMap<object, ReadonlyMap<string, EventCatalog<Event>>>();

/** One catalog reading the events of several, e.g. for a projection over many contexts. */
export const combineCatalogs = <Ev extends Event>(
  ...catalogs: readonly EventCatalog<Ev>[]
): EventCatalog<Ev> => {
  const owner = new Map<string, EventCatalog<Ev>>();
  for (const c of catalogs) for (const type of c.types) owner.set(type, c);
  const missing = (type: string) => E.left({ field: 'type', reason: `"${type}" is not in the catalog` });
  const combined: EventCatalog<Ev> = {
    types: [...owner.keys()],
    has: (type) => owner.has(type),
    encode: (event) => owner.get(event.type)?.encode(event) ?? missing(event.type),
    decode: (type, data, version) => owner.get(type)?.decode(type, data, version) ?? missing(type),
  };
  ownersOf.set(combined, owner as unknown as ReadonlyMap<string, EventCatalog<Event>>);
  return combined;
};

/**
 * The catalog that really decodes `type` for `catalog`: through every `combineCatalogs` down to the
 * part holding it, else `catalog` itself. Decoding with either gives the same result.
 */
export const decodingCatalog = (catalog: EventCatalog<Event>, type: string): EventCatalog<Event> => {
  const part = ownersOf.get(catalog)?.get(type);
  return part === undefined ? catalog : decodingCatalog(part, type);
};

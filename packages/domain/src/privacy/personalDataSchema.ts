/** One personal field of an event's stored data: its dotted path and the form it reads as when erased. */
export interface PersonalField {
  readonly path: string;
  readonly erased: unknown;
}

type Json = Readonly<Record<string, unknown>>;

/**
 * Where the personal data of one stream category sits: per event type, the fields sealed with the
 * keys of the event's subjects — by default the stream's id (the customer id of
 * `customer-{tenant}.{id}`); `subjectsOf` names them from the event's data instead.
 */
export interface PersonalDataSchema<Type extends string = string> {
  readonly category: string;
  readonly fields: Readonly<Record<Type, readonly PersonalField[]>>;
  /**
   * The customers whose data an event's personal fields may hold, read from its (clear) data.
   * Sealed under every one's key, the fields are erased as soon as any of them is forgotten;
   * an event naming none keeps them erased.
   */
  readonly subjectsOf?: (type: string, data: Json, streamId: string) => readonly string[];
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted path of JSON data, or undefined when any step is missing. */
export const valueAt = (data: unknown, path: string): unknown => {
  let here = data;
  for (const step of path.split('.')) {
    if (!isObject(here)) return undefined;
    here = here[step];
  }
  return here;
};

/** A copy of JSON data with `value` at a dotted path whose parents exist (the data itself is left alone). */
export const withValueAt = (data: Json, path: string, value: unknown): Json => {
  const dot = path.indexOf('.');
  if (dot < 0) return { ...data, [path]: value };
  const head = path.slice(0, dot);
  const child = data[head];
  return isObject(child) ? { ...data, [head]: withValueAt(child, path.slice(dot + 1), value) } : data;
};

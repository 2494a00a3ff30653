import { appended } from '@tillstream/domain';
import {
  IDENTIFIER_KINDS,
  TEXT_FIELDS,
  type CustomerDocument,
  type IdentifierKind,
  type TextField,
} from './customerDocument';
import { compactKey, textKeys } from './fold';
import { tokenDictionary } from './tokenDictionary';

/** The customers of one tenant, held for search: exact maps for identifiers, a prefix dictionary for words. */
export interface CustomerIndex {
  /** Replaces what is known of a customer; ignored for a customer merged away. */
  readonly put: (customerId: string, document: CustomerDocument) => void;
  /** The document as last put, or undefined for unknown and merged-away customers. */
  readonly get: (customerId: string) => CustomerDocument | undefined;
  /** Removes `loserId` from search for good; its id resolves to `survivorId` from now on. */
  readonly merge: (loserId: string, survivorId: string) => void;
  /** Removes a customer who asked to be forgotten, for good: it is never found, resolved or indexed again. */
  readonly forget: (customerId: string) => void;
  /** The live customer an id stands for (itself, or the survivor of its merges); undefined if unknown. */
  readonly resolve: (customerId: string) => string | undefined;
  /** Slots holding an identifier exactly. */
  readonly exact: (kind: IdentifierKind, key: string) => readonly number[];
  /** Slots whose phone ends with these digits (at least four). */
  readonly phoneEndingWith: (digits: string) => number[];
  /** Visits the postings (each in ascending slot order) of every word key of `field` starting with `prefix`. */
  readonly forPrefix: (
    field: TextField,
    prefix: string,
    visit: (postings: readonly number[]) => boolean | void,
  ) => void;
  /** `from` plus the postings of `field`'s keys starting with `prefix`, counted until the sum reaches `bound`. */
  readonly countPrefix: (field: TextField, prefix: string, from: number, bound: number) => number;
  /** Whether some customer has the whole word `key` in `field`. */
  readonly hasWord: (field: TextField, key: string) => boolean;
  /** Whether a slot has a word starting with `key` in one of `fields`: 0 no, 1 as a prefix, 2 the whole word. */
  readonly matchWord: (slot: number, fields: FieldMask, key: string) => 0 | 1 | 2;
  readonly idOf: (slot: number) => string;
  readonly documentOf: (slot: number) => CustomerDocument;
  /** Live customers held. */
  readonly size: () => number;
  /** One more than the highest slot number ever given out (for bitmaps over slots). */
  readonly capacity: () => number;
}

/** A set of text fields as bits (see `fieldMask`), so a match over several fields is one scan. */
export type FieldMask = number;

/** The bits of the given fields. */
export const fieldMask = (fields: readonly TextField[]): FieldMask => {
  let mask = 0;
  for (let i = 0; i < fields.length; i++) mask |= 1 << TEXT_FIELDS.indexOf(fields[i] as TextField);
  return mask;
};

const FIELD_SEPARATOR = '\u001f';
// One control character per field precedes each of its word keys in a customer's key string, so
// "does field f have a word starting with k" is one `indexOf(marker + k)` on one string.
const MARKER = Object.fromEntries(TEXT_FIELDS.map((f, i) => [f, String.fromCharCode(1 + i)])) as Record<
  TextField,
  string
>;
const LAST_MARKER = TEXT_FIELDS.length;
const markerOf = (field: TextField): string => MARKER[field];
const COMPACT_FIELDS: ReadonlySet<TextField> = new Set<TextField>(['houseNumber', 'postalCode']);
const SUFFIX = 4;
// Slot lists up to this long grow by an exact copy; longer ones are pushed onto.
const EXACT_UP_TO = 16;
const KEY_CACHE_LIMIT = 50_000;
const PLURAL: Readonly<Record<IdentifierKind, keyof CustomerDocument>> = {
  phone: 'phones',
  card: 'cards',
  taxId: 'taxIds',
  email: 'emails',
};
const NO_IDENTIFIERS: readonly string[] = [];
const NO_KEYS: readonly string[] = [];
const NONE: readonly number[] = [];

// The strings the index keeps are joined, not concatenated: `+=` leaves a rope of one node per
// piece (and a slice keeps its whole parent alive), where a join is one flat copy.
const pieces: string[] = [];
const joined = (separator: string): string => {
  const out = pieces.join(separator);
  pieces.length = 0;
  return out;
};

/** The word keys of a value of a field: whole-value keys for house numbers and postal codes. */
export const fieldKeys = (field: TextField, value: string): string[] => {
  if (!COMPACT_FIELDS.has(field)) return textKeys(value);
  const key = compactKey(value);
  return key === '' ? [] : [key];
};

const addTo = (map: Map<string, number | number[]>, key: string, slot: number) => {
  const held = map.get(key);
  if (held === undefined) map.set(key, slot);
  else if (typeof held === 'number') map.set(key, held === slot ? held : [held, slot]);
  else if (!held.includes(slot)) {
    // At its exact length, as long as it is short: a push would reserve room for ~16 more slots,
    // and most keys (a phone's last digits) are held by a few customers.
    if (held.length >= EXACT_UP_TO) held.push(slot);
    else map.set(key, appended(held, slot));
  }
};

const removeFrom = (map: Map<string, number | number[]>, key: string, slot: number) => {
  const held = map.get(key);
  if (held === undefined) return;
  if (typeof held === 'number') {
    if (held === slot) map.delete(key);
    return;
  }
  const rest = held.filter((s) => s !== slot);
  if (rest.length === 0) map.delete(key);
  else map.set(key, rest.length === 1 ? (rest[0] as number) : rest);
};

const digitsOf = (e164: string): string => e164.replace(/\D/g, '');

/**
 * Word keys of field values, folded once: names, streets and cities repeat across customers and
 * shops, and keys depend on the value only. One cache may serve every tenant's index of a search;
 * it is emptied when it grows past its bound, so one-off values cannot pile up. One map per text
 * field (by its place in `TEXT_FIELDS`), keyed by the value as given: no marked copy of the value
 * to build and hash on every lookup.
 */
export interface KeyCache {
  readonly byField: readonly Map<string, readonly string[]>[];
  /** Entries over all fields, held under `KEY_CACHE_LIMIT`. */
  held: number;
}

/** An empty key cache. */
export const emptyKeyCache = (): KeyCache => ({ byField: TEXT_FIELDS.map(() => new Map()), held: 0 });

/** The marked word keys of the value of the `f`-th text field, each once, in order. */
const markedKeys = (cache: KeyCache, f: number, value: string | undefined): readonly string[] => {
  if (value === undefined || value === '') return NO_KEYS;
  const byValue = cache.byField[f] as Map<string, readonly string[]>;
  const cached = byValue.get(value);
  if (cached !== undefined) return cached;
  const field = TEXT_FIELDS[f] as TextField;
  const marker = markerOf(field);
  const out: string[] = [];
  for (const key of fieldKeys(field, value)) {
    const marked = marker + key;
    if (!out.includes(marked)) out.push(marked);
  }
  if (cache.held >= KEY_CACHE_LIMIT) {
    for (const map of cache.byField) map.clear();
    cache.held = 0;
  }
  byValue.set(value, out);
  cache.held++;
  return out;
};

/**
 * Creates an empty index. Customers are interned as slot numbers and stored column-wise (one
 * string of raw fields, one string of word keys and one small identifier array per customer),
 * so a million customers cost a few hundred bytes each rather than an object graph apiece.
 */
export const customerIndex = (keyCache: KeyCache = emptyKeyCache()): CustomerIndex => {
  const ids: string[] = [];
  const slotOf = new Map<string, number>();
  const raw: string[] = [];
  const keys: string[] = [];
  // Flattened [kind, key, kind, key, …]: the key strings are the very ones in the maps.
  const identifiers: (readonly string[])[] = [];
  const survivorOf = new Map<string, string>();
  const forgotten = new Set<string>();
  const exactMaps: Record<IdentifierKind, Map<string, number | number[]>> = {
    phone: new Map(),
    card: new Map(),
    taxId: new Map(),
    email: new Map(),
  };
  const bySuffix = new Map<string, number | number[]>();
  const words = tokenDictionary();
  let live = 0;

  const unholdIdentifiers = (slot: number, held: readonly string[]) => {
    for (let i = 0; i < held.length; i += 2) {
      const kind = held[i] as IdentifierKind;
      const key = held[i + 1] as string;
      removeFrom(exactMaps[kind], key, slot);
      if (kind === 'phone') removeFrom(bySuffix, digitsOf(key).slice(-SUFFIX), slot);
    }
  };

  const unindex = (slot: number) => {
    unholdIdentifiers(slot, identifiers[slot] ?? NO_IDENTIFIERS);
    for (const key of splitKeys(keys[slot] ?? '')) words.remove(key, slot);
    identifiers[slot] = NO_IDENTIFIERS;
    keys[slot] = '';
    raw[slot] = '';
  };

  /**
   * The identifiers of a document as held: [kind, key, kind, key, …], emails lower-cased. Built at
   * its exact length: the index keeps it for the customer's life, and a push onto an empty list
   * reserves room for ~16 more.
   */
  const identifiersOf = (document: CustomerDocument): readonly string[] => {
    let count = 0;
    for (const kind of IDENTIFIER_KINDS)
      count += (document[PLURAL[kind]] as readonly string[] | undefined)?.length ?? 0;
    if (count === 0) return NO_IDENTIFIERS;
    const held = new Array<string>(2 * count);
    let at = 0;
    for (const kind of IDENTIFIER_KINDS) {
      const values = document[PLURAL[kind]] as readonly string[] | undefined;
      if (values === undefined) continue;
      for (const value of values) {
        held[at++] = kind;
        held[at++] = kind === 'email' ? value.toLowerCase() : value;
      }
    }
    return held;
  };

  const sameList = (a: readonly string[], b: readonly string[]) => {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };

  const holdIdentifiers = (slot: number, held: readonly string[]) => {
    for (let i = 0; i < held.length; i += 2) {
      const kind = held[i] as IdentifierKind;
      const key = held[i + 1] as string;
      addTo(exactMaps[kind], key, slot);
      if (kind === 'phone') addTo(bySuffix, digitsOf(key).slice(-SUFFIX), slot);
    }
    identifiers[slot] = held;
  };

  const rawOf = (document: CustomerDocument) => {
    for (const field of TEXT_FIELDS) pieces.push(document[field] ?? '');
    return joined(FIELD_SEPARATOR);
  };

  /** Indexes a customer seen for the first time: nothing to unindex. */
  const index = (slot: number, document: CustomerDocument) => {
    for (let f = 0; f < TEXT_FIELDS.length; f++)
      for (const marked of markedKeys(keyCache, f, document[TEXT_FIELDS[f] as TextField])) {
        pieces.push(marked);
        words.add(marked, slot);
      }
    keys[slot] = joined('');
    raw[slot] = rawOf(document);
    holdIdentifiers(slot, identifiersOf(document));
  };

  /**
   * Indexes a new version of a customer: only the fields whose value changed leave and re-enter
   * the dictionary (an edit of one field re-folds nothing else), and identifiers only if they changed.
   */
  const reindex = (slot: number, document: CustomerDocument) => {
    const nextRaw = rawOf(document);
    const oldRaw = raw[slot] ?? '';
    if (nextRaw !== oldRaw) {
      const oldValues = oldRaw.split(FIELD_SEPARATOR);
      const oldKeys = keys[slot] ?? '';
      for (let f = 0; f < TEXT_FIELDS.length; f++) {
        const field = TEXT_FIELDS[f] as TextField;
        // This field's keys in the old key string: from its marker's first key to the next field's.
        const from = segmentStart(oldKeys, f + 1);
        const to = segmentStart(oldKeys, f + 2, from);
        const value = document[field] ?? '';
        if (value === (oldValues[f] ?? '')) {
          pieces.push(oldKeys.slice(from, to));
          continue;
        }
        for (const key of splitKeys(oldKeys.slice(from, to))) words.remove(key, slot);
        for (const marked of markedKeys(keyCache, f, value)) {
          pieces.push(marked);
          words.add(marked, slot);
        }
      }
      keys[slot] = joined('');
      raw[slot] = nextRaw;
    }
    const held = identifiersOf(document);
    const old = identifiers[slot] ?? NO_IDENTIFIERS;
    if (sameList(held, old)) return;
    unholdIdentifiers(slot, old);
    holdIdentifiers(slot, held);
  };

  const resolve = (customerId: string): string | undefined => {
    let id = customerId;
    // Merges form chains (a into b, later b into c); a bound guards against a corrupt cycle.
    for (let hops = 0; hops <= survivorOf.size; hops++) {
      const next = survivorOf.get(id);
      if (next === undefined) return slotOf.has(id) && !forgotten.has(id) ? id : undefined;
      id = next;
    }
    return undefined;
  };

  const documentOf = (slot: number): CustomerDocument => {
    const own = raw[slot] ?? '';
    const out: Record<string, string | string[]> = {};
    // Walks the separators instead of splitting: a search builds one document per hit.
    let start = 0;
    for (let i = 0; i < TEXT_FIELDS.length; i++) {
      const end = own.indexOf(FIELD_SEPARATOR, start);
      const stop = end < 0 ? own.length : end;
      if (stop > start) out[TEXT_FIELDS[i] as TextField] = own.slice(start, stop);
      if (end < 0) break;
      start = end + 1;
    }
    const held = identifiers[slot] ?? NO_IDENTIFIERS;
    for (let i = 0; i < held.length; i += 2) {
      const name = PLURAL[held[i] as IdentifierKind];
      const list = out[name];
      if (Array.isArray(list)) list.push(held[i + 1] as string);
      else out[name] = [held[i + 1] as string];
    }
    return out as CustomerDocument;
  };

  return {
    put: (customerId, document) => {
      if (survivorOf.has(customerId) || forgotten.has(customerId)) return;
      const slot = slotOf.get(customerId);
      if (slot !== undefined) return reindex(slot, document);
      slotOf.set(customerId, ids.length);
      index(ids.length, document);
      ids.push(customerId);
      live++;
    },
    get: (customerId) => {
      const slot =
        survivorOf.has(customerId) || forgotten.has(customerId) ? undefined : slotOf.get(customerId);
      return slot === undefined ? undefined : documentOf(slot);
    },
    merge: (loserId, survivorId) => {
      if (loserId === survivorId || survivorOf.has(loserId)) return;
      const slot = slotOf.get(loserId);
      if (slot !== undefined) {
        unindex(slot);
        live--;
      }
      survivorOf.set(loserId, survivorId);
    },
    forget: (customerId) => {
      if (forgotten.has(customerId)) return;
      forgotten.add(customerId);
      const slot = slotOf.get(customerId);
      if (slot !== undefined && !survivorOf.has(customerId)) {
        unindex(slot);
        live--;
      }
    },
    resolve,
    exact: (kind, key) => {
      const held = exactMaps[kind].get(kind === 'email' ? key.toLowerCase() : key);
      return held === undefined ? NONE : typeof held === 'number' ? [held] : held;
    },
    phoneEndingWith: (digits) => {
      if (digits.length < SUFFIX) return [];
      const held = bySuffix.get(digits.slice(-SUFFIX));
      const slots = held === undefined ? NONE : typeof held === 'number' ? [held] : held;
      return slots.filter((slot) => {
        const own = identifiers[slot] ?? NO_IDENTIFIERS;
        for (let i = 0; i < own.length; i += 2)
          // E.164 is '+' and digits, so its tail is the tail of its digits.
          if (own[i] === 'phone' && (own[i + 1] as string).endsWith(digits)) return true;
        return false;
      });
    },
    forPrefix: (field, prefix, visit) => words.forPrefix(markerOf(field) + prefix, visit),
    countPrefix: (field, prefix, from, bound) => words.countPrefix(markerOf(field) + prefix, from, bound),
    hasWord: (field, key) => words.has(markerOf(field) + key),
    matchWord: (slot, fields, key) => {
      const own = keys[slot] ?? '';
      let best: 0 | 1 | 2 = 0;
      // One scan for all fields: a hit counts where a field marker precedes it (a word start) and
      // that field is one of `fields`; no marked needle is built per field and customer.
      for (let at = own.indexOf(key); at > 0; at = own.indexOf(key, at + 1)) {
        const marker = own.charCodeAt(at - 1);
        if (marker > LAST_MARKER || (fields & (1 << (marker - 1))) === 0) continue;
        const after = own.charCodeAt(at + key.length);
        if (Number.isNaN(after) || after <= LAST_MARKER) return 2;
        best = 1;
      }
      return best;
    },
    idOf: (slot) => ids[slot] as string,
    documentOf,
    size: () => live,
    capacity: () => ids.length,
  };
};

/** Where the keys of the field with `marker` start in a key string (at or after `from`): at the first key of a later field if it has none. */
const segmentStart = (keyString: string, marker: number, from = 0): number => {
  for (let i = from; i < keyString.length; i++)
    if (keyString.charCodeAt(i) >= marker && keyString.charCodeAt(i) <= LAST_MARKER) return i;
  return keyString.length;
};

/** Splits a key string back into its marked word keys. */
const splitKeys = (keyString: string): string[] => {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= keyString.length; i++) {
    const code = keyString.charCodeAt(i);
    if (Number.isNaN(code) || code <= LAST_MARKER) {
      out.push(keyString.slice(start, i));
      start = i;
    }
  }
  return keyString === '' ? [] : out;
};

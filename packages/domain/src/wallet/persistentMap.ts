import { appended } from '../kernel/exactLists';

/**
 * An immutable map from strings, where `set` returns a new map sharing all but one path with the
 * old one: a wallet's per-order ledgers grow with every order, and copying a record on each
 * movement made folding a wallet quadratic in its number of orders.
 */
export interface PersistentMap<V> {
  readonly size: number;
  /** @internal */
  readonly root: Slots<V>;
}

type Entry<V> = readonly [key: string, value: V];
// A slot holds a sub-trie, or the entries whose hashes agree up to this level.
type Slot<V> = { readonly trie: Slots<V> } | readonly Entry<V>[] | undefined;
type Slots<V> = readonly Slot<V>[];

const BITS = 5;
const WIDTH = 1 << BITS;
// Beyond this level the 32-bit hash is used up: entries share a bucket however many.
const LAST_LEVEL = 6;
// A bucket above the last level splits into a sub-trie once it holds more entries than this.
const BUCKET = 8;

// FNV-1a, 32 bits.
const hashOf = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

const indexAt = (hash: number, level: number): number => (hash >>> (level * BITS)) & (WIDTH - 1);

const emptySlots: Slots<never> = new Array<undefined>(WIDTH).fill(undefined);

/** A map with no entries. */
export const emptyMap = <V>(): PersistentMap<V> => ({ size: 0, root: emptySlots });

/** The value under `key`, if any. */
export const mapGet = <V>(map: PersistentMap<V>, key: string): V | undefined => {
  const hash = hashOf(key);
  let slots = map.root;
  for (let level = 0; ; level++) {
    const slot = slots[indexAt(hash, level)];
    if (slot === undefined) return undefined;
    if ('trie' in slot) slots = slot.trie;
    else return slot.find((e) => e[0] === key)?.[1];
  }
};

const split = <V>(entries: readonly Entry<V>[], level: number): Slots<V> =>
  entries.reduce<Slots<V>>((slots, e) => insert(slots, e, hashOf(e[0]), level).slots, emptySlots);

const insert = <V>(
  slots: Slots<V>,
  entry: Entry<V>,
  hash: number,
  level: number,
): { readonly slots: Slots<V>; readonly added: boolean } => {
  const i = indexAt(hash, level);
  const slot = slots[i];
  let next: Slot<V>;
  let added = true;
  if (slot !== undefined && 'trie' in slot) {
    const inner = insert(slot.trie, entry, hash, level + 1);
    next = { trie: inner.slots };
    added = inner.added;
  } else {
    const bucket = slot ?? [];
    const at = bucket.findIndex((e) => e[0] === entry[0]);
    added = at < 0;
    // At its exact length: a spread reserves room for ~16 more entries, kept as long as the map.
    const entries = added ? appended(bucket, entry) : bucket.map((e, j) => (j === at ? entry : e));
    next = entries.length > BUCKET && level < LAST_LEVEL ? { trie: split(entries, level + 1) } : entries;
  }
  const copy = slots.slice();
  copy[i] = next;
  return { slots: copy, added };
};

/** A map with `key` set to `value`; `map` is unchanged. */
export const mapSet = <V>(map: PersistentMap<V>, key: string, value: V): PersistentMap<V> => {
  const { slots, added } = insert(map.root, [key, value], hashOf(key), 0);
  return { size: added ? map.size + 1 : map.size, root: slots };
};

/** Every entry, in no particular order. */
export const mapEntries = <V>(map: PersistentMap<V>): [string, V][] => {
  const out: [string, V][] = [];
  const walk = (slots: Slots<V>) => {
    for (const slot of slots) {
      if (slot === undefined) continue;
      if ('trie' in slot) walk(slot.trie);
      else for (const [k, v] of slot) out.push([k, v]);
    }
  };
  walk(map.root);
  return out;
};

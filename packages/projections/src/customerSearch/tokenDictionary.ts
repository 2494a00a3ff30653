import { appended } from '@tillstream/domain';

/**
 * Search keys with the customers (interned as numbers) that hold each, answering prefix queries.
 * Keys sit in a large sorted array plus a small sorted side array; new keys wait unsorted until
 * the next query, so loading a million customers sorts once, and a live insert costs a merge of
 * the small array only. Keys whose postings empty out are dropped at the next large merge.
 * Callers add each (key, slot) pair once; a key removed and added again may be visited twice
 * until the next large merge, so callers de-duplicate the slots they collect.
 * Postings are visited in ascending slot order: a slot added below the last one (an edit of an
 * older customer) leaves its list to be sorted when a query next visits it, once, not on every add.
 */
export interface TokenDictionary {
  readonly add: (key: string, slot: number) => void;
  readonly remove: (key: string, slot: number) => void;
  /** Calls `visit` with the postings (ascending) of every key starting with `prefix`; stops when it returns false. */
  readonly forPrefix: (prefix: string, visit: (postings: readonly number[]) => boolean | void) => void;
  /** `from` plus the postings of the keys starting with `prefix`, counted key by key until the sum reaches `bound`. */
  readonly countPrefix: (prefix: string, from: number, bound: number) => number;
  /** Whether some slot holds exactly `key`. */
  readonly has: (key: string) => boolean;
  /** How many keys are held (for measurements). */
  readonly size: () => number;
}

const SIDE_LIMIT = 4096;
// Postings lists up to this long are copied at their exact length when they grow; longer ones are pushed onto.
const EXACT_UP_TO = 16;

const merge = (a: readonly string[], b: readonly string[], keep: (key: string) => boolean): string[] => {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let last: string | undefined;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const next = y === undefined || (x !== undefined && x <= y) ? (i++, x) : (j++, y);
    if (next !== undefined && next !== last && keep(next)) out.push(next);
    last = next;
  }
  return out;
};

/** First index whose key is ≥ `key`. */
const lowerBound = (keys: readonly string[], key: string): number => {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Creates an empty dictionary. */
export const tokenDictionary = (): TokenDictionary => {
  const postings = new Map<string, number[]>();
  let main: string[] = [];
  let side: string[] = [];
  let pending: string[] = [];
  const alive = (key: string) => postings.has(key);
  // Lists that had a slot appended below their last one; sorted when next visited.
  const unsorted = new Set<number[]>();
  const ascending = (a: number, b: number) => a - b;

  const settle = () => {
    if (pending.length === 0) return;
    pending.sort();
    side = merge(side, pending, alive);
    pending = [];
    if (side.length > SIDE_LIMIT) {
      main = merge(main, side, alive);
      side = [];
    }
  };

  const scan = (keys: readonly string[], prefix: string, visit: (p: readonly number[]) => boolean | void) => {
    for (let i = lowerBound(keys, prefix); i < keys.length; i++) {
      const key = keys[i] as string;
      if (!key.startsWith(prefix)) return true;
      const list = postings.get(key);
      if (list === undefined) continue;
      // A list with a few slots out of place is one long run and a short one: a near-linear sort.
      if (unsorted.size > 0 && unsorted.delete(list)) list.sort(ascending);
      if (visit(list) === false) return false;
    }
    return true;
  };

  // A loop of its own rather than `forPrefix` with a counting callback: a query calls it once per
  // condition and field, and should allocate nothing.
  const count = (keys: readonly string[], prefix: string, from: number, bound: number) => {
    let sum = from;
    for (let i = lowerBound(keys, prefix); i < keys.length && sum < bound; i++) {
      const key = keys[i] as string;
      if (!key.startsWith(prefix)) break;
      sum += postings.get(key)?.length ?? 0;
    }
    return sum;
  };

  return {
    add: (key, slot) => {
      const list = postings.get(key);
      if (list === undefined) {
        postings.set(key, [slot]);
        pending.push(key);
      } else {
        const last = list[list.length - 1] as number;
        if (last === slot) return;
        if (list.length < EXACT_UP_TO) {
          // Most keys are held by a few customers: a push would reserve room for ~16 more slots in each.
          const grown = appended(list, slot);
          postings.set(key, grown);
          if (unsorted.delete(list) || slot < last) unsorted.add(grown);
        } else {
          list.push(slot);
          if (slot < last) unsorted.add(list);
        }
      }
    },
    remove: (key, slot) => {
      const list = postings.get(key);
      if (list === undefined) return;
      // From the end: slots are appended as customers come, and the one edited is most often recent.
      const at = list.lastIndexOf(slot);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) {
        postings.delete(key);
        unsorted.delete(list);
      }
    },
    forPrefix: (prefix, visit) => {
      settle();
      if (scan(side, prefix, visit)) scan(main, prefix, visit);
    },
    countPrefix: (prefix, from, bound) => {
      settle();
      const sum = count(side, prefix, from, bound);
      return sum < bound ? count(main, prefix, sum, bound) : sum;
    },
    has: (key) => postings.has(key),
    size: () => postings.size,
  };
};

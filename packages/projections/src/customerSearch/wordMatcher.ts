import type { TextField } from './customerDocument';
import { fieldMask, type CustomerIndex } from './customerIndex';

/** One condition on a text field: `key` must start a word of one of `fields`. */
export interface WordCondition {
  readonly fields: readonly TextField[];
  readonly key: string;
}

/**
 * The best slots of the last `match`, best first: `slots[0 .. count)`. Owned by the matcher and
 * overwritten by its next `match`, so read it before searching again.
 */
export interface RankedSlots {
  readonly slots: Int32Array;
  readonly count: number;
}

/** Finds the slots satisfying every word condition, reusing its buffers from query to query. */
export interface WordMatcher {
  /**
   * Slots matching every condition, ranked by how many keys matched whole words, then by slot;
   * at most `limit`. Candidates are met in slot order, so the search stops once `limit` of them
   * reached the best score the dictionary allows (a key no customer holds as a whole word in its
   * fields can only match as a prefix): nothing met later can outrank them. `within` restricts
   * the candidates to those slots (all of them are checked).
   */
  readonly match: (
    conditions: readonly WordCondition[],
    limit: number,
    within?: readonly number[],
  ) => RankedSlots;
}

const NO_SLOTS: RankedSlots = { slots: new Int32Array(0), count: 0 };

// What checking one candidate on its key string costs, in postings marked or tested on the marks
// (measured at 100k customers; at 1M both are cache misses more often).
const CHECK_COST = 24;

/**
 * Creates the matcher of one index. Everything a query needs is kept here and reused (searches are
 * synchronous): marks over the slots with a fresh pair of stamps per query, so no pass clears them
 * (bit sets were tried: clearing them costs more than their smaller footprint saves); the ranked
 * buffer; the merge heap and the buffer of an intersection; the visitors of posting lists, created
 * once. A query allocates next to nothing here, which keeps young-generation collections (slow
 * with a million customers in the old generation) away from the search path.
 *
 * A query with one condition walks its postings in slot order (a merge of the lists of the keys
 * it starts), checking each customer's key string, and stops at the `limit`-th customer with the
 * best possible score. With more conditions, that walk is taken when it should stop early — the
 * other conditions are common enough (by their posting counts, as if words were independent) for
 * `limit` best-scored customers to turn up soon — and is cut short, if they do not, once it has
 * cost what intersecting would. Otherwise the two cheapest conditions are intersected on the
 * marks, and the intersection sorted and checked in slot order, stopping the same way.
 */
export const wordMatcher = (index: CustomerIndex): WordMatcher => {
  // A slot marked `seen` is in the cheapest condition's postings; `both`, in the next one's as well.
  // Older stamps mean nothing.
  let marks = new Uint16Array(0);
  let stamp = 1;
  let seen = 0;
  let both = 0;

  // The conditions of the current query, as masks and keys in the caller's order.
  let masks = new Int32Array(8);
  const keys: string[] = [];
  let conditionCount = 0;
  let bestScore = 0;

  // The best `limit` slots so far, best first.
  let slots = new Int32Array(32);
  let scores = new Int32Array(32);
  let limit = 0;
  let count = 0;
  let best = 0;
  let done = false;
  const ranked = { slots, count: 0 };

  // The order in which conditions are costed, and the two cheapest so far.
  let byLength = new Int32Array(8);
  let rankedCost = new Float64Array(8);
  let rankedCondition = new Int32Array(8);

  // The cheapest condition's lists, merged by a heap of list numbers keyed by their next slot.
  const lists: (readonly number[])[] = [];
  let cursors = new Int32Array(16);
  let heap = new Int32Array(16);
  let heapSize = 0;
  // The intersection left after an abandoned walk.
  let found = new Int32Array(1024);
  let foundCount = 0;
  let after = -1;

  const freshStamps = () => {
    if (marks.length < index.capacity()) {
      // Room to grow, so live registrations do not reallocate the marks query after query.
      marks = new Uint16Array(Math.max(1024, index.capacity() * 2));
      stamp = 1;
    }
    if (stamp + 2 > 0xffff) {
      marks.fill(0);
      stamp = 1;
    }
    seen = stamp;
    both = stamp + 1;
    stamp += 2;
  };

  /** Keeps the slot if it is among the best `limit`: higher score first, then lower slot. */
  const offer = (slot: number, score: number) => {
    let at = count;
    if (count === limit) {
      const lastScore = scores[limit - 1] as number;
      if (score < lastScore || (score === lastScore && slot > (slots[limit - 1] as number))) return;
      at--;
    } else count++;
    while (at > 0) {
      const s = scores[at - 1] as number;
      if (s > score || (s === score && (slots[at - 1] as number) < slot)) break;
      slots[at] = slots[at - 1] as number;
      scores[at] = s;
      at--;
    }
    slots[at] = slot;
    scores[at] = score;
  };

  /** Checks every condition on one candidate by its key string, and ranks it. */
  const consider = (slot: number) => {
    let score = 0;
    for (let c = 0; c < conditionCount; c++) {
      const match = index.matchWord(slot, masks[c] as number, keys[c] as string);
      if (match === 0) return;
      score += match;
    }
    offer(slot, score);
    // Met in slot order, so `limit` best-scored candidates cannot be outranked by later ones.
    if (score === bestScore && ++best >= limit) done = true;
  };

  // Posting visitors, created once: tight loops over the postings, no callback per slot.
  const gather = (postings: readonly number[]) => {
    if (postings.length > 0) lists.push(postings);
  };
  const mark = (postings: readonly number[]) => {
    for (let i = 0; i < postings.length; i++) {
      const slot = postings[i] as number;
      if (slot > after) marks[slot] = seen;
    }
  };
  const keep = (postings: readonly number[]) => {
    for (let i = 0; i < postings.length; i++) {
      const slot = postings[i] as number;
      if (marks[slot] !== seen) continue;
      marks[slot] = both;
      if (foundCount === found.length) {
        const grown = new Int32Array(found.length * 2);
        grown.set(found);
        found = grown;
      }
      found[foundCount++] = slot;
    }
  };

  const prepare = (conditions: readonly WordCondition[], max: number) => {
    conditionCount = conditions.length;
    if (masks.length < conditionCount) {
      masks = new Int32Array(conditionCount * 2);
      byLength = new Int32Array(conditionCount * 2);
      rankedCost = new Float64Array(conditionCount * 2);
      rankedCondition = new Int32Array(conditionCount * 2);
    }
    keys.length = 0;
    for (let c = 0; c < conditionCount; c++) {
      const { fields, key } = conditions[c] as WordCondition;
      masks[c] = fieldMask(fields);
      keys.push(key);
    }
    if (slots.length < max) {
      slots = new Int32Array(max);
      scores = new Int32Array(max);
      ranked.slots = slots;
    }
    limit = max;
    count = 0;
    best = 0;
    done = false;
  };

  /** The best score a customer can reach: 2 for each key some customer holds whole in its fields, else 1. */
  const bestPossible = (conditions: readonly WordCondition[]) => {
    let score = 0;
    for (let c = 0; c < conditionCount; c++) {
      const { fields, key } = conditions[c] as WordCondition;
      let whole = false;
      for (let f = 0; f < fields.length && !whole; f++) whole = index.hasWord(fields[f] as TextField, key);
      score += whole ? 2 : 1;
    }
    return score;
  };

  /**
   * Ranks the conditions by posting count, longest keys costed first so the cheap ones set the
   * bound early; the two cheapest end up first in `rankedCondition`.
   */
  const rankByCost = (conditions: readonly WordCondition[]) => {
    for (let c = 0; c < conditionCount; c++) {
      // A stable insertion by key length, longest first.
      let at = c;
      const length = (conditions[c] as WordCondition).key.length;
      while (at > 0 && (conditions[byLength[at - 1] as number] as WordCondition).key.length < length) {
        byLength[at] = byLength[at - 1] as number;
        at--;
      }
      byLength[at] = c;
    }
    for (let r = 0; r < conditionCount; r++) {
      const c = byLength[r] as number;
      const { fields, key } = conditions[c] as WordCondition;
      const bound = r >= 2 ? (rankedCost[1] as number) : Infinity;
      let cost = 0;
      for (let f = 0; f < fields.length; f++)
        cost = index.countPrefix(fields[f] as TextField, key, cost, bound);
      // A stable insertion by cost: after every condition that costs as much.
      let at = r;
      while (at > 0 && (rankedCost[at - 1] as number) > cost) {
        rankedCost[at] = rankedCost[at - 1] as number;
        rankedCondition[at] = rankedCondition[at - 1] as number;
        at--;
      }
      rankedCost[at] = cost;
      rankedCondition[at] = c;
    }
  };

  const headOf = (list: number) => (lists[list] as readonly number[])[cursors[list] as number] as number;

  const siftDown = (from: number) => {
    let at = from;
    const item = heap[at] as number;
    const key = headOf(item);
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heapSize) break;
      if (child + 1 < heapSize && headOf(heap[child + 1] as number) < headOf(heap[child] as number)) child++;
      if (headOf(heap[child] as number) >= key) break;
      heap[at] = heap[child] as number;
      at = child;
    }
    heap[at] = item;
  };

  /** Sets up the merge of the gathered lists: every list at its first slot, the lowest on top. */
  const openMerge = () => {
    if (cursors.length < lists.length) {
      cursors = new Int32Array(lists.length * 2);
      heap = new Int32Array(lists.length * 2);
    }
    heapSize = lists.length;
    for (let l = 0; l < heapSize; l++) {
      cursors[l] = 0;
      heap[l] = l;
    }
    for (let at = (heapSize >> 1) - 1; at >= 0; at--) siftDown(at);
  };

  /** The next slot of the merge (lists share slots: a customer with two matching words), or -1. */
  const nextSlot = (): number => {
    if (heapSize === 0) return -1;
    const top = heap[0] as number;
    const slot = headOf(top);
    cursors[top] = (cursors[top] as number) + 1;
    if ((cursors[top] as number) >= (lists[top] as readonly number[]).length)
      heap[0] = heap[--heapSize] as number;
    if (heapSize > 0) siftDown(0);
    return slot;
  };

  /** Walks the cheapest condition's postings in slot order until `budget` candidates; false if cut short. */
  const walk = (driver: WordCondition, budget: number): boolean => {
    for (let f = 0; f < driver.fields.length; f++)
      index.forPrefix(driver.fields[f] as TextField, driver.key, gather);
    openMerge();
    let visited = 0;
    for (let slot = nextSlot(); slot >= 0 && !done; slot = nextSlot()) {
      if (slot === after) continue;
      after = slot;
      consider(slot);
      if (++visited >= budget && !done) return heapSize === 0;
    }
    return true;
  };

  /**
   * The rest of the cheapest condition after `after`, intersected with the next one on the marks,
   * checked in slot order. The next one's lists are merged in slot order and each marked slot
   * checked as met, so the scan stops at the `limit`-th best — when one list (no merge to pay for)
   * or when the intersection should be large enough for that stop to come early; otherwise the
   * intersection is collected whole, then sorted.
   */
  const intersect = (driver: WordCondition, other: WordCondition) => {
    for (let f = 0; f < driver.fields.length; f++)
      index.forPrefix(driver.fields[f] as TextField, driver.key, mark);
    lists.length = 0;
    for (let f = 0; f < other.fields.length; f++)
      index.forPrefix(other.fields[f] as TextField, other.key, gather);
    if (lists.length === 1 || expectedMatches() > 2 * limit * (1 + Math.log2(lists.length))) {
      openMerge();
      for (let slot = nextSlot(); slot >= 0 && !done; slot = nextSlot()) {
        if (marks[slot] !== seen) continue;
        marks[slot] = both;
        consider(slot);
      }
      return;
    }
    foundCount = 0;
    for (let l = 0; l < lists.length; l++) keep(lists[l] as readonly number[]);
    const order = found.subarray(0, foundCount).sort();
    for (let i = 0; i < order.length && !done; i++) consider(order[i] as number);
  };

  /** Candidates expected to meet every condition if words were independent (counts past the second are bounded below). */
  const expectedMatches = (): number => {
    const population = Math.max(1, index.size());
    let expected = rankedCost[0] as number;
    for (let r = 1; r < conditionCount; r++) expected *= Math.min(1, (rankedCost[r] as number) / population);
    return expected;
  };

  /** What walking the cheapest condition to the stop should cost, in postings: its expected visits times a check. */
  const walkCost = (): number => {
    // Erring towards intersecting: the counts past the second condition are bounded below.
    const expected = expectedMatches();
    if (expected < limit) return Infinity;
    return ((limit * (rankedCost[0] as number)) / expected) * CHECK_COST;
  };

  const match = (conditions: readonly WordCondition[], max: number, within?: readonly number[]) => {
    if (conditions.length === 0 || max <= 0) return NO_SLOTS;
    prepare(conditions, max);
    freshStamps();
    after = -1;
    if (within !== undefined) {
      // Identifier holders, in no particular order: each is checked (a customer held under two
      // identifier keys once), none skipped.
      bestScore = Infinity;
      for (let i = 0; i < within.length; i++) {
        const slot = within[i] as number;
        if (marks[slot] === seen) continue;
        marks[slot] = seen;
        consider(slot);
      }
    } else {
      rankByCost(conditions);
      const driver = conditions[rankedCondition[0] as number] as WordCondition;
      // A key nobody holds (most numeric queries' postal code) ends the query here.
      if ((rankedCost[0] as number) === 0) return NO_SLOTS;
      bestScore = bestPossible(conditions);
      if (conditionCount === 1) walk(driver, Infinity);
      else {
        const other = conditions[rankedCondition[1] as number] as WordCondition;
        const intersectCost = (rankedCost[0] as number) + (rankedCost[1] as number);
        if (walkCost() >= intersectCost || !walk(driver, intersectCost / CHECK_COST))
          intersect(driver, other);
      }
      lists.length = 0;
    }
    ranked.count = count;
    return ranked;
  };

  return { match };
};

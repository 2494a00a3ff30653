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
   * at most `limit`. Stops as soon as `limit` candidates matched every word whole, since nothing
   * met later can outrank them. `within` restricts the candidates (and is visited in its order).
   */
  readonly match: (
    conditions: readonly WordCondition[],
    limit: number,
    within?: readonly number[],
  ) => RankedSlots;
}

const NO_SLOTS: RankedSlots = { slots: new Int32Array(0), count: 0 };

/**
 * Creates the matcher of one index. Everything a query needs is kept here and reused (searches are
 * synchronous): marks over the slots with a fresh pair of stamps per query, so no pass clears them
 * (bit sets were tried: clearing them costs more than their smaller footprint saves); the ranked
 * buffer; the visitors of posting lists, created once. A query allocates nothing here,
 * which keeps young-generation collections (slow with a million customers in the old generation)
 * away from the search path.
 */
export const wordMatcher = (index: CustomerIndex): WordMatcher => {
  // A slot marked `seen` was met in the first condition (or visited at all); `both`, in both
  // (it has been considered). Older stamps mean nothing.
  let marks = new Uint16Array(0);
  let stamp = 1;
  let seen = 0;
  let both = 0;

  // The conditions of the current query, as masks and keys in the caller's order.
  let masks = new Int32Array(8);
  const keys: string[] = [];
  let conditionCount = 0;
  let fullScore = 0;

  // The best `limit` slots so far, best first.
  let slots = new Int32Array(32);
  let scores = new Int32Array(32);
  let limit = 0;
  let count = 0;
  let perfect = 0;
  let done = false;
  const ranked = { slots, count: 0 };

  // The order in which conditions are costed, and the two cheapest so far.
  let byLength = new Int32Array(8);
  let rankedCost = new Float64Array(8);
  let rankedCondition = new Int32Array(8);

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
    if (score === fullScore && ++perfect >= limit) done = true;
  };

  // Posting visitors, created once: tight loops over the postings, no callback per slot.
  const collect = (postings: readonly number[]) => {
    for (let i = 0; i < postings.length; i++) {
      const slot = postings[i] as number;
      if (marks[slot] === seen) continue;
      marks[slot] = seen;
      consider(slot);
      if (done) return false;
    }
    return true;
  };
  const mark = (postings: readonly number[]) => {
    for (let i = 0; i < postings.length; i++) marks[postings[i] as number] = seen;
  };
  const keep = (postings: readonly number[]) => {
    for (let i = 0; i < postings.length; i++) {
      const slot = postings[i] as number;
      if (marks[slot] !== seen) continue;
      marks[slot] = both;
      consider(slot);
      if (done) return false;
    }
    return true;
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
      const condition = conditions[c] as WordCondition;
      masks[c] = fieldMask(condition.fields);
      keys.push(condition.key);
    }
    fullScore = conditionCount * 2;
    if (slots.length < max) {
      slots = new Int32Array(max);
      scores = new Int32Array(max);
      ranked.slots = slots;
    }
    limit = max;
    count = 0;
    perfect = 0;
    done = false;
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

  const match = (conditions: readonly WordCondition[], max: number, within?: readonly number[]) => {
    if (conditions.length === 0 || max <= 0) return NO_SLOTS;
    prepare(conditions, max);
    freshStamps();
    // A customer held under two identifier keys is one candidate.
    if (within !== undefined) collect(within);
    else {
      // The two conditions with the fewest postings are intersected on the marks; every condition
      // is then checked, as each slot of the intersection is met, on that customer's key string.
      rankByCost(conditions);
      const driver = conditions[rankedCondition[0] as number] as WordCondition;
      if (conditionCount === 1) {
        for (let f = 0; f < driver.fields.length && !done; f++)
          index.forPrefix(driver.fields[f] as TextField, driver.key, collect);
      } else {
        const other = conditions[rankedCondition[1] as number] as WordCondition;
        for (let f = 0; f < driver.fields.length; f++)
          index.forPrefix(driver.fields[f] as TextField, driver.key, mark);
        for (let f = 0; f < other.fields.length && !done; f++)
          index.forPrefix(other.fields[f] as TextField, other.key, keep);
      }
    }
    ranked.count = count;
    return ranked;
  };

  return { match };
};

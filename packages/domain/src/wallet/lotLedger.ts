import { emptyMap, mapGet, mapSet, type PersistentMap } from './persistentMap';
import type { LotShare, PointsLot } from './pointsLot';

// One lot's place in the earning order, newest first: a lot earned now is pushed in front without
// copying the others.
interface Place {
  readonly lotId: string;
  readonly earnedAt: string;
  readonly older: Place | undefined;
}

/**
 * A wallet's points lots, oldest first (read them with `lotsOf`). A wallet earns a lot on most
 * paid orders and draws on a few with every redemption; an array copied or mapped on each of those
 * events made folding a long-lived wallet quadratic, so lots sit in a persistent map by id and
 * their order in a shared list, and an event touches only the lots it names.
 */
export interface LotLedger {
  /** How many lots, spent ones included. */
  readonly count: number;
  /** @internal */
  readonly byId: PersistentMap<PointsLot>;
  /** @internal */
  readonly newest: Place | undefined;
}

/** A ledger with no lots. */
export const emptyLotLedger: LotLedger = { count: 0, byId: emptyMap(), newest: undefined };

/**
 * Adds a lot after every lot earned at or before it (a lot earned now goes last at once; one
 * back-dated, e.g. moved in by a merge, re-links only the lots earned after it). Lot ids are unique.
 */
export const insertLot = (ledger: LotLedger, lot: PointsLot): LotLedger => {
  const later: Place[] = [];
  let place = ledger.newest;
  while (place !== undefined && place.earnedAt > lot.earnedAt) {
    later.push(place);
    place = place.older;
  }
  place = { lotId: lot.lotId, earnedAt: lot.earnedAt, older: place };
  for (let i = later.length - 1; i >= 0; i--) {
    const p = later[i] as Place;
    place = { lotId: p.lotId, earnedAt: p.earnedAt, older: place };
  }
  return { count: ledger.count + 1, byId: mapSet(ledger.byId, lot.lotId, lot), newest: place };
};

/** Takes shares from their lots (sign -1) or gives them back (sign +1); shares of unknown lots change nothing. */
export const applyShares = (ledger: LotLedger, shares: readonly LotShare[], sign: 1 | -1): LotLedger => {
  let byId = ledger.byId;
  for (const share of shares) {
    const lot = mapGet(byId, share.lotId);
    if (lot !== undefined)
      byId = mapSet(byId, share.lotId, { ...lot, remaining: lot.remaining + sign * share.points });
  }
  return byId === ledger.byId ? ledger : { ...ledger, byId };
};

// Ledgers are values: their lot list is built once, when first asked for.
const listed = new WeakMap<LotLedger, readonly PointsLot[]>();

/** Every lot of the ledger, spent ones included, oldest first. */
export const lotsOf = (ledger: LotLedger): readonly PointsLot[] => {
  const known = listed.get(ledger);
  if (known !== undefined) return known;
  const lots: PointsLot[] = new Array<PointsLot>(ledger.count);
  let i = ledger.count;
  for (let place = ledger.newest; place !== undefined; place = place.older)
    lots[--i] = mapGet(ledger.byId, place.lotId) as PointsLot;
  listed.set(ledger, lots);
  return lots;
};

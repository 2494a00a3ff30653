import * as t from 'io-ts';
import {
  isoInstant,
  nonEmptyString,
  nonNegativeInteger,
  positiveInteger,
  withOptional,
} from '../kernel/codecs';

/** Where points came from: an order paid under the earning rule, another shop rule, or a person. */
export type PointsSource =
  | { readonly kind: 'order'; readonly orderId: string; readonly ruleId?: string }
  | { readonly kind: 'rule'; readonly ruleId: string; readonly note?: string }
  | { readonly kind: 'manual'; readonly reason: string }
  | { readonly kind: 'adjustment'; readonly reason: string };

/** Codec of a points source. */
export const pointsSourceCodec: t.Type<PointsSource, PointsSource, unknown> = t.union([
  withOptional({ kind: t.literal('order'), orderId: nonEmptyString }, { ruleId: nonEmptyString }),
  withOptional({ kind: t.literal('rule'), ruleId: nonEmptyString }, { note: nonEmptyString }),
  t.type({ kind: t.literal('manual'), reason: nonEmptyString }),
  t.type({ kind: t.literal('adjustment'), reason: nonEmptyString }),
]);

/** The wallet a lot came from when a merge moved it. */
export interface LotOrigin {
  readonly customerId: string;
  readonly mergeId: string;
  readonly lotId: string;
}

/** Points granted together: their source, what is left of them, and when they lapse. */
export interface PointsLot {
  readonly lotId: string;
  readonly points: number;
  readonly remaining: number;
  readonly source: PointsSource;
  readonly earnedAt: string;
  readonly expiresAt?: string;
  readonly transferredFrom?: LotOrigin;
}

/** Codec of a lot as a merge transfer carries it. */
export const pointsLotCodec: t.Type<PointsLot, PointsLot, unknown> = withOptional(
  {
    lotId: nonEmptyString,
    points: positiveInteger,
    remaining: nonNegativeInteger,
    source: pointsSourceCodec,
    earnedAt: isoInstant,
  },
  {
    expiresAt: isoInstant,
    transferredFrom: t.type({ customerId: nonEmptyString, mergeId: nonEmptyString, lotId: nonEmptyString }),
  },
);

/** Points taken from (or given back to) one lot. */
export interface LotShare {
  readonly lotId: string;
  readonly points: number;
}

/** Codec of a lot share. */
export const lotShareCodec: t.Type<LotShare, LotShare, unknown> = t.type({
  lotId: nonEmptyString,
  points: positiveInteger,
});

/** True when the lot has lapsed at `now`. */
export const isExpired = (lot: PointsLot, now: Date): boolean =>
  lot.expiresAt !== undefined && Date.parse(lot.expiresAt) <= now.getTime();

/** Takes `points` from lots in the given order (oldest first); returns the shares and what could not be covered. */
export const takeFromLots = (
  lots: readonly PointsLot[],
  points: number,
): { readonly shares: readonly LotShare[]; readonly uncovered: number } => {
  const shares: LotShare[] = [];
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    if (take > 0) {
      shares.push({ lotId: lot.lotId, points: take });
      left -= take;
    }
  }
  return { shares, uncovered: left };
};

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { lotsOf } from './lotLedger';
import { mapEntries } from './persistentMap';
import type { LotShare, PointsLot } from './pointsLot';
import type { WalletEvent } from './walletEvents';
import { evolveWallet, initialWalletState, type OrderPoints, type WalletState } from './walletState';

// The fold as it was with arrays and records (copied on every event), kept as the reference.
interface Reference {
  readonly lots: readonly PointsLot[];
  readonly orderPoints: Readonly<Record<string, OrderPoints>>;
}
const none: OrderPoints = { earned: 0, earnedLots: [], redeemed: [] };
const refInsert = (lots: readonly PointsLot[], lot: PointsLot): readonly PointsLot[] => {
  const at = lots.findIndex((l) => l.earnedAt > lot.earnedAt);
  return at < 0 ? [...lots, lot] : [...lots.slice(0, at), lot, ...lots.slice(at)];
};
const refApply = (lots: readonly PointsLot[], shares: readonly LotShare[], sign: 1 | -1) =>
  lots.map((lot) => {
    const moved = shares.filter((s) => s.lotId === lot.lotId).reduce((sum, s) => sum + s.points, 0);
    return moved === 0 ? lot : { ...lot, remaining: lot.remaining + sign * moved };
  });
const refOrder = (r: Reference, orderId: string, f: (o: OrderPoints) => OrderPoints) => ({
  ...r.orderPoints,
  [orderId]: f(r.orderPoints[orderId] ?? none),
});
const refEvolve = (r: Reference, e: WalletEvent): Reference => {
  switch (e.type) {
    case 'PointsEarned': {
      const { lotId, points, source, earnedAt } = e.data;
      const lots = refInsert(r.lots, { lotId, points, remaining: points, source, earnedAt });
      if (source.kind !== 'order') return { ...r, lots };
      return {
        lots,
        orderPoints: refOrder(r, source.orderId, (o) => ({
          ...o,
          earned: o.earned + points,
          earnedLots: [...o.earnedLots, lotId],
        })),
      };
    }
    case 'PointsRedeemed':
      return {
        lots: refApply(r.lots, e.data.lots, -1),
        orderPoints: refOrder(r, e.data.orderId, (o) => ({
          ...o,
          redeemed: [...o.redeemed, ...e.data.lots],
        })),
      };
    case 'PointsEarningReversed':
      return {
        lots: refApply(r.lots, e.data.lots, -1),
        orderPoints: refOrder(r, e.data.orderId, (o) => ({ ...o, earned: 0, earnedLots: [] })),
      };
    case 'PointsRedemptionReversed':
      return {
        lots: refApply(r.lots, e.data.lots, 1),
        orderPoints: refOrder(r, e.data.orderId, (o) => ({ ...o, redeemed: [] })),
      };
    case 'PointsDeducted':
    case 'PointsExpired':
      return { ...r, lots: refApply(r.lots, e.data.lots, -1) };
    case 'PointsTransferredOut':
      return { ...r, lots: [] };
    case 'PointsTransferredIn':
      return {
        lots: e.data.lots.reduce(refInsert, r.lots),
        orderPoints: e.data.lots.reduce((orders, lot) => {
          const source = lot.source;
          return source.kind === 'order'
            ? refOrder({ ...r, orderPoints: orders }, source.orderId, (o) => ({
                ...o,
                earned: o.earned + lot.remaining,
                earnedLots: [...o.earnedLots, lot.lotId],
              }))
            : orders;
        }, r.orderPoints),
      };
    case 'OrderClaimsTransferredOut':
      return { ...r, orderPoints: {} };
    case 'OrderClaimsTransferredIn':
      return {
        lots: e.data.spentLots.reduce(refInsert, r.lots),
        orderPoints: e.data.redemptions.reduce(
          (orders, c) =>
            refOrder({ ...r, orderPoints: orders }, c.orderId, (o) => ({
              ...o,
              redeemed: [...o.redeemed, ...c.lots],
            })),
          r.orderPoints,
        ),
      };
    default:
      return r;
  }
};

const instant = fc.constantFrom(
  '2026-01-01T00:00:00.000Z',
  '2026-02-01T00:00:00.000Z',
  '2026-03-01T00:00:00.000Z',
);
const orderId = fc.constantFrom('o1', 'o2', '7', '3');
const shares = fc.array(
  fc.record({
    lotId: fc.integer({ min: 0, max: 12 }).map((n) => `lot-${n}`),
    points: fc.integer({ min: 1, max: 5 }),
  }),
  { maxLength: 4 },
);
const source = fc.oneof(
  orderId.map((id) => ({ kind: 'order' as const, orderId: id })),
  fc.constant({ kind: 'manual' as const, reason: 'promo' }),
);
const lot = (lotId: string) =>
  fc
    .record({ points: fc.integer({ min: 1, max: 50 }), source, earnedAt: instant })
    .map((l): PointsLot => ({ lotId, ...l, remaining: l.points }));
// Events by kind, given a fresh lot id; amounts are arbitrary (the fold takes balances from the events).
const event = (n: number): fc.Arbitrary<WalletEvent> =>
  fc.oneof(
    {
      arbitrary: lot(`lot-${n}`).map((l): WalletEvent => ({
        type: 'PointsEarned',
        data: { ...l, balanceAfter: 0 },
      })),
      weight: 4,
    },
    fc.record({ orderId, lots: shares }).map((d): WalletEvent => ({
      type: 'PointsRedeemed',
      data: { ...d, movementId: 'm', orderLineId: 'l', points: 1, balanceAfter: 0 },
    })),
    fc.record({ orderId, lots: shares }).map((d): WalletEvent => ({
      type: 'PointsEarningReversed',
      data: { ...d, movementId: 'm', points: 1, unrecovered: 0, balanceAfter: 0 },
    })),
    fc.record({ orderId, lots: shares }).map((d): WalletEvent => ({
      type: 'PointsRedemptionReversed',
      data: { ...d, movementId: 'm', points: 1, balanceAfter: 0 },
    })),
    shares.map((lots): WalletEvent => ({
      type: 'PointsExpired',
      data: { lots, points: 1, expiredAt: '2026-04-01T00:00:00.000Z', balanceAfter: 0 },
    })),
    fc.constant<WalletEvent>({
      type: 'PointsTransferredOut',
      data: { movementId: 'm', mergeId: 'g', toCustomerId: 'c2', points: 0, lots: [], balanceAfter: 0 },
    }),
    fc.tuple(lot(`in-${n}-a`), lot(`in-${n}-b`)).map((lots): WalletEvent => ({
      type: 'PointsTransferredIn',
      data: { movementId: 'm', mergeId: 'g', fromCustomerId: 'c2', points: 0, lots, balanceAfter: 0 },
    })),
    fc.constant<WalletEvent>({
      type: 'OrderClaimsTransferredOut',
      data: { movementId: 'm', mergeId: 'g', toCustomerId: 'c2', orders: [], redemptions: [], spentLots: [] },
    }),
    fc.tuple(lot(`spent-${n}`), orderId, shares).map(([spent, id, lots]): WalletEvent => ({
      type: 'OrderClaimsTransferredIn',
      data: {
        movementId: 'm',
        mergeId: 'g',
        fromCustomerId: 'c2',
        orders: [],
        redemptions: [{ orderId: id, lots }],
        spentLots: [{ ...spent, remaining: 0 }],
      },
    })),
  );

const orderPointsRecord = (s: WalletState) => Object.fromEntries(mapEntries(s.orderPoints));

/** Slots (array elements, object fields) reachable from `next` in objects not reachable from `prev`: what an event built anew. */
const builtAnew = (prev: unknown, next: unknown): number => {
  const reachable = (root: unknown, seen = new Set<object>()) => {
    const stack = [root];
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null || seen.has(v)) continue;
      seen.add(v);
      for (const child of Object.values(v)) stack.push(child);
    }
    return seen;
  };
  const old = reachable(prev);
  let slots = 0;
  for (const o of reachable(next)) if (!old.has(o)) slots += Object.keys(o).length;
  return slots;
};

describe('folding a wallet scales with its events, not with its lots and orders', () => {
  it('folds any points events to the same lots (oldest first) and order points as the copying fold did', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 40 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => event(i)))),
        (events) => {
          const state = events.reduce(evolveWallet, initialWalletState());
          const reference = events.reduce(refEvolve, { lots: [], orderPoints: {} });
          expect(lotsOf(state.lots)).toEqual(reference.lots);
          expect(orderPointsRecord(state)).toEqual(reference.orderPoints);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('builds a bounded amount anew per event, however many lots and orders a wallet of 20,000 points events holds', () => {
    // A busy loyalty wallet: each order earns a lot, every other one redeems from the oldest lots,
    // some are voided, lots lapse.
    const events: WalletEvent[] = [];
    const live: { lotId: string; remaining: number }[] = [];
    let oldest = 0;
    const take = (points: number): LotShare[] => {
      const out: LotShare[] = [];
      while (points > 0 && oldest < live.length) {
        const l = live[oldest] as { lotId: string; remaining: number };
        const n = Math.min(points, l.remaining);
        out.push({ lotId: l.lotId, points: n });
        l.remaining -= n;
        points -= n;
        if (l.remaining === 0) oldest++;
      }
      return out;
    };
    for (let i = 0; events.length < 20_000; i++) {
      const orderId = `order-${i}`;
      const earnedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      live.push({ lotId: `lot-${i}`, remaining: 10 });
      events.push({
        type: 'PointsEarned',
        data: {
          lotId: `lot-${i}`,
          points: 10,
          source: { kind: 'order', orderId },
          earnedAt,
          balanceAfter: 0,
        },
      });
      if (i % 2 === 1) {
        const lots = take(12);
        events.push({
          type: 'PointsRedeemed',
          data: { movementId: `r-${i}`, orderId, orderLineId: 'l1', points: 12, lots, balanceAfter: 0 },
        });
        if (i % 10 === 1)
          events.push({
            type: 'PointsRedemptionReversed',
            data: { movementId: `v-${i}`, orderId, points: 12, lots, balanceAfter: 0 },
          });
      }
      if (i % 7 === 0)
        events.push({
          type: 'PointsExpired',
          data: { points: 3, lots: take(3), expiredAt: earnedAt, balanceAfter: 0 },
        });
    }
    const states: WalletState[] = [initialWalletState()];
    for (const e of events) states.push(evolveWallet(states[states.length - 1] as WalletState, e));

    const last = states[states.length - 1] as WalletState;
    expect(last.lots.count).toBeGreaterThan(9_000);
    expect(last.orderPoints.size).toBeGreaterThan(9_000);
    // Every kind of event, late in the stream: a copying fold builds ≥ 9,000 slots for each.
    const late = ['PointsEarned', 'PointsRedeemed', 'PointsRedemptionReversed', 'PointsExpired'].map((type) =>
      events.map((e) => e.type).lastIndexOf(type as WalletEvent['type']),
    );
    for (const i of late) {
      expect(i).toBeGreaterThan(19_000);
      expect(builtAnew(states[i], states[i + 1])).toBeLessThan(1_000);
    }
  });
});

import * as t from 'io-ts';
import { nonEmptyString, nonNegativeInteger } from '../kernel/codecs';
import { lotsOf } from './lotLedger';
import { mapEntries } from './persistentMap';
import { lotShareCodec, pointsLotCodec, type LotShare, type PointsLot } from './pointsLot';
import type { WalletState } from './walletState';

/** Money one order took from a wallet and how much of it came back. */
export interface OrderMoneyClaim {
  readonly orderId: string;
  readonly spent: number;
  readonly refunded: number;
}

/** Points an order redeemed from a wallet's lots, still open to reversal. */
export interface OrderRedemptionClaim {
  readonly orderId: string;
  readonly lots: readonly LotShare[];
}

/**
 * What a wallet owes back to its orders if they are voided: their open spends and redemptions,
 * and the used-up lots those redemptions drew on (live lots move with the points). A merge moves
 * these with the balance, so a void after the merge can refund to the survivor.
 */
export interface OrderClaims {
  readonly orders: readonly OrderMoneyClaim[];
  readonly redemptions: readonly OrderRedemptionClaim[];
  readonly spentLots: readonly PointsLot[];
}

/** Codec of order claims. */
export const orderClaimsCodec = t.type({
  orders: t.readonlyArray(
    t.type({ orderId: nonEmptyString, spent: nonNegativeInteger, refunded: nonNegativeInteger }),
  ),
  redemptions: t.readonlyArray(t.type({ orderId: nonEmptyString, lots: t.readonlyArray(lotShareCodec) })),
  spentLots: t.readonlyArray(pointsLotCodec),
});

/** The claims a wallet holds: orders with money not yet refunded, orders with redeemed points. */
export const claimsOf = (s: WalletState): OrderClaims => {
  const orders = mapEntries(s.orders)
    .filter(([, o]) => o.spent > o.refunded)
    .map(([orderId, o]) => ({ orderId, spent: o.spent, refunded: o.refunded }))
    .sort((a, b) => a.orderId.localeCompare(b.orderId));
  const redemptions = mapEntries(s.orderPoints)
    .filter(([, o]) => o.redeemed.length > 0)
    .map(([orderId, o]) => ({ orderId, lots: o.redeemed }))
    .sort((a, b) => a.orderId.localeCompare(b.orderId));
  const drawnOn = new Set(redemptions.flatMap((r) => r.lots.map((l) => l.lotId)));
  const spentLots = lotsOf(s.lots).filter((l) => l.remaining === 0 && drawnOn.has(l.lotId));
  return { orders, redemptions, spentLots };
};

/** True when there is nothing to carry. */
export const noClaims = (c: OrderClaims): boolean => c.orders.length === 0 && c.redemptions.length === 0;

/** The claims as the survivor holds them: lot ids renamed the way a merge renames moved lots. */
export const claimsMovedIn = (c: OrderClaims, mergeId: string, fromCustomerId: string): OrderClaims => {
  const renamed = (lotId: string) => `${mergeId}:${lotId}`;
  return {
    orders: c.orders,
    redemptions: c.redemptions.map((r) => ({
      orderId: r.orderId,
      lots: r.lots.map((l) => ({ lotId: renamed(l.lotId), points: l.points })),
    })),
    spentLots: c.spentLots.map((l) => ({
      ...l,
      lotId: renamed(l.lotId),
      transferredFrom: { customerId: fromCustomerId, mergeId, lotId: l.lotId },
    })),
  };
};

import type { WalletPolicy } from './walletPolicy';

/** How an order was paid, in minor units; only money paid earns points. */
export interface PaidAmounts {
  readonly paidWithMoney: number;
  readonly paidWithPoints?: number;
}

/**
 * Points an order earns under the shop's rule: `pointsPerUnit` for every whole currency unit paid
 * with money (cents are cut, never rounded up); what was paid with points earns nothing.
 */
export const pointsEarnedFor = (policy: WalletPolicy, paid: PaidAmounts): number =>
  paid.paidWithMoney <= 0
    ? 0
    : // Floored again so a rate that is not whole (refused by createTillstream) still earns whole points.
      Math.floor(Math.floor(paid.paidWithMoney / policy.minorUnitsPerUnit) * policy.earning.pointsPerUnit);

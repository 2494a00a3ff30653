import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '../testing/deciderSpecification';
import { lotsOf } from './lotLedger';
import { walletDecider } from './walletDecider';
import type { PointsEarned, WalletEvent } from './walletEvents';
import { as, cmd, testPolicy, T0 } from './walletTestKit';

const spec = deciderSpecification(walletDecider(testPolicy));

const earned = (lotId: string, points: number, balanceAfter: number, at = T0): PointsEarned => ({
  type: 'PointsEarned',
  data: {
    lotId,
    points,
    source: { kind: 'order', orderId: `order-${lotId}` },
    earnedAt: at,
    expiresAt: new Date(Date.parse(at) + 30 * 86_400_000).toISOString(),
    balanceAfter,
  },
});
const redeemed = (
  orderId: string,
  lots: { lotId: string; points: number }[],
  balanceAfter: number,
): WalletEvent => ({
  type: 'PointsRedeemed',
  data: {
    movementId: `redeem-${orderId}`,
    orderId,
    orderLineId: 'line-1',
    points: lots.reduce((s, l) => s + l.points, 0),
    lots,
    balanceAfter,
  },
});

describe('loyalty points', () => {
  it('are earned as a lot named by the command, with its source and its expiry under shop policy', () => {
    spec
      .given([])
      .when(cmd('EarnPoints', { points: 42, source: { kind: 'order', orderId: 'o1', ruleId: 'default' } }))
      .then([
        {
          type: 'PointsEarned',
          data: {
            lotId: 'c1',
            points: 42,
            source: { kind: 'order', orderId: 'o1', ruleId: 'default' },
            earnedAt: T0,
            expiresAt: '2026-03-31T10:00:00.000Z',
            balanceAfter: 42,
          },
        },
      ]);
  });

  it('granted by hand need a reason', () => {
    spec
      .given([])
      .when(cmd('EarnPoints', { points: 5, source: { kind: 'manual', reason: ' ' } }))
      .thenFails('wallet.reason_required');
    spec
      .given([])
      .when(cmd('EarnPoints', { points: 5, source: { kind: 'rule', ruleId: 'birthday' } }))
      .thenState((s) => expect(lotsOf(s.lots)[0]?.source).toEqual({ kind: 'rule', ruleId: 'birthday' }));
  });

  it('pay an order line oldest lot first, and the redemption names the lots it drew on', () => {
    spec
      .given([earned('a', 10, 10), earned('b', 20, 30, '2026-03-01T11:00:00.000Z')])
      .when(
        cmd(
          'RedeemPoints',
          { orderId: 'o9', orderLineId: 'line-1', points: 15 },
          { id: 'redeem-o9', now: '2026-03-02T00:00:00.000Z' },
        ),
      )
      .then([
        redeemed(
          'o9',
          [
            { lotId: 'a', points: 10 },
            { lotId: 'b', points: 5 },
          ],
          15,
        ),
      ]);
  });

  it('answer "where did these points come from" from the lots alone', () => {
    spec
      .given([earned('a', 10, 10), redeemed('o9', [{ lotId: 'a', points: 4 }], 6)])
      .when(cmd('EarnPoints', { points: 3, source: { kind: 'manual', reason: 'apology' } }, { id: 'gift' }))
      .thenState((s) =>
        expect(lotsOf(s.lots).map((l) => [l.lotId, l.remaining, l.source])).toEqual([
          ['a', 6, { kind: 'order', orderId: 'order-a' }],
          ['gift', 3, { kind: 'manual', reason: 'apology' }],
        ]),
      );
  });

  it('cannot pay more than the customer has, naming both figures', () => {
    const error = spec
      .given([earned('a', 10, 10)])
      .when(cmd('RedeemPoints', { orderId: 'o1', orderLineId: 'l1', points: 11 }))
      .thenFails('points.insufficient');
    expect(error.details).toEqual({ balance: 10, points: 11 });
  });

  it('lapse under shop policy: lapsed lots are written off first and never spent', () => {
    const later = '2026-04-01T00:00:00.000Z';
    spec
      .given([earned('old', 10, 10), earned('new', 5, 15, '2026-03-20T00:00:00.000Z')])
      .when(
        cmd('RedeemPoints', { orderId: 'o1', orderLineId: 'l1', points: 5 }, { id: 'redeem-o1', now: later }),
      )
      .then([
        {
          type: 'PointsExpired',
          data: { points: 10, lots: [{ lotId: 'old', points: 10 }], expiredAt: later, balanceAfter: 5 },
        },
        {
          type: 'PointsRedeemed',
          data: {
            movementId: 'redeem-o1',
            orderId: 'o1',
            orderLineId: 'l1',
            points: 5,
            lots: [{ lotId: 'new', points: 5 }],
            balanceAfter: 0,
          },
        },
      ]);
    spec
      .given([earned('old', 10, 10)])
      .when(cmd('RedeemPoints', { orderId: 'o1', orderLineId: 'l1', points: 1 }, { now: later }))
      .thenFails((e) => e.code === 'points.insufficient' && e.details['balance'] === 0);
    spec
      .given([earned('old', 10, 10)])
      .when(cmd('ExpirePoints', {}, { now: T0 }))
      .then([]);
  });

  it('are given back to their own lots when the order that redeemed them is voided', () => {
    spec
      .given([earned('a', 10, 10), redeemed('o9', [{ lotId: 'a', points: 4 }], 6)])
      .when(cmd('ReversePoints', { orderId: 'o9' }, { id: 'void-o9' }))
      .then([
        {
          type: 'PointsRedemptionReversed',
          data: {
            movementId: 'void-o9',
            orderId: 'o9',
            points: 4,
            lots: [{ lotId: 'a', points: 4 }],
            balanceAfter: 10,
          },
        },
      ]);
  });

  it('earned by a voided order are taken back, own lot first, reporting what was already spent', () => {
    // order-a earned 10; 8 of them paid for o9; the customer also has 3 from another order.
    spec
      .given([earned('a', 10, 10), earned('b', 3, 13), redeemed('o9', [{ lotId: 'a', points: 8 }], 5)])
      .when(cmd('ReversePoints', { orderId: 'order-a' }, { id: 'void-a' }))
      .then([
        {
          type: 'PointsEarningReversed',
          data: {
            movementId: 'void-a',
            orderId: 'order-a',
            points: 10,
            lots: [
              { lotId: 'a', points: 2 },
              { lotId: 'b', points: 3 },
            ],
            unrecovered: 5,
            balanceAfter: 0,
          },
        },
      ]);
  });

  it('reversal of an order that moved no points writes nothing, and a reversal is not repeated', () => {
    spec
      .given([earned('a', 10, 10)])
      .when(cmd('ReversePoints', { orderId: 'unknown' }))
      .then([]);
    const reversed: WalletEvent = {
      type: 'PointsEarningReversed',
      data: {
        movementId: 'v',
        orderId: 'order-a',
        points: 10,
        lots: [{ lotId: 'a', points: 10 }],
        unrecovered: 0,
        balanceAfter: 0,
      },
    };
    spec
      .given([earned('a', 10, 10), reversed])
      .when(cmd('ReversePoints', { orderId: 'order-a' }))
      .then([]);
  });

  it('are corrected by a manager with a reason: up as a new lot, down oldest lot first', () => {
    const manager = { actor: as('manager'), id: 'adj' };
    spec
      .given([])
      .when(cmd('AdjustPoints', { delta: 7, reason: 'lost card' }, manager))
      .thenState((s) =>
        expect(lotsOf(s.lots)).toEqual([
          expect.objectContaining({
            lotId: 'adj',
            remaining: 7,
            source: { kind: 'adjustment', reason: 'lost card' },
          }),
        ]),
      );
    spec
      .given([earned('a', 10, 10)])
      .when(cmd('AdjustPoints', { delta: -4, reason: 'double scan' }, manager))
      .then([
        {
          type: 'PointsDeducted',
          data: {
            movementId: 'adj',
            points: 4,
            reason: 'double scan',
            lots: [{ lotId: 'a', points: 4 }],
            balanceAfter: 6,
          },
        },
      ]);
    spec
      .given([earned('a', 10, 10)])
      .when(cmd('AdjustPoints', { delta: -11, reason: 'x' }, manager))
      .thenFails('points.insufficient');
    spec
      .given([])
      .when(cmd('AdjustPoints', { delta: 5, reason: '' }, manager))
      .thenFails('wallet.reason_required');
  });
});

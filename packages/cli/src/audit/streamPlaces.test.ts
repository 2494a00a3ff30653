import { describe, expect, it } from '@jest/globals';
import { streamPlaces } from './streamPlaces';

const BEYOND = 2n ** 53n;

describe('each stream keeps the place of its last event', () => {
  it('keeps thousands of streams apart as the columns grow', () => {
    const places = streamPlaces();
    const streams = Array.from({ length: 5000 }, (_, i) => `wallet-shop1.w${i}`);
    streams.forEach((s, i) => places.add(s, 0, i, i % 2 === 0 ? 'WalletToppedUp' : 'WalletSpent'));
    streams.forEach((s, i) => {
      if (i % 3 === 0) places.move(places.slotOf(s) as number, 1, 10_000 + i, 'PointsEarned');
    });
    streams.forEach((s, i) => {
      const slot = places.slotOf(s) as number;
      const moved = i % 3 === 0;
      expect(places.revisionAt(slot)).toBe(moved ? 1 : 0);
      expect(places.located(slot, s)).toEqual({
        streamName: s,
        revision: moved ? 1n : 0n,
        position: BigInt(moved ? 10_000 + i : i),
        type: moved ? 'PointsEarned' : i % 2 === 0 ? 'WalletToppedUp' : 'WalletSpent',
      });
    });
    expect(places.slotOf('wallet-shop1.unknown')).toBeUndefined();
  });

  it('keeps revisions and positions past 2^53 exact, and a stream coming back under it', () => {
    const places = streamPlaces();
    const slot = places.add('order-shop1.o', BEYOND + 1n, BEYOND + 5n, 'OrderPlaced');
    expect(places.revisionAt(slot)).toBe(BEYOND + 1n);
    expect(places.located(slot, 'order-shop1.o')).toEqual({
      streamName: 'order-shop1.o',
      revision: BEYOND + 1n,
      position: BEYOND + 5n,
      type: 'OrderPlaced',
    });
    places.move(slot, 3, 7, 'OrderAccepted');
    expect(places.revisionAt(slot)).toBe(3);
    expect(places.located(slot, 'order-shop1.o')).toMatchObject({ revision: 3n, position: 7n });
  });
});

import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@tillstream/domain';
import { logIntegrity } from './logIntegrity';

const BEYOND = 2n ** 53n;

const event = (
  streamName: string,
  revision: bigint,
  position: bigint,
  type = 'WalletToppedUp',
): StoredEvent => ({
  eventId: `e-${position}`,
  type,
  data: {},
  metadata: {
    eventId: `e-${position}`,
    commandId: 'c',
    commandHash: 'h',
    correlationId: 'c',
    causationId: 'c',
    tenantId: 'shop1',
    actor: { role: 'operator', id: 'anna' },
    occurredAt: '2026-03-01T10:00:00.000Z',
    schemaVersion: 1,
  },
  streamName,
  revision,
  position,
});

const codesOf = (events: readonly StoredEvent[]) => {
  const integrity = logIntegrity();
  return events.map((e) => integrity.observe(e, 'shop1').map((v) => v.code));
};

describe('revisions without gaps, whatever their size', () => {
  it('passes a stream whose revisions go on past 2^53', () => {
    const s = 'wallet-shop1.a';
    expect(
      codesOf([
        event(s, 0n, 1n),
        // A log cut from a longer one starts mid-stream: only the gap at its first event is reported.
        event('wallet-shop1.b', BEYOND - 2n, 2n),
        event('wallet-shop1.b', BEYOND - 1n, 3n),
        event('wallet-shop1.b', BEYOND, 4n),
        event('wallet-shop1.b', BEYOND + 1n, 5n),
        event(s, 1n, 6n),
      ]),
    ).toEqual([[], ['log.revision_gap'], [], [], [], []]);
  });

  it('names a gap past 2^53, with the exact place of the stream event before it', () => {
    const integrity = logIntegrity();
    const s = 'order-shop1.o';
    integrity.observe(event(s, BEYOND - 1n, 0n), 'shop1');
    integrity.observe(event(s, BEYOND, BEYOND + 7n, 'OrderAccepted'), 'shop1');
    const [gap] = integrity.observe(event(s, BEYOND + 2n, BEYOND + 9n), 'shop1');
    expect(gap).toEqual({
      code: 'log.revision_gap',
      message: `${s} jumps to revision ${BEYOND + 2n} where ${BEYOND + 1n} was due: events are missing or repeated.`,
      events: [
        { stream: s, revision: String(BEYOND), position: String(BEYOND + 7n), type: 'OrderAccepted' },
        { stream: s, revision: String(BEYOND + 2n), position: String(BEYOND + 9n), type: 'WalletToppedUp' },
      ],
    });
  });

  it('names a repeated revision with the place of the event it repeats', () => {
    const integrity = logIntegrity();
    const s = 'wallet-shop1.a';
    integrity.observe(event(s, 0n, 10n, 'WalletToppedUp'), 'shop1');
    const [repeat] = integrity.observe(event(s, 0n, 11n, 'WalletSpent'), 'shop1');
    expect(repeat?.message).toBe(`${s} jumps to revision 0 where 1 was due: events are missing or repeated.`);
    expect(repeat?.events).toEqual([
      { stream: s, revision: '0', position: '10', type: 'WalletToppedUp' },
      { stream: s, revision: '0', position: '11', type: 'WalletSpent' },
    ]);
  });
});

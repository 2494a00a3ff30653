import { describe, it } from '@jest/globals';
import { deciderSpecification } from '../../testing/deciderSpecification';
import { reservationDecider, type ReservationCommand } from './reservationDecider';
import type { ReservationEvent } from './reservationEvents';

const spec = deciderSpecification(reservationDecider);
const at = (iso: string) => ({
  commandId: 'c1',
  tenantId: 'shop1',
  actor: { role: 'system' as const, id: 'registration' },
  now: new Date(iso),
});
const T0 = '2026-03-01T10:00:00.000Z';
const cmd = (command: Omit<ReservationCommand, 'metadata'>, now = T0) =>
  ({ ...command, metadata: at(now) }) as ReservationCommand;
const reserved = (holderId: string, reservedAt = T0): ReservationEvent => ({
  type: 'IdentifierReserved',
  data: { kind: 'phone', holderId, reservedAt },
});
const confirmed = (holderId: string): ReservationEvent => ({
  type: 'ReservationConfirmed',
  data: { holderId },
});
const released = (holderId: string): ReservationEvent => ({
  type: 'ReservationReleased',
  data: { holderId, reason: 'abandoned' },
});
const GRACE = 15 * 60_000;
const reclaim = (now: string) =>
  cmd(
    {
      type: 'ReclaimReservation',
      data: { kind: 'phone', holderId: 'b', orphanHolderId: 'a', graceMs: GRACE },
    },
    now,
  );

describe('a reservation', () => {
  it('reserves a value nobody ever held', () => {
    spec
      .given([])
      .when(cmd({ type: 'Reserve', data: { kind: 'phone', holderId: 'a' } }))
      .then([reserved('a')]);
  });

  it('reserves a value given up by its former holder', () => {
    spec
      .given([reserved('a'), confirmed('a'), released('a')])
      .when(cmd({ type: 'Reserve', data: { kind: 'phone', holderId: 'b' } }))
      .then([reserved('b')]);
  });

  it('refuses a value someone else holds, naming the holder', () => {
    spec
      .given([reserved('a'), confirmed('a')])
      .when(cmd({ type: 'Reserve', data: { kind: 'phone', holderId: 'b' } }))
      .thenFails((e) => e.code === 'reservation.taken' && e.details['holderId'] === 'a');
  });

  it('writes nothing when the holder reserves its own value again', () => {
    spec
      .given([reserved('a')])
      .when(cmd({ type: 'Reserve', data: { kind: 'phone', holderId: 'a' } }))
      .then([]);
  });

  it('is confirmed by its holder, once', () => {
    spec
      .given([reserved('a')])
      .when(cmd({ type: 'ConfirmReservation', data: { holderId: 'a' } }))
      .then([confirmed('a')]);
    spec
      .given([reserved('a'), confirmed('a')])
      .when(cmd({ type: 'ConfirmReservation', data: { holderId: 'a' } }))
      .then([]);
  });

  it('cannot be confirmed by anyone but its holder', () => {
    spec
      .given([reserved('a')])
      .when(cmd({ type: 'ConfirmReservation', data: { holderId: 'b' } }))
      .thenFails('reservation.not_held');
    spec
      .given([])
      .when(cmd({ type: 'ConfirmReservation', data: { holderId: 'b' } }))
      .thenFails('reservation.not_held');
  });

  it('is released by its holder and ignores a release by anyone else', () => {
    spec
      .given([reserved('a')])
      .when(cmd({ type: 'ReleaseReservation', data: { holderId: 'a', reason: 'abandoned' } }))
      .then([released('a')]);
    spec
      .given([reserved('a')])
      .when(cmd({ type: 'ReleaseReservation', data: { holderId: 'b', reason: 'abandoned' } }))
      .then([]);
  });

  it('is reclaimed from an unconfirmed holder once the grace period has passed', () => {
    spec
      .given([reserved('a')])
      .when(reclaim('2026-03-01T10:15:00.000Z'))
      .then([
        { type: 'ReservationReleased', data: { holderId: 'a', reason: 'reclaimed' } },
        {
          type: 'IdentifierReserved',
          data: { kind: 'phone', holderId: 'b', reservedAt: '2026-03-01T10:15:00.000Z' },
        },
      ]);
  });

  it('is not reclaimed within the grace period', () => {
    spec
      .given([reserved('a')])
      .when(reclaim('2026-03-01T10:14:59.999Z'))
      .thenFails('reservation.taken');
  });

  it('is never reclaimed once confirmed', () => {
    spec
      .given([reserved('a'), confirmed('a')])
      .when(reclaim('2026-03-02T10:00:00.000Z'))
      .thenFails('reservation.taken');
  });
});

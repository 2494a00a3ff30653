import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { deciderSpecification } from '../../testing/deciderSpecification';
import { reservationDecider, type HandOverReservation } from './reservationDecider';
import { reservationEvents, type ReservationEvent } from './reservationEvents';

const spec = deciderSpecification(reservationDecider);
const T0 = '2026-03-01T10:00:00.000Z';
const handOver: HandOverReservation = {
  type: 'HandOverReservation',
  data: { kind: 'phone', fromHolderId: 'source', toHolderId: 'survivor' },
  metadata: {
    commandId: 'm1:handover:phone',
    tenantId: 'shop1',
    actor: { role: 'system', id: 'merge:m1' },
    now: new Date(T0),
  },
};
const reserved = (holderId: string): ReservationEvent => ({
  type: 'IdentifierReserved',
  data: { kind: 'phone', holderId, reservedAt: T0 },
});
const confirmed = (holderId: string): ReservationEvent => ({
  type: 'ReservationConfirmed',
  data: { holderId },
});
const survivorTakes: readonly ReservationEvent[] = [reserved('survivor'), confirmed('survivor')];

describe('a merge hands a reservation over', () => {
  it('releases the merged-away holder with reason "merged" and confirms the survivor in one append', () => {
    spec
      .given([reserved('source'), confirmed('source')])
      .when(handOver)
      .then([
        { type: 'ReservationReleased', data: { holderId: 'source', reason: 'merged' } },
        ...survivorTakes,
      ]);
  });

  it('takes a free value straight for the survivor', () => {
    spec.given([]).when(handOver).then(survivorTakes);
  });

  it('writes nothing when the survivor already holds it', () => {
    spec
      .given([reserved('source'), ...survivorTakes])
      .when(handOver)
      .then([]);
  });

  it('is refused when a third customer holds the value', () => {
    spec
      .given([reserved('other'), confirmed('other')])
      .when(handOver)
      .thenFails('reservation.taken');
  });

  it('still reads releases stored before "merged" existed', () => {
    const old = reservationEvents.decode(
      'ReservationReleased',
      { holderId: 'source', reason: 'replaced' },
      1,
    );
    expect(E.isRight(old) && old.right).toEqual({
      type: 'ReservationReleased',
      data: { holderId: 'source', reason: 'replaced' },
    });
  });
});

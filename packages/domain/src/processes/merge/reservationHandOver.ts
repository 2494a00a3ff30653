import * as E from 'fp-ts/Either';
import type { Command, DecisionError } from '../../kernel/decider';
import { DomainError } from '../../kernel/errors';
import type { Aggregate } from '../../kernel/handleCommand';
import { reservationDecider, type ReservationState } from '../reservation/reservationDecider';
import { reservationEvents, type ReservationEvent } from '../reservation/reservationEvents';

/** Give a value the source holds to the survivor in one append, so no one else can take it in between. */
export type HandOverReservation = Command<
  'HandOverReservation',
  { readonly kind: string; readonly fromHolderId: string; readonly toHolderId: string }
>;

const decide = (
  c: HandOverReservation,
  s: ReservationState,
): E.Either<DecisionError, readonly ReservationEvent[]> => {
  const { kind, fromHolderId, toHolderId } = c.data;
  const take: ReservationEvent[] = [
    {
      type: 'IdentifierReserved',
      data: { kind, holderId: toHolderId, reservedAt: c.metadata.now.toISOString() },
    },
    { type: 'ReservationConfirmed', data: { holderId: toHolderId } },
  ];
  if (s.status === 'free') return E.right(take);
  if (s.holderId === toHolderId)
    return E.right(
      s.status === 'confirmed' ? [] : [{ type: 'ReservationConfirmed', data: { holderId: toHolderId } }],
    );
  if (s.holderId === fromHolderId)
    return E.right([
      { type: 'ReservationReleased', data: { holderId: fromHolderId, reason: 'replaced' } },
      ...take,
    ]);
  return E.left(
    new DomainError('reservation.taken', `This value is already held by ${s.holderId}.`, {
      holderId: s.holderId,
      status: s.status,
    }),
  );
};

/** The hand-over, written with the reservation context's own events. */
export const reservationHandOverAggregate: Aggregate<
  HandOverReservation,
  ReservationEvent,
  ReservationState
> = {
  decider: { initialState: reservationDecider.initialState, evolve: reservationDecider.evolve, decide },
  events: reservationEvents,
};

import * as E from 'fp-ts/Either';
import type { Command, Decider } from '../../kernel/decider';
import { instantText } from '../../kernel/clock';
import { DomainError } from '../../kernel/errors';
import type { Aggregate } from '../../kernel/handleCommand';
import { reservationEvents, type ReleaseReason, type ReservationEvent } from './reservationEvents';

/** Claim a value for a holder. */
export type Reserve = Command<'Reserve', { readonly kind: string; readonly holderId: string }>;
/** The holder exists now: the value is its for good. */
export type ConfirmReservation = Command<'ConfirmReservation', { readonly holderId: string }>;
/** The holder gives the value up; a no-op when someone else holds it. */
export type ReleaseReservation = Command<
  'ReleaseReservation',
  { readonly holderId: string; readonly reason: Exclude<ReleaseReason, 'reclaimed' | 'merged'> }
>;
/**
 * Take over a value whose holder reserved it, never confirmed and never came to exist. The caller
 * checks that the orphan holder does not exist; the decider checks the grace period has passed.
 */
export type ReclaimReservation = Command<
  'ReclaimReservation',
  {
    readonly kind: string;
    readonly holderId: string;
    readonly orphanHolderId: string;
    readonly graceMs: number;
  }
>;

/**
 * A merge gives a value its merged-away holder (`fromHolderId`) held to the survivor
 * (`toHolderId`) in one append, so no one else can take it in between.
 */
export type HandOverReservation = Command<
  'HandOverReservation',
  { readonly kind: string; readonly fromHolderId: string; readonly toHolderId: string }
>;

/** Every command of a reservation stream. */
export type ReservationCommand =
  Reserve | ConfirmReservation | ReleaseReservation | ReclaimReservation | HandOverReservation;

/** Who holds the value, if anyone. */
export type ReservationState =
  | { readonly status: 'free' }
  | {
      readonly status: 'reserved' | 'confirmed';
      readonly holderId: string;
      /** ISO instant of the reservation; an unconfirmed one older than the grace period may be reclaimed. */
      readonly reservedAt: string;
    };

const taken = (state: Exclude<ReservationState, { status: 'free' }>) =>
  E.left(
    new DomainError('reservation.taken', `This value is already held by ${state.holderId}.`, {
      holderId: state.holderId,
      status: state.status,
      reservedAt: state.reservedAt,
    }),
  );

const decide = (
  command: ReservationCommand,
  state: ReservationState,
): E.Either<DomainError, readonly ReservationEvent[]> => {
  const now = instantText(command.metadata.now);
  switch (command.type) {
    case 'Reserve': {
      const { kind, holderId } = command.data;
      if (state.status === 'free')
        return E.right([{ type: 'IdentifierReserved', data: { kind, holderId, reservedAt: now } }]);
      return state.holderId === holderId ? E.right([]) : taken(state);
    }
    case 'ConfirmReservation': {
      const { holderId } = command.data;
      if (state.status !== 'free' && state.holderId === holderId)
        return E.right(
          state.status === 'confirmed' ? [] : [{ type: 'ReservationConfirmed', data: { holderId } }],
        );
      return E.left(
        new DomainError(
          'reservation.not_held',
          `The value is not reserved for ${holderId}, so it cannot be confirmed.`,
          {
            holderId,
            ...(state.status === 'free' ? {} : { currentHolderId: state.holderId }),
          },
        ),
      );
    }
    case 'ReleaseReservation': {
      const { holderId, reason } = command.data;
      return E.right(
        state.status !== 'free' && state.holderId === holderId
          ? [{ type: 'ReservationReleased', data: { holderId, reason } }]
          : [],
      );
    }
    case 'ReclaimReservation': {
      const { kind, holderId, orphanHolderId, graceMs } = command.data;
      if (state.status === 'free')
        return E.right([{ type: 'IdentifierReserved', data: { kind, holderId, reservedAt: now } }]);
      const expired = command.metadata.now.getTime() - Date.parse(state.reservedAt) >= graceMs;
      if (state.status !== 'reserved' || state.holderId !== orphanHolderId || !expired) return taken(state);
      return E.right([
        { type: 'ReservationReleased', data: { holderId: orphanHolderId, reason: 'reclaimed' } },
        { type: 'IdentifierReserved', data: { kind, holderId, reservedAt: now } },
      ]);
    }
    case 'HandOverReservation': {
      const { kind, fromHolderId, toHolderId } = command.data;
      const take: ReservationEvent[] = [
        { type: 'IdentifierReserved', data: { kind, holderId: toHolderId, reservedAt: now } },
        { type: 'ReservationConfirmed', data: { holderId: toHolderId } },
      ];
      if (state.status === 'free') return E.right(take);
      if (state.holderId === toHolderId)
        return E.right(
          state.status === 'confirmed'
            ? []
            : [{ type: 'ReservationConfirmed', data: { holderId: toHolderId } }],
        );
      if (state.holderId !== fromHolderId) return taken(state);
      return E.right([
        { type: 'ReservationReleased', data: { holderId: fromHolderId, reason: 'merged' } },
        ...take,
      ]);
    }
  }
};

const evolve = (state: ReservationState, event: ReservationEvent): ReservationState => {
  switch (event.type) {
    case 'IdentifierReserved':
      return { status: 'reserved', holderId: event.data.holderId, reservedAt: event.data.reservedAt };
    case 'ReservationConfirmed':
      return state.status === 'free'
        ? state
        : { status: 'confirmed', holderId: state.holderId, reservedAt: state.reservedAt };
    case 'ReservationReleased':
      return { status: 'free' };
  }
};

/** The reservation of one value: at most one holder, reserved → confirmed, released to be held again. */
export const reservationDecider: Decider<ReservationCommand, ReservationEvent, ReservationState> = {
  initialState: () => ({ status: 'free' }),
  evolve,
  decide,
};

/** The reservation decider with its event catalog, for `handleCommand`. */
export const reservationAggregate: Aggregate<ReservationCommand, ReservationEvent, ReservationState> = {
  decider: reservationDecider,
  events: reservationEvents,
};

import * as t from 'io-ts';
import { isoInstant, nonEmptyString } from '../../kernel/codecs';
import type { Event } from '../../kernel/envelope';
import { eventCatalog } from '../../kernel/eventCatalog';

/** A value was claimed for a holder; it is not the holder's for good until confirmed. */
export type IdentifierReserved = Event<
  'IdentifierReserved',
  { readonly kind: string; readonly holderId: string; readonly reservedAt: string }
>;

/** The holder now exists and owns the value. */
export type ReservationConfirmed = Event<'ReservationConfirmed', { readonly holderId: string }>;

/** Why a value was given up; `merged`: the holder was merged away and the survivor took the value over. */
export type ReleaseReason = 'abandoned' | 'replaced' | 'removed' | 'reclaimed' | 'merged';

/** The holder gave the value up (or lost it as an orphan); anyone may reserve it again. */
export type ReservationReleased = Event<
  'ReservationReleased',
  { readonly holderId: string; readonly reason: ReleaseReason }
>;

/** Every event of a reservation stream. */
export type ReservationEvent = IdentifierReserved | ReservationConfirmed | ReservationReleased;

const ReleaseReasonCodec = t.keyof({
  abandoned: null,
  replaced: null,
  removed: null,
  reclaimed: null,
  merged: null,
});

/** How reservation events are stored. */
export const reservationEvents = eventCatalog<ReservationEvent>({
  IdentifierReserved: {
    codec: t.type({ kind: nonEmptyString, holderId: nonEmptyString, reservedAt: isoInstant }),
  },
  ReservationConfirmed: { codec: t.type({ holderId: nonEmptyString }) },
  ReservationReleased: { codec: t.type({ holderId: nonEmptyString, reason: ReleaseReasonCodec }) },
});

import * as E from 'fp-ts/Either';
import type { CommandMetadata } from '../../kernel/decider';
import { DomainError } from '../../kernel/errors';
import type { StoredEvent } from '../../kernel/envelope';
import type { EventStore } from '../../kernel/eventStore';
import { decodeEvent, handleCommand, type CommandError } from '../../kernel/handleCommand';
import type { StreamRevision } from '../../kernel/revision';
import { reservationAggregate, type ReservationCommand, type ReservationState } from './reservationDecider';
import { reservationEvents, type ReleaseReason } from './reservationEvents';
import { reservationKey, reservationStream, type TenantSecret } from './reservationKey';

/** One value of one kind in one tenant, addressed by its keyed hash. */
export interface ReservationTarget {
  readonly kind: string;
  readonly tenantId: string;
  readonly key: string;
}

/** The target for a normalised value, hashed with the tenant's secret. */
export const reservationTarget = (
  secret: TenantSecret,
  kind: string,
  tenantId: string,
  normalisedValue: string,
): ReservationTarget => ({ kind, tenantId, key: reservationKey(secret, kind, normalisedValue) });

/** The stream of a target. */
export const targetStream = (target: ReservationTarget): string =>
  reservationStream(target.kind, target.tenantId, target.key);

/** A reservation stream folded: who holds the value and at which revision the stream is. */
export interface ReservationSnapshot {
  readonly state: ReservationState;
  readonly revision: StreamRevision | 'no_stream';
}

/** A snapshot together with the events it was folded from, so the step that follows need not read them again. */
interface ReservationRead extends ReservationSnapshot {
  readonly events: readonly StoredEvent[];
}

/** Reads and folds a reservation stream. */
export const readReservation = async (
  store: EventStore,
  target: ReservationTarget,
): Promise<E.Either<CommandError, ReservationRead>> => {
  const stored = await store.readStream(targetStream(target));
  let state = reservationAggregate.decider.initialState();
  for (const s of stored) {
    const decoded = decodeEvent(reservationEvents, s);
    if (E.isLeft(decoded)) return decoded;
    state = reservationAggregate.decider.evolve(state, decoded.right.event);
  }
  const last = stored[stored.length - 1];
  return E.right({ state, revision: last === undefined ? 'no_stream' : last.revision, events: stored });
};

/** Metadata of a process step; each step gets its own command id from `stepId`. */
export type StepMetadata = Omit<CommandMetadata, 'commandId'>;

const holds = (state: ReservationState, holderId: string) =>
  state.status !== 'free' && state.holderId === holderId;

// The step id carries the revision it was decided at: a step re-run after the stream moved on
// (say, re-reserving after an earlier attempt released) is a new command, not a replay.
const sendAt = (
  store: EventStore,
  target: ReservationTarget,
  read: ReservationRead,
  stepId: string,
  metadata: StepMetadata,
  build: (meta: CommandMetadata) => ReservationCommand,
) =>
  handleCommand(
    store,
    reservationAggregate,
    targetStream(target),
    build({
      ...metadata,
      commandId: `${stepId}@${read.revision === 'no_stream' ? 'new' : read.revision.toString()}`,
    }),
    { known: read.events },
  );

/** How a claim treats a value held by a holder that never came to exist. */
export interface OrphanRule {
  /** How long an unconfirmed reservation is left to its holder before it may be reclaimed. */
  readonly graceMs: number;
  /** True when the holder never came to exist (e.g. its customer stream is empty). */
  readonly isOrphan: (holderId: string) => Promise<boolean>;
}

const ATTEMPTS = 5;

/**
 * Claims a value for `holderId`: reserves it when free, reclaims it from an orphan past the grace
 * period, succeeds at once when the holder already has it, and otherwise is refused with
 * `reservation.taken` naming the holder.
 */
export const claim = async (
  store: EventStore,
  target: ReservationTarget,
  holderId: string,
  orphans: OrphanRule,
  stepId: string,
  metadata: StepMetadata,
): Promise<E.Either<CommandError, ReservationSnapshot>> => {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const read = await readReservation(store, target);
    if (E.isLeft(read)) return read;
    const { state, revision } = read.right;
    if (holds(state, holderId)) return E.right({ state, revision });
    let sent;
    if (state.status === 'free') {
      sent = await sendAt(store, target, read.right, stepId, metadata, (meta) => ({
        type: 'Reserve',
        data: { kind: target.kind, holderId },
        metadata: meta,
      }));
    } else {
      const expired = metadata.now.getTime() - Date.parse(state.reservedAt) >= orphans.graceMs;
      if (state.status === 'confirmed' || !expired || !(await orphans.isOrphan(state.holderId)))
        return E.left(
          new DomainError('reservation.taken', `This value is already held by ${state.holderId}.`, {
            holderId: state.holderId,
            status: state.status,
          }),
        );
      sent = await sendAt(store, target, read.right, stepId, metadata, (meta) => ({
        type: 'ReclaimReservation',
        data: { kind: target.kind, holderId, orphanHolderId: state.holderId, graceMs: orphans.graceMs },
        metadata: meta,
      }));
    }
    // A refusal here means someone moved the stream between our read and our decision: look again.
    if (E.isLeft(sent) && sent.left.code !== 'reservation.taken') return sent;
    if (E.isRight(sent) && holds(sent.right.state, holderId))
      return E.right({ state: sent.right.state, revision: sent.right.revision });
  }
  const last = await readReservation(store, target);
  if (E.isLeft(last)) return last;
  const { state } = last.right;
  return E.left(
    new DomainError('reservation.taken', `This value is already held by someone else.`, {
      ...(state.status === 'free' ? {} : { holderId: state.holderId, status: state.status }),
    }),
  );
};

/** Confirms the holder's reservation: the holder exists now. */
export const confirm = async (
  store: EventStore,
  target: ReservationTarget,
  holderId: string,
  stepId: string,
  metadata: StepMetadata,
): Promise<E.Either<CommandError, ReservationSnapshot>> => {
  const read = await readReservation(store, target);
  if (E.isLeft(read)) return read;
  if (read.right.state.status === 'confirmed' && holds(read.right.state, holderId)) return read;
  const sent = await sendAt(store, target, read.right, stepId, metadata, (meta) => ({
    type: 'ConfirmReservation',
    data: { holderId },
    metadata: meta,
  }));
  return E.map((r: { state: ReservationState; revision: StreamRevision | 'no_stream' }) => ({
    state: r.state,
    revision: r.revision,
  }))(sent);
};

/** Gives the value up if `holderId` holds it; does nothing otherwise. */
export const release = async (
  store: EventStore,
  target: ReservationTarget,
  holderId: string,
  reason: Exclude<ReleaseReason, 'reclaimed' | 'merged'>,
  stepId: string,
  metadata: StepMetadata,
): Promise<E.Either<CommandError, ReservationSnapshot>> => {
  const read = await readReservation(store, target);
  if (E.isLeft(read) || !holds(read.right.state, holderId)) return read;
  const sent = await sendAt(store, target, read.right, stepId, metadata, (meta) => ({
    type: 'ReleaseReservation',
    data: { holderId, reason },
    metadata: meta,
  }));
  return E.map((r: { state: ReservationState; revision: StreamRevision | 'no_stream' }) => ({
    state: r.state,
    revision: r.revision,
  }))(sent);
};

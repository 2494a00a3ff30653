import * as t from 'io-ts';
import {
  currencyCode,
  isoInstant,
  nonEmptyString,
  nonNegativeInteger,
  positiveInteger,
  withOptional,
} from '../../kernel/codecs';
import type { Actor, Event } from '../../kernel/envelope';
import { eventCatalog } from '../../kernel/eventCatalog';
import { pointsSourceCodec, type PointsSource } from '../../wallet/pointsLot';
import type { OrderDebt } from '../../wallet/walletEvents';
import { FieldChoicesCodec, type FieldChoices } from './mergeFields';

/** The operator asked for the merge: who, when, why, which customers and which values survive. */
export type MergeRequested = Event<
  'MergeRequested',
  {
    readonly mergeId: string;
    readonly sourceCustomerId: string;
    readonly targetCustomerId: string;
    readonly choices: FieldChoices;
    readonly reason?: string;
    readonly requestedBy: Actor;
    readonly requestedAt: string;
  }
>;

/**
 * The merge stopped before its point of no return; whatever it had done was undone. It keeps the
 * refusal's code, the other blockers' codes and only non-personal details (ids, amounts,
 * currencies), never the refusal's sentence, which may quote a customer's phone or name.
 */
export type MergeAbandoned = Event<
  'MergeAbandoned',
  {
    readonly code: string;
    readonly details: Readonly<Record<string, string | number>>;
    readonly alsoBlockedBy?: readonly string[];
  }
>;

/** The point of no return: the source customer's stream ended with its merged-into tombstone. */
export type MergeSourceClosed = Event<
  'MergeSourceClosed',
  { readonly sourceCustomerId: string; readonly survivorId: string }
>;

/** One order the source had when it was closed. */
export interface MergedOrder {
  readonly orderId: string;
  /** Its lifecycle when the merge looked at it. */
  readonly lifecycle: string;
  /** True when the order now names the survivor; closed orders stay as they are and resolve through the merge. */
  readonly moved: boolean;
  /** Debt the order carried to the survivor, in minor units. */
  readonly debtMoved: number;
}

/** The source's orders: open ones moved to the survivor in their state, closed ones listed. */
export type MergeOrdersMoved = Event<'MergeOrdersMoved', { readonly orders: readonly MergedOrder[] }>;

/** One lot of points the survivor received, with the lot it was on the source. */
export interface MovedLot {
  readonly fromLotId: string;
  readonly lotId: string;
  readonly points: number;
  readonly source: PointsSource;
}

/** The source's wallet was emptied into the survivor's and closed: every amount, lot and debt. */
export type MergeWalletMoved = Event<
  'MergeWalletMoved',
  {
    readonly currency: string;
    readonly money: number;
    readonly points: number;
    readonly lots: readonly MovedLot[];
    /** Points that had lapsed on the source and were written off there instead of moving. */
    readonly pointsExpired: number;
    readonly debt: number;
    readonly debtOrders: readonly OrderDebt[];
  }
>;

/** An identifier named by its reservation key (a keyed hash, never the value in clear). */
export interface IdentifierRef {
  readonly kind: string;
  readonly key: string;
}

/** Identifiers the survivor took over from the source, and the ones released (by either customer). */
export type MergeIdentifiersSettled = Event<
  'MergeIdentifiersSettled',
  {
    readonly kept: readonly IdentifierRef[];
    readonly released: readonly (IdentifierRef & { readonly holderId: string })[];
  }
>;

/** The survivor's profile took the chosen values; `changes` names the commands that did it. */
export type MergeSurvivorUpdated = Event<'MergeSurvivorUpdated', { readonly changes: readonly string[] }>;

/** Everything moved; the survivor stands for both customers from now on. */
export type MergeCompleted = Event<
  'MergeCompleted',
  { readonly sourceCustomerId: string; readonly survivorId: string; readonly completedAt: string }
>;

/** Every event of a merge stream (`merge-{tenantId}.{mergeId}`). */
export type MergeEvent =
  | MergeRequested
  | MergeAbandoned
  | MergeSourceClosed
  | MergeOrdersMoved
  | MergeWalletMoved
  | MergeIdentifiersSettled
  | MergeSurvivorUpdated
  | MergeCompleted;

const id = nonEmptyString;
const actor = t.type({
  role: t.keyof({ customer: null, operator: null, manager: null, system: null }),
  id,
});
const identifier = { kind: id, key: id };
const currency = currencyCode;

/** How merge events are stored. */
export const mergeEvents = eventCatalog<MergeEvent>({
  MergeRequested: {
    codec: withOptional(
      {
        mergeId: id,
        sourceCustomerId: id,
        targetCustomerId: id,
        choices: FieldChoicesCodec,
        requestedBy: actor,
        requestedAt: isoInstant,
      },
      { reason: id },
    ),
  },
  MergeAbandoned: {
    codec: withOptional(
      { code: id, details: t.record(t.string, t.union([t.string, t.number])) },
      { alsoBlockedBy: t.readonlyArray(id) },
    ),
  },
  MergeSourceClosed: { codec: t.type({ sourceCustomerId: id, survivorId: id }) },
  MergeOrdersMoved: {
    codec: t.type({
      orders: t.readonlyArray(
        t.type({ orderId: id, lifecycle: id, moved: t.boolean, debtMoved: nonNegativeInteger }),
      ),
    }),
  },
  MergeWalletMoved: {
    codec: t.type({
      currency,
      money: nonNegativeInteger,
      points: nonNegativeInteger,
      lots: t.readonlyArray(
        t.type({ fromLotId: id, lotId: id, points: positiveInteger, source: pointsSourceCodec }),
      ),
      pointsExpired: nonNegativeInteger,
      debt: nonNegativeInteger,
      debtOrders: t.readonlyArray(t.type({ orderId: id, amount: positiveInteger })),
    }),
  },
  MergeIdentifiersSettled: {
    codec: t.type({
      kept: t.readonlyArray(t.type(identifier)),
      released: t.readonlyArray(t.type({ ...identifier, holderId: id })),
    }),
  },
  MergeSurvivorUpdated: { codec: t.type({ changes: t.readonlyArray(id) }) },
  MergeCompleted: { codec: t.type({ sourceCustomerId: id, survivorId: id, completedAt: isoInstant }) },
});

import type {
  Actor,
  IdentifierRef,
  MergeAbandoned,
  MergedOrder,
  MergeEvent,
  MergeWalletMoved,
  RecordedEvent,
} from '@tillstream/domain';
import { refOf, type EventRef } from './eventRef';

/** Where a merge got to. */
export type MergeStatus = 'requested' | 'abandoned' | 'source-closed' | 'completed';

/** A merge as the audit shows it: who asked, when, why, and everything it moved. */
export interface MergeAudit {
  readonly mergeId: string;
  readonly sourceCustomerId: string;
  readonly targetCustomerId: string;
  readonly requestedBy: Actor;
  readonly requestedAt: string;
  readonly reason?: string;
  readonly status: MergeStatus;
  readonly abandoned?: MergeAbandoned['data'];
  readonly orders: readonly MergedOrder[];
  readonly wallet?: MergeWalletMoved['data'];
  readonly identifiers?: {
    readonly kept: readonly IdentifierRef[];
    readonly released: readonly (IdentifierRef & { readonly holderId: string })[];
  };
  readonly survivorChanges: readonly string[];
  readonly completedAt?: string;
  /** The merge stream's events, in order. */
  readonly events: readonly EventRef[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Folds one merge-stream event into the merge's record (created by `MergeRequested`); returns the record. */
export const foldMerge = (
  merges: Map<string, Mutable<MergeAudit>>,
  mergeId: string,
  r: RecordedEvent<MergeEvent>,
): MergeAudit | undefined => {
  const { event } = r;
  if (event.type === 'MergeRequested') {
    const d = event.data;
    const record: Mutable<MergeAudit> = {
      mergeId: d.mergeId,
      sourceCustomerId: d.sourceCustomerId,
      targetCustomerId: d.targetCustomerId,
      requestedBy: d.requestedBy,
      requestedAt: d.requestedAt,
      ...(d.reason === undefined ? {} : { reason: d.reason }),
      status: 'requested',
      orders: [],
      survivorChanges: [],
      events: [refOf(r)],
    };
    merges.set(mergeId, record);
    return record;
  }
  const record = merges.get(mergeId);
  if (record === undefined) return undefined;
  record.events = [...record.events, refOf(r)];
  switch (event.type) {
    case 'MergeAbandoned':
      record.status = 'abandoned';
      record.abandoned = event.data;
      break;
    case 'MergeSourceClosed':
      record.status = 'source-closed';
      break;
    case 'MergeOrdersMoved':
      record.orders = event.data.orders;
      break;
    case 'MergeWalletMoved':
      record.wallet = event.data;
      break;
    case 'MergeIdentifiersSettled':
      record.identifiers = event.data;
      break;
    case 'MergeSurvivorUpdated':
      record.survivorChanges = event.data.changes;
      break;
    case 'MergeCompleted':
      record.status = 'completed';
      record.completedAt = event.data.completedAt;
      break;
  }
  return record;
};

// Codes and non-personal details only: the merge stream never holds a refusal's sentence.
const abandonment = (a: MergeAbandoned['data']): string =>
  [
    [a.code, ...(a.alsoBlockedBy ?? [])].join(', '),
    ...Object.entries(a.details).map(([k, v]) => `${k} ${v}`),
  ].join('; ');

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** One line for the audit trail per merge event. */
export const mergeSummary = (record: MergeAudit, event: MergeEvent): string => {
  const pair = `merge ${record.mergeId} of ${record.sourceCustomerId} into ${record.targetCustomerId}`;
  switch (event.type) {
    case 'MergeRequested':
      return `${pair} requested by ${record.requestedBy.role} ${record.requestedBy.id}${record.reason === undefined ? '' : `: ${record.reason}`}`;
    case 'MergeAbandoned':
      return `${pair} abandoned (${abandonment(event.data)})`;
    case 'MergeSourceClosed':
      return `${pair}: source closed, the merge can no longer be undone`;
    case 'MergeOrdersMoved': {
      const moved = event.data.orders.filter((o) => o.moved).length;
      const debt = event.data.orders.reduce((s, o) => s + o.debtMoved, 0);
      return `${pair}: ${count(moved, 'open order')} moved, ${count(event.data.orders.length - moved, 'closed order')} listed, ${debt} debt moved`;
    }
    case 'MergeWalletMoved': {
      const d = event.data;
      return `${pair}: wallet moved ${d.money} ${d.currency}, ${d.points} points in ${count(d.lots.length, 'lot')} (${d.pointsExpired} expired), ${d.debt} debt`;
    }
    case 'MergeIdentifiersSettled':
      return `${pair}: identifiers kept ${event.data.kept.map((k) => k.kind).join(', ') || 'none'}; released ${event.data.released.map((k) => `${k.kind} of ${k.holderId}`).join(', ') || 'none'}`;
    case 'MergeSurvivorUpdated':
      return `${pair}: survivor took ${event.data.changes.join(', ') || 'nothing'}`;
    case 'MergeCompleted':
      return `${pair} completed`;
  }
};

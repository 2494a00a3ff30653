import type {
  MergeAbandoned,
  MergeEvent,
  MergeIdentifiersSettled,
  MergeOrdersMoved,
  MergeRequested,
  MergeWalletMoved,
} from './mergeEvents';

/** Where a merge is: not asked for, asked for (locks may be held), stopped, past the point of no return, or done. */
export type MergeStatus = 'none' | 'requested' | 'abandoned' | 'closed' | 'completed';

/** A merge as its stream tells it: the audit record. */
export interface MergeRecord {
  readonly status: MergeStatus;
  readonly request?: MergeRequested['data'];
  readonly abandoned?: MergeAbandoned['data'];
  readonly orders?: MergeOrdersMoved['data']['orders'];
  readonly wallet?: MergeWalletMoved['data'];
  readonly identifiers?: MergeIdentifiersSettled['data'];
  readonly survivorChanges?: readonly string[];
  readonly completedAt?: string;
}

/** A merge stream with no events. */
export const initialMergeRecord = (): MergeRecord => ({ status: 'none' });

/** Applies one merge event. */
export const evolveMergeRecord = (record: MergeRecord, event: MergeEvent): MergeRecord => {
  switch (event.type) {
    case 'MergeRequested':
      return { status: 'requested', request: event.data };
    case 'MergeAbandoned':
      return { ...record, status: 'abandoned', abandoned: event.data };
    case 'MergeSourceClosed':
      return { ...record, status: 'closed' };
    case 'MergeOrdersMoved':
      return { ...record, orders: event.data.orders };
    case 'MergeWalletMoved':
      return { ...record, wallet: event.data };
    case 'MergeIdentifiersSettled':
      return { ...record, identifiers: event.data };
    case 'MergeSurvivorUpdated':
      return { ...record, survivorChanges: event.data.changes };
    case 'MergeCompleted':
      return { ...record, status: 'completed', completedAt: event.data.completedAt };
  }
};

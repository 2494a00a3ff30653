import { parseStreamName, type RecordedEvent, type StoredEvent, type WalletEvent } from '@tillstream/domain';
import { violation, type Violation } from './violation';

/** One merge as the wallets recorded it: who merged whom into whom, when, and what moved. */
export interface MergeSummary {
  readonly mergeId: string;
  readonly from: string;
  readonly into: string;
  readonly at: string;
  readonly actor: string;
  readonly moneyOut: number;
  readonly moneyIn: number;
  readonly pointsOut: number;
  readonly pointsIn: number;
  readonly debtOut: number;
  readonly debtIn: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Follows the wallet side of merges; at the end, what left the merged-away wallet must have arrived. */
export interface MergeLedger {
  readonly apply: (recorded: RecordedEvent<WalletEvent>, stored: StoredEvent) => void;
  readonly summaries: () => readonly MergeSummary[];
  readonly check: () => readonly Violation[];
}

/** A fresh merge ledger. */
export const mergeLedger = (): MergeLedger => {
  const merges = new Map<string, { summary: Mutable<MergeSummary>; events: StoredEvent[] }>();
  const of = (mergeId: string) => {
    let m = merges.get(mergeId);
    if (m === undefined) {
      m = {
        summary: {
          mergeId,
          from: '',
          into: '',
          at: '',
          actor: '',
          moneyOut: 0,
          moneyIn: 0,
          pointsOut: 0,
          pointsIn: 0,
          debtOut: 0,
          debtIn: 0,
        },
        events: [],
      };
      merges.set(mergeId, m);
    }
    return m;
  };
  return {
    apply: ({ event }, stored) => {
      if (!('mergeId' in event.data)) return;
      const m = of(event.data.mergeId);
      const s = m.summary;
      m.events.push(stored);
      if (s.at === '') {
        s.at = stored.metadata.occurredAt;
        s.actor = `${stored.metadata.actor.role}:${stored.metadata.actor.id}`;
      }
      const holder = parseStreamName(stored.streamName)?.id ?? stored.streamName;
      switch (event.type) {
        case 'WalletMoneyTransferredOut':
          s.moneyOut += event.data.amount;
          break;
        case 'WalletMoneyTransferredIn':
          s.moneyIn += event.data.amount;
          break;
        case 'PointsTransferredOut':
          s.pointsOut += event.data.points;
          break;
        case 'PointsTransferredIn':
          s.pointsIn += event.data.points;
          break;
        case 'DebtTransferredOut':
          s.debtOut += event.data.amount;
          break;
        case 'DebtTransferredIn':
          s.debtIn += event.data.amount;
          break;
      }
      // Out-going events sit in the merged-away wallet and name the survivor; in-coming ones the reverse.
      if ('toCustomerId' in event.data || 'survivorCustomerId' in event.data) {
        s.from = holder;
        s.into = 'toCustomerId' in event.data ? event.data.toCustomerId : event.data.survivorCustomerId;
      } else if ('fromCustomerId' in event.data) {
        s.from = event.data.fromCustomerId;
        s.into = holder;
      }
    },
    summaries: () => [...merges.values()].map((m) => m.summary),
    check: () =>
      [...merges.values()].flatMap(({ summary: s, events }) =>
        (
          [
            ['money', s.moneyOut, s.moneyIn],
            ['points', s.pointsOut, s.pointsIn],
            ['debt', s.debtOut, s.debtIn],
          ] as const
        )
          .filter(([, out, into]) => out !== into)
          .map(([ledger, out, into]) =>
            violation(
              `merge.${ledger}_lost`,
              `Merge ${s.mergeId} took ${out} ${ledger} out of ${s.from || '?'} but brought ${into} into ${s.into || '?'}.`,
              ...events,
            ),
          ),
      ),
  };
};

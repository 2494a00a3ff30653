import { parseStreamName, type RecordedEvent, type StoredEvent, type WalletEvent } from '@tillstream/domain';
import type { PartMerge, Placed } from './auditPart';
import { violation, type Located } from './violation';

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
  /** `line` places the event in the log (a line number, or its index in the log read). */
  readonly apply: (recorded: RecordedEvent<WalletEvent>, stored: StoredEvent, line: number) => void;
  /** The merges in the order their first events were read, each with what it lost (judge on a whole log only). */
  readonly merges: () => readonly Placed<PartMerge>[];
}

/** A fresh merge ledger. */
export const mergeLedger = (): MergeLedger => {
  // Each merge keeps where its events sit (a violation names them), not the events with their data and metadata.
  const merges = new Map<string, { line: number; summary: Mutable<MergeSummary>; events: Located[] }>();
  // A merge id is a tenant's own (its stream is merge-{tenant}.{id}): two shops may both have a merge-1.
  const of = (tenant: string, mergeId: string, line: number) => {
    const key = `${tenant}.${mergeId}`;
    let m = merges.get(key);
    if (m === undefined) {
      m = {
        line,
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
      merges.set(key, m);
    }
    return m;
  };
  return {
    apply: ({ event }, stored, line) => {
      if (!('mergeId' in event.data)) return;
      const wallet = parseStreamName(stored.streamName);
      const m = of(wallet?.tenantId ?? stored.metadata.tenantId, event.data.mergeId, line);
      const s = m.summary;
      m.events.push({
        streamName: stored.streamName,
        revision: stored.revision,
        position: stored.position,
        type: stored.type,
      });
      if (s.at === '') {
        s.at = stored.metadata.occurredAt;
        s.actor = `${stored.metadata.actor.role}:${stored.metadata.actor.id}`;
      }
      const holder = wallet?.id ?? stored.streamName;
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
    merges: () =>
      [...merges.values()].map(({ line, summary: s, events }) => ({
        line,
        value: {
          summary: s,
          violations: (
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
        },
      })),
  };
};

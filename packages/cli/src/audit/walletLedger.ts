import {
  evolveWallet,
  initialWalletState,
  parseStreamName,
  type RecordedEvent,
  type StoredEvent,
  type WalletEvent,
  type WalletState,
} from '@tillstream/domain';
import type { Placed } from './auditPart';
import { ledgerMovement } from './ledgerMovement';

/** One line of a wallet's ledger. */
export interface LedgerEntry {
  readonly at: string;
  readonly actor: string;
  readonly type: string;
  readonly money: number;
  readonly points: number;
  readonly debt: number;
  readonly balanceAfter: number;
  readonly pointsAfter: number;
  readonly debtAfter: number;
}

/** A wallet as the replay left it. */
export interface WalletSummary {
  readonly tenantId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly balance: number;
  readonly points: number;
  readonly debt: number;
  readonly movements: number;
  readonly mergedInto?: string;
  /** Every movement, kept for the customer the audit was asked about. */
  readonly entries?: readonly LedgerEntry[];
}

interface Running {
  /** The line of the wallet's first event: parts of the log replayed apart list wallets in this order. */
  readonly line: number;
  readonly tenantId: string;
  readonly customerId: string;
  state: WalletState;
  money: number;
  points: number;
  debt: number;
  movements: number;
  readonly entries: LedgerEntry[] | undefined;
}

/** The wallets of the log, replayed through the wallet's own `evolve`, each ledger re-added from the amounts. */
export interface WalletLedger {
  /** `line` places the event in the log (a line number, or its index in the log read). */
  readonly apply: (recorded: RecordedEvent<WalletEvent>, stored: StoredEvent, line: number) => void;
  /** The wallets in the order their first events were read, each placed at that event. */
  readonly summaries: () => readonly Placed<WalletSummary>[];
}

/** A fresh ledger; `detailFor` says whose movements to keep line by line. */
export const walletLedger = (detailFor: (customerId: string) => boolean): WalletLedger => {
  const wallets = new Map<string, Running>();
  return {
    apply: (recorded, stored, line) => {
      let w = wallets.get(stored.streamName);
      if (w === undefined) {
        const parts = parseStreamName(stored.streamName);
        const customerId = parts?.id ?? stored.streamName;
        w = {
          line,
          tenantId: parts?.tenantId ?? stored.metadata.tenantId,
          customerId,
          state: initialWalletState(),
          money: 0,
          points: 0,
          debt: 0,
          movements: 0,
          entries: detailFor(customerId) ? [] : undefined,
        };
        wallets.set(stored.streamName, w);
      }
      const move = ledgerMovement(recorded.event);
      w.money += move.money;
      w.points += move.points;
      w.debt += move.debt;
      w.movements++;
      w.state = evolveWallet(w.state, recorded.event);
      w.entries?.push({
        at: stored.metadata.occurredAt,
        actor: `${stored.metadata.actor.role}:${stored.metadata.actor.id}`,
        type: stored.type,
        money: move.money,
        points: move.points,
        debt: move.debt,
        balanceAfter: w.money,
        pointsAfter: w.points,
        debtAfter: w.debt,
      });
    },
    summaries: () =>
      [...wallets.values()].map((w) => ({
        line: w.line,
        value: {
          tenantId: w.tenantId,
          customerId: w.customerId,
          currency: w.state.currency ?? '',
          balance: w.money,
          points: w.points,
          debt: w.debt,
          movements: w.movements,
          ...(w.state.mergedInto === undefined ? {} : { mergedInto: w.state.mergedInto.customerId }),
          ...(w.entries === undefined ? {} : { entries: w.entries }),
        },
      })),
  };
};

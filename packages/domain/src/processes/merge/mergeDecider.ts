import * as E from 'fp-ts/Either';
import type { Command, Decider, DecisionError } from '../../kernel/decider';
import { DomainError } from '../../kernel/errors';
import type { Aggregate } from '../../kernel/handleCommand';
import { mergeEvents, type MergeEvent } from './mergeEvents';
import { evolveMergeRecord, initialMergeRecord, type MergeRecord } from './mergeRecord';

/** Writes one step of a merge into its stream; the process sends one per step, in order. */
export type RecordMergeStep = Command<'RecordMergeStep', { readonly step: MergeEvent }>;

type Decision = E.Either<DecisionError, readonly MergeEvent[]>;

const refuse = (code: string, message: string, record: MergeRecord, step: MergeEvent): Decision =>
  E.left(new DomainError(code, message, { status: record.status, step: step.type }));

// Each step after the point of no return needs the one before it, so the record always reads in order.
const prerequisite: Partial<Record<MergeEvent['type'], (r: MergeRecord) => boolean>> = {
  MergeOrdersMoved: () => true,
  MergeWalletMoved: (r) => r.orders !== undefined,
  MergeIdentifiersSettled: (r) => r.wallet !== undefined,
  MergeSurvivorUpdated: (r) => r.identifiers !== undefined,
  MergeCompleted: (r) => r.survivorChanges !== undefined,
};

const recorded = (r: MergeRecord, type: MergeEvent['type']): boolean => {
  switch (type) {
    case 'MergeOrdersMoved':
      return r.orders !== undefined;
    case 'MergeWalletMoved':
      return r.wallet !== undefined;
    case 'MergeIdentifiersSettled':
      return r.identifiers !== undefined;
    case 'MergeSurvivorUpdated':
      return r.survivorChanges !== undefined;
    default:
      return r.status === 'completed';
  }
};

const decide = ({ data: { step } }: RecordMergeStep, r: MergeRecord): Decision => {
  switch (step.type) {
    case 'MergeRequested':
      return r.status === 'none'
        ? E.right([step])
        : refuse('merge.already_requested', 'This merge id was already used for a merge.', r, step);
    case 'MergeAbandoned':
      if (r.status === 'requested') return E.right([step]);
      if (r.status === 'abandoned') return E.right([]);
      return refuse(
        'merge.past_point_of_no_return',
        'This merge has passed its point of no return; it can only be finished.',
        r,
        step,
      );
    case 'MergeSourceClosed':
      if (r.status === 'requested') return E.right([step]);
      if (r.status === 'closed' || r.status === 'completed') return E.right([]);
      return refuse('merge.not_running', `This merge is ${r.status}; it cannot go on.`, r, step);
    default: {
      if (r.status === 'completed') return E.right([]);
      if (r.status !== 'closed')
        return refuse('merge.not_running', `This merge is ${r.status}; it cannot go on.`, r, step);
      if (recorded(r, step.type)) return E.right([]);
      return prerequisite[step.type]?.(r) === true
        ? E.right([step])
        : refuse(
            'merge.out_of_order',
            `${step.type} cannot be recorded before the steps it follows.`,
            r,
            step,
          );
    }
  }
};

/** The merge stream's decider: the record only grows, in the process's order. */
export const mergeDecider: Decider<RecordMergeStep, MergeEvent, MergeRecord> = {
  initialState: initialMergeRecord,
  evolve: evolveMergeRecord,
  decide,
};

/** The merge decider with its catalog, for `handleCommand`. */
export const mergeAggregate: Aggregate<RecordMergeStep, MergeEvent, MergeRecord> = {
  decider: mergeDecider,
  events: mergeEvents,
};

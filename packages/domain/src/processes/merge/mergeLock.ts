import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { nonEmptyString } from '../../kernel/codecs';
import type { Command, Decider, DecisionError } from '../../kernel/decider';
import type { Event } from '../../kernel/envelope';
import { DomainError } from '../../kernel/errors';
import { eventCatalog } from '../../kernel/eventCatalog';
import type { Aggregate } from '../../kernel/handleCommand';
import { streamName } from '../../kernel/streamName';

/** A merge took the customer: no other merge may involve it until released. */
export type MergeLockTaken = Event<
  'MergeLockTaken',
  { readonly customerId: string; readonly mergeId: string; readonly side: 'source' | 'target' }
>;
/** The merge holding the customer ended. */
export type MergeLockReleased = Event<
  'MergeLockReleased',
  { readonly customerId: string; readonly mergeId: string; readonly outcome: 'completed' | 'abandoned' }
>;
/** Every event of a merge lock stream. */
export type MergeLockEvent = MergeLockTaken | MergeLockReleased;

/** Take a customer for a merge. */
export type TakeMergeLock = Command<'TakeMergeLock', MergeLockTaken['data']>;
/** Give a customer back when its merge ends; a no-op for any other merge. */
export type ReleaseMergeLock = Command<'ReleaseMergeLock', MergeLockReleased['data']>;
/** Every command of a merge lock stream. */
export type MergeLockCommand = TakeMergeLock | ReleaseMergeLock;

/** Which merge, if any, holds a customer. */
export interface MergeLockState {
  readonly heldBy?: string;
}

/** The lock stream of a customer: `mergelock-{tenantId}.{customerId}`. */
export const mergeLockStream = (tenantId: string, customerId: string): string =>
  streamName('mergelock', tenantId, customerId);

const decide = (
  c: MergeLockCommand,
  s: MergeLockState,
): E.Either<DecisionError, readonly MergeLockEvent[]> => {
  if (c.type === 'ReleaseMergeLock')
    return E.right(s.heldBy === c.data.mergeId ? [{ type: 'MergeLockReleased', data: c.data }] : []);
  if (s.heldBy === c.data.mergeId) return E.right([]);
  if (s.heldBy !== undefined)
    return E.left(
      new DomainError(
        'merge.customer_busy',
        `Customer ${c.data.customerId} is in merge ${s.heldBy} already; finish or resume that merge first.`,
        { customerId: c.data.customerId, mergeId: s.heldBy },
      ),
    );
  return E.right([{ type: 'MergeLockTaken', data: c.data }]);
};

const evolve = (_: MergeLockState, e: MergeLockEvent): MergeLockState =>
  e.type === 'MergeLockTaken' ? { heldBy: e.data.mergeId } : {};

/** One merge at a time per customer: what makes two merges racing over the same customers exclusive. */
export const mergeLockDecider: Decider<MergeLockCommand, MergeLockEvent, MergeLockState> = {
  initialState: () => ({}),
  evolve,
  decide,
};

/** How merge lock events are stored. */
export const mergeLockEvents = eventCatalog<MergeLockEvent>({
  MergeLockTaken: {
    codec: t.type({
      customerId: nonEmptyString,
      mergeId: nonEmptyString,
      side: t.keyof({ source: null, target: null }),
    }),
  },
  MergeLockReleased: {
    codec: t.type({
      customerId: nonEmptyString,
      mergeId: nonEmptyString,
      outcome: t.keyof({ completed: null, abandoned: null }),
    }),
  },
});

/** The merge lock decider with its catalog, for `handleCommand`. */
export const mergeLockAggregate: Aggregate<MergeLockCommand, MergeLockEvent, MergeLockState> = {
  decider: mergeLockDecider,
  events: mergeLockEvents,
};

import * as E from 'fp-ts/Either';
import { customerEvents, type CustomerEvent } from '../../customer/customerEvents';
import { evolveCustomer, initialCustomerState, type CustomerState } from '../../customer/customerState';
import type { Command, Decider, DecisionError } from '../../kernel/decider';
import { DomainError } from '../../kernel/errors';
import type { Aggregate } from '../../kernel/handleCommand';

/** End the source customer's stream with its merged-into tombstone: the merge's point of no return. */
export type CloseMergedCustomer = Command<
  'CloseMergedCustomer',
  { readonly customerId: string; readonly survivorId: string; readonly mergeId: string }
>;

const decide = (
  c: CloseMergedCustomer,
  s: CustomerState,
): E.Either<DecisionError, readonly CustomerEvent[]> => {
  const { customerId, survivorId } = c.data;
  if (!s.exists)
    return E.left(
      new DomainError('merge.source_not_found', `There is no customer ${customerId}.`, { customerId }),
    );
  if (s.status.kind === 'merged')
    return s.status.survivorId === survivorId
      ? E.right([])
      : E.left(
          new DomainError(
            'merge.source_merged',
            `Customer ${customerId} was already merged into customer ${s.status.survivorId}.`,
            { customerId, survivorId: s.status.survivorId },
          ),
        );
  if (s.status.kind === 'forgotten')
    return E.left(
      new DomainError('merge.source_forgotten', `Customer ${customerId} was erased at their request.`, {
        customerId,
      }),
    );
  return E.right([{ type: 'CustomerMergedInto', data: { survivorId } }]);
};

/** Writes the customer context's own tombstone event onto the source's stream, so its decider refuses everything after. */
export const sourceClosingAggregate: Aggregate<CloseMergedCustomer, CustomerEvent, CustomerState> = {
  decider: {
    initialState: initialCustomerState,
    evolve: evolveCustomer,
    decide,
  } satisfies Decider<CloseMergedCustomer, CustomerEvent, CustomerState>,
  events: customerEvents,
};

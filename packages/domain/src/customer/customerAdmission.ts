import * as E from 'fp-ts/Either';
import { DomainError } from '../kernel/errors';
import type { CustomerState } from './customerState';

/** A customer that exists. */
type Existing = Extract<CustomerState, { exists: true }>;

/**
 * Whether a customer may take orders and money: it must exist (`customer.not_found`), not be
 * merged away (`customer.merged`, naming the survivor) nor forgotten (`customer.forgotten`).
 */
export const admission = (customerId: string, state: CustomerState): E.Either<DomainError, Existing> => {
  if (!state.exists) return E.left(new DomainError('customer.not_found', 'There is no such customer.', {}));
  const { status } = state;
  if (status.kind === 'merged')
    return E.left(
      new DomainError(
        'customer.merged',
        `Customer ${customerId} was merged into customer ${status.survivorId}; use that account.`,
        { customerId, survivorId: status.survivorId },
      ),
    );
  if (status.kind === 'forgotten')
    return E.left(
      new DomainError('customer.forgotten', `Customer ${customerId} was erased at their request.`, {
        customerId,
      }),
    );
  return E.right(state);
};

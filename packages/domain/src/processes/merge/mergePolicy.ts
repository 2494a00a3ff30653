import * as E from 'fp-ts/Either';
import { defaultCustomerPolicy, type CustomerPolicy } from '../../customer/customerPolicy';
import type { Actor } from '../../kernel/envelope';
import { PermissionError } from '../../kernel/errors';
import { defaultWalletPolicy, type WalletPolicy } from '../../wallet/walletPolicy';

/** A shop's rules for merges, with the customer and wallet rules the merge works under. */
export interface MergePolicy {
  /** Only managers (and the system) may merge; otherwise operators may too. */
  readonly requireManager: boolean;
  readonly customer: CustomerPolicy;
  readonly wallet: WalletPolicy;
}

/** Operators and managers may merge, under the default customer and wallet rules. */
export const defaultMergePolicy: MergePolicy = {
  requireManager: false,
  customer: defaultCustomerPolicy,
  wallet: defaultWalletPolicy,
};

/** Merges are staff work: never a customer's; a manager's only when the shop says so. */
export const mayMerge = (policy: MergePolicy, actor: Actor): E.Either<PermissionError, void> => {
  const allowed =
    actor.role === 'system' ||
    actor.role === 'manager' ||
    (actor.role === 'operator' && !policy.requireManager);
  return allowed
    ? E.right(undefined)
    : E.left(
        new PermissionError(
          'merge.forbidden',
          actor.role === 'customer'
            ? 'A customer cannot merge customers; ask the shop staff.'
            : 'This shop lets only managers merge customers; ask a manager.',
          { role: actor.role, actorId: actor.id, requireManager: policy.requireManager },
        ),
      );
};

import type { CustomerPolicy } from '../../customer/customerPolicy';
import type { CustomerProfile } from '../../customer/customerProfile';
import type { CustomerState } from '../../customer/customerState';
import { identifiersOf, includesIdentifier, type Identifier } from '../registration/customerIdentifiers';
import { mergedProfile, survivorChanges, type FieldChoices, type SurvivorChange } from './mergeFields';

/** What a merge does to the two customers' profiles and identifiers. */
export interface MergePlan {
  /** The survivor's profile after the merge. */
  readonly survivor: CustomerProfile;
  readonly changes: readonly SurvivorChange[];
  /** The source's identifiers the survivor carries on (their reservations pass to it). */
  readonly kept: readonly Identifier[];
  /** The source's identifiers that do not survive: released. */
  readonly releasedFromSource: readonly Identifier[];
  /** The target's identifiers replaced by the source's: released. */
  readonly releasedFromTarget: readonly Identifier[];
}

/** Plans the survivor's profile and what happens to every identifier, from both profiles and the choices. */
export const planMerge = (
  source: CustomerProfile,
  target: CustomerProfile,
  choices: FieldChoices,
  policy: CustomerPolicy,
): MergePlan => {
  const survivor = mergedProfile(source, target, choices);
  const after = identifiersOf(survivor, policy);
  const fromSource = identifiersOf(source, policy);
  return {
    survivor,
    changes: survivorChanges(target, survivor),
    kept: fromSource.filter((id) => includesIdentifier(after, id)),
    releasedFromSource: fromSource.filter((id) => !includesIdentifier(after, id)),
    releasedFromTarget: identifiersOf(target, policy).filter((id) => !includesIdentifier(after, id)),
  };
};

/** A reason a merge cannot go ahead, as a cashier would read it. */
export interface MergeBlocker {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

const blocker = (
  code: string,
  message: string,
  details: Readonly<Record<string, unknown>>,
): MergeBlocker => ({
  code,
  message,
  details,
});

/** What stops a customer from taking part in a merge on the given side. */
export const customerBlockers = (
  side: 'source' | 'target',
  customerId: string,
  state: CustomerState,
): readonly MergeBlocker[] => {
  if (!state.exists)
    return [blocker(`merge.${side}_not_found`, `There is no customer ${customerId}.`, { customerId })];
  switch (state.status.kind) {
    case 'active':
      return [];
    case 'forgotten':
      return [
        blocker(`merge.${side}_forgotten`, `Customer ${customerId} was erased at their request.`, {
          customerId,
        }),
      ];
    case 'merged': {
      const survivorId = state.status.survivorId;
      return [
        blocker(
          `merge.${side}_merged`,
          side === 'target'
            ? `Customer ${customerId} was merged into customer ${survivorId}; merge into ${survivorId} instead.`
            : `Customer ${customerId} was already merged into customer ${survivorId}.`,
          { customerId, survivorId },
        ),
      ];
    }
  }
};

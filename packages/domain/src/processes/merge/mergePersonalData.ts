import { ERASED } from '../../privacy/erased';
import type { PersonalDataSchema } from '../../privacy/personalDataSchema';
import type { MergeEvent } from './mergeEvents';

/**
 * The personal field of merge events: the operator's reason, free text on why two records are one
 * person (often naming what they share). It concerns both customers, so it is sealed under both
 * keys and erased when either is forgotten. Every other merge field is an id, amount, code or
 * keyed hash; `MergeAbandoned` keeps only a code and non-personal details by construction.
 */
export const mergePersonalData: PersonalDataSchema<MergeEvent['type']> = {
  category: 'merge',
  fields: {
    MergeRequested: [{ path: 'reason', erased: ERASED }],
    MergeAbandoned: [],
    MergeSourceClosed: [],
    MergeOrdersMoved: [],
    MergeWalletMoved: [],
    MergeIdentifiersSettled: [],
    MergeSurvivorUpdated: [],
    MergeCompleted: [],
  },
  subjectsOf: (_type, data) =>
    [data['sourceCustomerId'], data['targetCustomerId']].filter((id): id is string => typeof id === 'string'),
};

import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { isDeepStrictEqual } from 'node:util';
import type {
  AssignCard,
  AssignGroup,
  ChangePhone,
  ChangePreferences,
  SetComments,
  UpdateProfile,
} from '../../customer/customerCommands';
import { DETAIL_FIELDS, type CustomerProfile, type ProfileDetails } from '../../customer/customerProfile';
import { ValidationError } from '../../kernel/errors';

/** The profile fields an operator chooses between when both customers have a value. */
export const MERGE_FIELDS = [...DETAIL_FIELDS, 'phone', 'card', 'group', 'preferences', 'comments'] as const;

/** One choosable field. */
export type MergeField = (typeof MERGE_FIELDS)[number];

/** Which customer's value survives. */
export type MergeSide = 'source' | 'target';

/** The operator's choices; a field left out keeps the target's value (or the source's, when only it has one). */
export type FieldChoices = Readonly<Partial<Record<MergeField, MergeSide>>>;

const side = t.keyof({ source: null, target: null });

/** io-ts codec of stored field choices. */
export const FieldChoicesCodec: t.Type<FieldChoices, FieldChoices, unknown> = t.exact(
  t.partial(Object.fromEntries(MERGE_FIELDS.map((f) => [f, side])) as Record<MergeField, typeof side>),
);

/** Checks choices typed by a caller: only known fields, only 'source' or 'target'. */
export const parseFieldChoices = (input: unknown): E.Either<ValidationError, FieldChoices> => {
  if (input === undefined) return E.right({});
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return E.left(
      new ValidationError('merge.choices_invalid', 'Field choices must name fields.', 'choices', input),
    );
  for (const [field, value] of Object.entries(input)) {
    if (!(MERGE_FIELDS as readonly string[]).includes(field))
      return E.left(
        new ValidationError(
          'merge.choice_unknown',
          `"${field}" is not a field a merge can choose; choose among ${MERGE_FIELDS.join(', ')}.`,
          `choices.${field}`,
          value,
        ),
      );
    if (value !== 'source' && value !== 'target')
      return E.left(
        new ValidationError(
          'merge.choice_invalid',
          `Choose "source" or "target" for ${field}.`,
          `choices.${field}`,
          value,
        ),
      );
  }
  return E.right(input as FieldChoices);
};

const pick = <A>(chosen: MergeSide, source: A | undefined, target: A | undefined): A | undefined =>
  chosen === 'source' ? (source ?? target) : (target ?? source);

/** The survivor's profile: every field from the chosen side, or from the only side that has it. */
export const mergedProfile = (
  source: CustomerProfile,
  target: CustomerProfile,
  choices: FieldChoices,
): CustomerProfile => {
  const of = (field: MergeField) => choices[field] ?? 'target';
  const out: Record<string, unknown> = {
    preferences: of('preferences') === 'source' ? source.preferences : target.preferences,
  };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  for (const field of DETAIL_FIELDS) set(field, pick(of(field), source[field], target[field]));
  set('phone', pick(of('phone'), source.phone, target.phone));
  set('card', pick(of('card'), source.card, target.card));
  set('groupId', pick(of('group'), source.groupId, target.groupId));
  set('comments', pick(of('comments'), source.comments, target.comments));
  return out as unknown as CustomerProfile;
};

/** A change the merge makes to the survivor, as the customer command that makes it. */
export type SurvivorChange =
  | { readonly step: 'details'; readonly type: UpdateProfile['type']; readonly data: UpdateProfile['data'] }
  | { readonly step: 'phone'; readonly type: ChangePhone['type']; readonly data: ChangePhone['data'] }
  | { readonly step: 'card'; readonly type: AssignCard['type']; readonly data: AssignCard['data'] }
  | { readonly step: 'group'; readonly type: AssignGroup['type']; readonly data: AssignGroup['data'] }
  | {
      readonly step: 'preferences';
      readonly type: ChangePreferences['type'];
      readonly data: ChangePreferences['data'];
    }
  | { readonly step: 'comments'; readonly type: SetComments['type']; readonly data: SetComments['data'] };

/** The commands that turn the target's profile into the merged one; only what differs. */
export const survivorChanges = (
  target: CustomerProfile,
  merged: CustomerProfile,
): readonly SurvivorChange[] => {
  const out: SurvivorChange[] = [];
  const set: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS)
    if (merged[field] !== undefined && !isDeepStrictEqual(merged[field], target[field]))
      set[field] = merged[field];
  if (Object.keys(set).length > 0)
    out.push({ step: 'details', type: 'UpdateProfile', data: { set: set as ProfileDetails, remove: [] } });
  if (merged.phone !== undefined && merged.phone.e164 !== target.phone?.e164)
    out.push({ step: 'phone', type: 'ChangePhone', data: { phone: merged.phone } });
  if (merged.card !== undefined && merged.card !== target.card)
    out.push({ step: 'card', type: 'AssignCard', data: { card: merged.card } });
  if (merged.groupId !== undefined && merged.groupId !== target.groupId)
    out.push({ step: 'group', type: 'AssignGroup', data: { groupId: merged.groupId } });
  if (!isDeepStrictEqual(merged.preferences, target.preferences))
    out.push({ step: 'preferences', type: 'ChangePreferences', data: { changes: merged.preferences } });
  if (merged.comments !== undefined && merged.comments !== target.comments)
    out.push({ step: 'comments', type: 'SetComments', data: { comments: merged.comments } });
  return out;
};

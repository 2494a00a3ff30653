import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { ValidationError } from '../kernel/errors';
import { refuse, refuseNotText, shown } from './refusal';

/** io-ts codec for a stored gender. */
export const GenderCodec = t.keyof({ female: null, male: null, other: null, unspecified: null }, 'Gender');

/** A customer's gender, for services priced or booked by it; `unspecified` when the customer declines to say. */
export type Gender = t.TypeOf<typeof GenderCodec>;

/** Every gender value, in display order. */
export const GENDERS: readonly Gender[] = ['female', 'male', 'other', 'unspecified'];

/** Reads a gender as typed or picked (case and surrounding spaces ignored). */
export const parseGender = (
  input: unknown,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, Gender> => {
  const field = options.field ?? 'gender';
  if (typeof input !== 'string') return refuseNotText('gender', 'gender', field, input);
  const value = input.trim().toLowerCase();
  return GenderCodec.is(value)
    ? E.right(value)
    : refuse(
        'gender.invalid',
        `${shown(input)} is not one of the genders this system records: female, male, other or unspecified.`,
        field,
        input,
      );
};

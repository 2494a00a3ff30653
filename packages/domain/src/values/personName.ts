import * as E from 'fp-ts/Either';
import type { ValidationError } from '../kernel/errors';
import type { Brand } from './brand';
import { storedValueCodec } from './codec';
import { refuse, refuseNotText, shown } from './refusal';
import { codePointLength, hasControlCharacters, tidyText } from './text';

/** A first or last name: NFC-normalised, trimmed, single spaces between words. */
export type PersonName = Brand<string, 'PersonName'>;

/** Options for reading a name. */
export type PersonNameOptions = {
  /** The field named in refusals (`firstName`, `lastName`); `name` unless told. */
  readonly field?: string;
  /** The longest name accepted, in characters; 100 unless told. */
  readonly maxLength?: number;
};

/** The longest name accepted unless a shop says otherwise. */
export const PERSON_NAME_MAX_LENGTH = 100;

/** Tidies a typed name and refuses empty, over-long or control-character input. */
export const parsePersonName = (
  input: unknown,
  options: PersonNameOptions = {},
): E.Either<ValidationError, PersonName> => {
  const field = options.field ?? 'name';
  const maxLength = options.maxLength ?? PERSON_NAME_MAX_LENGTH;
  if (typeof input !== 'string') return refuseNotText('name', 'name', field, input);
  const name = tidyText(input);
  if (name === '') return refuse('name.empty', 'No name was typed.', field, input);
  if (hasControlCharacters(name))
    return refuse(
      'name.invalid_characters',
      `${shown(input)} contains control characters that cannot be part of a name.`,
      field,
      input,
    );
  const length = codePointLength(name);
  return length > maxLength
    ? refuse(
        'name.too_long',
        `${shown(input)} is too long for a name: ${length} characters, at most ${maxLength}.`,
        field,
        input,
        { length, maxLength },
      )
    : E.right(name as PersonName);
};

/** io-ts codec for a stored name: non-empty and already tidy; length limits are policy and not re-checked. */
export const PersonNameCodec = storedValueCodec<PersonName, string>('PersonName', (u) =>
  typeof u === 'string' && u !== '' && tidyText(u) === u && !hasControlCharacters(u)
    ? E.right(u as PersonName)
    : E.left('a name is non-empty, NFC-normalised text with single spaces and no control characters'),
);

import * as E from 'fp-ts/Either';
import { ValidationError, type ErrorDetails } from '../kernel/errors';

// Long pastes (a whole address in the phone field) would drown the sentence; the full value stays in `value`.
const SHOWN_MAX = 48;

/** What the person typed, quoted so stray blanks and invisible characters show; long inputs are cut. */
export const shown = (value: unknown): string => {
  if (typeof value === 'string') {
    const cut = [...value].length > SHOWN_MAX ? `${[...value].slice(0, SHOWN_MAX - 1).join('')}…` : value;
    return JSON.stringify(cut);
  }
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  try {
    return shown(JSON.stringify(value) ?? typeof value);
  } catch {
    // Cyclic or exotic objects: naming the kind is the most a cashier can use.
    return `a ${typeof value}`;
  }
};

/** A refusal: `Left` of a ValidationError naming the rule (code), the field and the raw value. */
export const refuse = <A = never>(
  code: string,
  message: string,
  field: string,
  value: unknown,
  details?: ErrorDetails,
): E.Either<ValidationError, A> => E.left(new ValidationError(code, message, field, value, details));

/** Refuses a value that is not text, for inputs arriving from JSON where the type is not guaranteed. */
export const refuseNotText = <A = never>(
  prefix: string,
  label: string,
  field: string,
  value: unknown,
): E.Either<ValidationError, A> =>
  refuse(`${prefix}.not_text`, `The ${label} must be text, but ${shown(value)} was given.`, field, value);

import * as E from 'fp-ts/Either';
import { ValidationError } from '@tillstream/domain';

/** Where events come from or go to: a JSONL file (`-` for stdin) or an EventStoreDB connection string. */
export type Location =
  | { readonly kind: 'jsonl'; readonly path: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

const ESDB = /^esdb(\+discover)?:\/\//;

/** Reads a location argument: `esdb://…` or `esdb+discover://…`, `-` for stdin, anything else a JSONL file path. */
export const parseLocation = (text: string): E.Either<ValidationError, Location> => {
  if (ESDB.test(text)) return E.right({ kind: 'eventstoredb', connectionString: text });
  if (text === '-') return E.right({ kind: 'stdin' });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
    return E.left(
      new ValidationError(
        'location.unsupported',
        `"${text}" is neither a JSONL file nor an EventStoreDB connection string (esdb://…).`,
        'location',
        text,
      ),
    );
  return E.right({ kind: 'jsonl', path: text });
};

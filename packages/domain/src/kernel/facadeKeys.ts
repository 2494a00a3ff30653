import * as E from 'fp-ts/Either';
import { ValidationError } from './errors';

/**
 * Namespace of command ids made from a caller's idempotency key. The library's own processes
 * key their commands `order:…`, `voucher:…` or `<mergeId>:…`; no caller key can become one of
 * those, so a caller cannot pre-empt a step of an order, voucher or merge by guessing its key.
 */
export const CALLER_NAMESPACE = 'request';

/** The command id of a caller's idempotency key: `request:<key>`. */
export const callerCommandId = (key: string): string => `${CALLER_NAMESPACE}:${key}`;

/** First segments the library's own command ids use; a caller id that prefixes command ids must not be one. */
const RESERVED = new Set([CALLER_NAMESPACE, 'order', 'voucher', 'voucher-confirm']);

/**
 * Checks a caller-chosen id that the library uses as the prefix of its own command ids (a merge
 * id: `<mergeId>:<step>`): no ":" and none of the reserved namespaces, so its steps can never
 * equal a caller key's or another process's command id.
 */
export const checkCallerPrefix = (field: string, id: string): E.Either<ValidationError, string> =>
  id.length > 0 && !id.includes(':') && !RESERVED.has(id)
    ? E.right(id)
    : E.left(
        new ValidationError(
          'command.id_reserved',
          `"${id}" cannot be used as a ${field}: it must be non-empty, hold no ":" and not be one of ${[...RESERVED].join(', ')}.`,
          field,
          id,
        ),
      );

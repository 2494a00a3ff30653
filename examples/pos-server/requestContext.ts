import { PermissionError, type CommandContext } from '@tillstream/domain';
import * as E from 'fp-ts/Either';

/**
 * Who is asking, for which shop. An example only: the headers are taken on trust here. A real
 * backend authenticates the caller (a session, a JWT, mTLS from the till) and derives tenant and
 * actor from that, never from what the client claims.
 */
export interface ContextHeaders {
  readonly 'x-tenant-id': string;
  readonly 'x-actor-role': 'customer' | 'operator' | 'manager';
  readonly 'x-actor-id': string;
  /** Sent again with a retried request, it makes the retry write nothing new. */
  readonly 'idempotency-key'?: string;
}

/** JSON schema of the headers every route requires; `system` is the library's own processes, never a caller. */
export const contextHeadersSchema = {
  type: 'object',
  required: ['x-tenant-id', 'x-actor-role', 'x-actor-id'],
  properties: {
    'x-tenant-id': { type: 'string', minLength: 1, maxLength: 64 },
    'x-actor-role': { type: 'string', enum: ['customer', 'operator', 'manager'] },
    'x-actor-id': { type: 'string', minLength: 1, maxLength: 128 },
    'idempotency-key': { type: 'string', minLength: 1, maxLength: 128 },
  },
} as const;

/** Tenant, actor and idempotency key in the form the orders and wallets facades take. */
export const requestOf = (headers: ContextHeaders) => ({
  tenantId: headers['x-tenant-id'],
  actor: { role: headers['x-actor-role'], id: headers['x-actor-id'] },
  ...(headers['idempotency-key'] === undefined ? {} : { idempotencyKey: headers['idempotency-key'] }),
});

/** Refuses a customer's screen what is staff's alone (the search over every customer, the order board). */
export const staffOnly = (headers: ContextHeaders, what: string): E.Either<PermissionError, void> =>
  headers['x-actor-role'] === 'customer'
    ? E.left(
        new PermissionError(
          'request.staff_only',
          `A customer cannot see ${what}; it is for the shop staff.`,
          {
            role: headers['x-actor-role'],
            actorId: headers['x-actor-id'],
          },
        ),
      )
    : E.right(undefined);

/** The same in the form the customers facade takes (the key is its command id). */
export const commandContextOf = (headers: ContextHeaders): CommandContext => ({
  tenantId: headers['x-tenant-id'],
  actor: { role: headers['x-actor-role'], id: headers['x-actor-id'] },
  ...(headers['idempotency-key'] === undefined ? {} : { commandId: headers['idempotency-key'] }),
});

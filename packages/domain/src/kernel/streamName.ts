import * as E from 'fp-ts/Either';
import { ValidationError } from './errors';

/** A stream name split into its parts: `{category}-{tenantId}.{id}`. */
export interface StreamNameParts {
  readonly category: string;
  readonly tenantId: string;
  readonly id: string;
}

const TENANT = /^[A-Za-z0-9_]{1,64}$/;
const CATEGORY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Checks a tenant id: letters, digits and underscore, so it can sit inside stream names. */
export const parseTenantId = (tenantId: string): E.Either<ValidationError, string> =>
  TENANT.test(tenantId)
    ? E.right(tenantId)
    : E.left(
        new ValidationError(
          'tenant.invalid',
          `Tenant id "${tenantId}" may only hold letters, digits and "_" (1-64 characters).`,
          'tenantId',
          tenantId,
        ),
      );

/** Builds `{category}-{tenantId}.{id}`; the category prefix lets EventStoreDB filters select it. */
export const streamName = (category: string, tenantId: string, id: string): string => {
  if (!CATEGORY.test(category)) throw new TypeError(`Invalid stream category "${category}"`);
  if (!TENANT.test(tenantId)) throw new TypeError(`Invalid tenant id "${tenantId}"`);
  if (id.length === 0) throw new TypeError('A stream id cannot be empty');
  return `${category}-${tenantId}.${id}`;
};

/** The category and tenant of a stream name: what its head (`{category}-{tenantId}`) says. */
export interface StreamHead {
  readonly category: string;
  readonly tenantId: string;
}

// Heads already judged, with their verdict: a log holds a few kinds of stream per shop, so a name's
// head is almost always one seen before, and judging it again cost two regular expressions.
const heads = new Map<string, StreamHead | null>();

const judgeHead = (head: string): StreamHead | null => {
  const dash = head.lastIndexOf('-');
  if (dash < 0) return null;
  const category = head.slice(0, dash);
  const tenantId = head.slice(dash + 1);
  return CATEGORY.test(category) && TENANT.test(tenantId) ? { category, tenantId } : null;
};

/** The category and tenant of a stream name made by `streamName` (one object per head); undefined for any other name. */
export const streamHead = (name: string): StreamHead | undefined => {
  const dot = name.indexOf('.');
  if (dot < 0 || dot === name.length - 1) return undefined;
  const head = name.slice(0, dot);
  let known = heads.get(head);
  if (known === undefined) {
    known = judgeHead(head);
    if (heads.size >= 10_000) heads.clear();
    heads.set(head, known);
  }
  return known ?? undefined;
};

/** Splits a stream name made by `streamName`; undefined for any other name. */
export const parseStreamName = (name: string): StreamNameParts | undefined => {
  const head = streamHead(name);
  return head === undefined
    ? undefined
    : { category: head.category, tenantId: head.tenantId, id: name.slice(name.indexOf('.') + 1) };
};

/** Whether `name` is a stream name made by `streamName` for `tenantId` (checked on every command). */
export const isStreamOfTenant = (name: string, tenantId: string): boolean =>
  streamHead(name)?.tenantId === tenantId;

/** The prefix that selects one category of one tenant, e.g. for a subscription filter. */
export const streamPrefix = (category: string, tenantId?: string): string =>
  tenantId === undefined ? `${category}-` : `${category}-${tenantId}.`;

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

/** Splits a stream name made by `streamName`; undefined for any other name. */
export const parseStreamName = (name: string): StreamNameParts | undefined => {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const head = name.slice(0, dot);
  const dash = head.lastIndexOf('-');
  if (dash < 0) return undefined;
  const category = head.slice(0, dash);
  const tenantId = head.slice(dash + 1);
  const id = name.slice(dot + 1);
  return CATEGORY.test(category) && TENANT.test(tenantId) && id.length > 0
    ? { category, tenantId, id }
    : undefined;
};

// Heads (`{category}-{tenantId}`) already parsed, with their tenant: a shop's streams share a few.
const tenantOfHead = new Map<string, string>();

/** Whether `name` is a stream name made by `streamName` for `tenantId` (checked on every command). */
export const isStreamOfTenant = (name: string, tenantId: string): boolean => {
  const dot = name.indexOf('.');
  if (dot < 0 || dot === name.length - 1) return false;
  const head = name.slice(0, dot);
  const known = tenantOfHead.get(head);
  if (known !== undefined) return known === tenantId;
  const parts = parseStreamName(name);
  if (parts === undefined) return false;
  if (tenantOfHead.size >= 1024) tenantOfHead.clear();
  tenantOfHead.set(head, parts.tenantId);
  return parts.tenantId === tenantId;
};

/** The prefix that selects one category of one tenant, e.g. for a subscription filter. */
export const streamPrefix = (category: string, tenantId?: string): string =>
  tenantId === undefined ? `${category}-` : `${category}-${tenantId}.`;

import { createHmac } from 'node:crypto';
import { streamName } from '../../kernel/streamName';

/** A per-tenant secret keying reservation hashes, so stream names reveal no phone or card number. */
export type TenantSecret = string | Buffer;

const KIND = /^[a-z][a-z0-9]*$/;

/** The keyed hash (HMAC-SHA256, base64url) of a normalised value: the id of its reservation stream. */
export const reservationKey = (secret: TenantSecret, kind: string, normalisedValue: string): string =>
  createHmac('sha256', secret).update(kind).update('\u0000').update(normalisedValue).digest('base64url');

/** `unique-{kind}-{tenantId}.{key}`: the stream that says who holds one value of one kind. */
export const reservationStream = (kind: string, tenantId: string, key: string): string => {
  if (!KIND.test(kind)) throw new TypeError(`Invalid reservation kind "${kind}"`);
  return streamName(`unique-${kind}`, tenantId, key);
};

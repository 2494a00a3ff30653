import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { streamName } from '../../kernel/streamName';

/** A per-tenant secret keying reservation hashes, so stream names reveal no phone or card number. */
export type TenantSecret = string | Buffer;

const KIND = /^[a-z][a-z0-9]*$/;

// Every reservation step hashes under its tenant's secret: the key object is made once per secret
// (text by its value, a buffer by its bytes, so one changed in place is a new secret), not per hash.
const MAX_KEYS = 10_000;
const textKeys = new Map<string, KeyObject>();
const byteKeys = new Map<string, KeyObject>();

const remembered = (keys: Map<string, KeyObject>, id: string, bytes: () => Buffer): KeyObject => {
  let key = keys.get(id);
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear();
    key = createSecretKey(bytes());
    keys.set(id, key);
  }
  return key;
};

const keyOf = (secret: TenantSecret): KeyObject =>
  typeof secret === 'string'
    ? remembered(textKeys, secret, () => Buffer.from(secret, 'utf8'))
    : remembered(byteKeys, secret.toString('base64'), () => Buffer.from(secret));

/** The keyed hash (HMAC-SHA256, base64url) of a normalised value: the id of its reservation stream. */
export const reservationKey = (secret: TenantSecret, kind: string, normalisedValue: string): string =>
  createHmac('sha256', keyOf(secret))
    .update(kind)
    .update('\u0000')
    .update(normalisedValue)
    .digest('base64url');

/** `unique-{kind}-{tenantId}.{key}`: the stream that says who holds one value of one kind. */
export const reservationStream = (kind: string, tenantId: string, key: string): string => {
  if (!KIND.test(kind)) throw new TypeError(`Invalid reservation kind "${kind}"`);
  return streamName(`unique-${kind}`, tenantId, key);
};

import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { DataKey } from './keyStore';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const PREFIX = `${VERSION}.`;

/** A sealed value: `v1.` then base64url of IV, GCM tag and ciphertext. */
export type Sealed = string;

// Node turns raw key bytes into a key object on every cipher it makes; a key store hands out the
// same bytes for a subject, so each is turned once (and forgotten with the bytes).
const keyObjects = new WeakMap<DataKey, KeyObject>();
const keyObjectOf = (key: DataKey): KeyObject => {
  let made = keyObjects.get(key);
  if (made === undefined) keyObjects.set(key, (made = createSecretKey(key)));
  return made;
};

/**
 * Encrypts a JSON value with AES-256-GCM under a fresh random IV; `context` is authenticated
 * (not stored), so a sealed value moved to another event no longer opens.
 */
export const seal = (key: DataKey, context: string, value: unknown): Sealed => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyObjectOf(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
};

/** Decrypts a sealed value; throws when it was altered, sealed for another context or with another key. */
export const open = (key: DataKey, context: string, sealed: Sealed): unknown => {
  if (!sealed.startsWith(PREFIX)) throw new TypeError(`Unknown sealed-value format "${sealed.slice(0, 8)}"`);
  const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv(ALGORITHM, keyObjectOf(key), bytes.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const head = decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES));
  const tail = decipher.final();
  return JSON.parse((tail.length === 0 ? head : Buffer.concat([head, tail])).toString('utf8')) as unknown;
};

/**
 * Seals under several keys, one inside the other: opening needs every key, so destroying any one
 * of them erases the value. One key costs one cipher call, as `seal` does.
 */
export const sealUnder = (keys: readonly DataKey[], context: string, value: unknown): Sealed =>
  keys.reduce<unknown>((inner, key) => seal(key, context, inner), value) as Sealed;

/** Opens what `sealUnder` sealed, given the same keys in the same order. */
export const openUnder = (keys: readonly DataKey[], context: string, sealed: Sealed): unknown =>
  keys.reduceRight<unknown>((outer, key) => open(key, context, outer as Sealed), sealed);

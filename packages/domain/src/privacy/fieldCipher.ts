import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './keyStore';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** A sealed value: `v1.` then base64url of IV, GCM tag and ciphertext. */
export type Sealed = string;

/**
 * Encrypts a JSON value with AES-256-GCM under a fresh random IV; `context` is authenticated
 * (not stored), so a sealed value moved to another event no longer opens.
 */
export const seal = (key: DataKey, context: string, value: unknown): Sealed => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
};

/** Decrypts a sealed value; throws when it was altered, sealed for another context or with another key. */
export const open = (key: DataKey, context: string, sealed: Sealed): unknown => {
  if (!sealed.startsWith(`${VERSION}.`))
    throw new TypeError(`Unknown sealed-value format "${sealed.slice(0, 8)}"`);
  const bytes = Buffer.from(sealed.slice(VERSION.length + 1), 'base64url');
  const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  return JSON.parse(text.toString('utf8')) as unknown;
};

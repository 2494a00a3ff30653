import { randomBytes } from 'node:crypto';

/** Whose personal data a key protects: one customer of one tenant. */
export interface KeySubject {
  readonly tenantId: string;
  readonly subjectId: string;
}

/** A 256-bit data key for AES-256-GCM. */
export type DataKey = Uint8Array;

/**
 * Holds one data key per subject, apart from the event log, so that a subject's personal data
 * can be erased by destroying its key while the events themselves stay untouched.
 */
export interface KeyStore {
  /** The subject's key, made on first use; undefined once it was destroyed, which is for good. */
  readonly obtain: (subject: KeySubject) => Promise<DataKey | undefined>;
  /** The subject's key, or undefined when it never had one or it was destroyed. */
  readonly find: (subject: KeySubject) => Promise<DataKey | undefined>;
  /** Destroys the subject's key for good; destroying a destroyed or missing key does nothing. */
  readonly destroy: (subject: KeySubject) => Promise<void>;
}

/** The bytes of a new random data key. */
export const newDataKey = (): DataKey => randomBytes(32);

const subjectKey = (subject: KeySubject) => `${subject.tenantId}\u0000${subject.subjectId}`;

/** The embedded default: keys in a map, a destroyed key remembered as destroyed so it is never made again. */
export const inMemoryKeyStore = (): KeyStore => {
  const keys = new Map<string, DataKey | 'destroyed'>();
  return {
    obtain: async (subject) => {
      const id = subjectKey(subject);
      const known = keys.get(id);
      if (known === 'destroyed') return undefined;
      if (known !== undefined) return known;
      const key = newDataKey();
      keys.set(id, key);
      return key;
    },
    find: async (subject) => {
      const known = keys.get(subjectKey(subject));
      return known === 'destroyed' ? undefined : known;
    },
    destroy: async (subject) => {
      keys.set(subjectKey(subject), 'destroyed');
    },
  };
};

import type { DataKey, KeyStore, KeySubject } from './keyStore';

/** How many keys a cache keeps, and for how long another process's destroy may go unseen. */
export interface KeyCacheOptions {
  /** Keys kept, least recently used dropped first (default 10 000: 10 000 × 32 bytes). */
  readonly maxKeys?: number;
  /** How long a cached key is trusted (default: until dropped). Set it when other processes may destroy keys. */
  readonly ttlMs?: number;
  /** The clock of `ttlMs`, in milliseconds. */
  readonly now?: () => number;
}

const DEFAULT_MAX_KEYS = 10_000;

const idOf = (subject: KeySubject) => `${subject.tenantId}\u0000${subject.subjectId}`;

/**
 * A `KeyStore` that remembers the keys it read, so reading a customer's sealed events does not ask
 * the key store every time. `destroy` drops the key before destroying it, and a key read while it
 * was being destroyed is never cached: through this store, a destroyed key is never served. Give the
 * same cached store to `personalDataStore` and to the privacy facade, so a forget goes through it;
 * a destroy made elsewhere (another process) is seen once `ttlMs` has passed.
 */
export const cachedKeyStore = (inner: KeyStore, options: KeyCacheOptions = {}): KeyStore => {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const cached = new Map<string, { readonly key: DataKey; readonly at: number }>();
  const destroyed = new Set<string>();

  const remember = (id: string, key: DataKey | undefined): DataKey | undefined => {
    if (key === undefined || destroyed.has(id) || maxKeys <= 0) return key;
    cached.delete(id);
    cached.set(id, { key, at: now() });
    if (cached.size > maxKeys) {
      const oldest = cached.keys().next();
      if (oldest.done !== true) cached.delete(oldest.value);
    }
    return key;
  };

  const through =
    (read: (subject: KeySubject) => Promise<DataKey | undefined>) =>
    async (subject: KeySubject): Promise<DataKey | undefined> => {
      const id = idOf(subject);
      if (destroyed.has(id)) return undefined;
      const hit = cached.get(id);
      if (hit !== undefined && now() - hit.at < ttlMs) {
        cached.delete(id);
        cached.set(id, hit);
        return hit.key;
      }
      cached.delete(id);
      return remember(id, await read(subject));
    };

  return {
    obtain: through(inner.obtain),
    find: through(inner.find),
    destroy: async (subject) => {
      const id = idOf(subject);
      destroyed.add(id);
      cached.delete(id);
      await inner.destroy(subject);
    },
  };
};

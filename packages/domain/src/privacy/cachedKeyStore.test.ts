import { describe, expect, it } from '@jest/globals';
import { cachedKeyStore } from './cachedKeyStore';
import { inMemoryKeyStore, type DataKey, type KeyStore } from './keyStore';
import { anna, as, privateShop, right } from './privacyTestKit';

const alice = { tenantId: 'shop1', subjectId: 'alice' };
const bob = { tenantId: 'shop1', subjectId: 'bob' };
const carol = { tenantId: 'shop1', subjectId: 'carol' };

/** An in-memory key store that counts the reads reaching it. */
const counted = () => {
  const inner = inMemoryKeyStore();
  const reads: string[] = [];
  const store: KeyStore = {
    obtain: (s) => (reads.push(s.subjectId), inner.obtain(s)),
    find: (s) => (reads.push(s.subjectId), inner.find(s)),
    destroy: inner.destroy,
  };
  return { store, reads };
};

describe('the key cache', () => {
  it('serves a key it has read without asking the key store again', async () => {
    const { store, reads } = counted();
    const keys = cachedKeyStore(store);
    const key = await keys.obtain(alice);
    expect(await keys.find(alice)).toBe(key);
    expect(await keys.find(alice)).toBe(key);
    expect(reads).toEqual(['alice']);
  });

  it('never serves a destroyed key: destroying drops it first', async () => {
    const keys = cachedKeyStore(inMemoryKeyStore());
    await keys.obtain(alice);
    await keys.destroy(alice);
    expect(await keys.find(alice)).toBeUndefined();
    expect(await keys.obtain(alice)).toBeUndefined();
  });

  it('does not keep a key whose read was under way while it was destroyed', async () => {
    const inner = inMemoryKeyStore();
    const key = await inner.obtain(alice);
    let answer: (k: DataKey | undefined) => void = () => undefined;
    const keys = cachedKeyStore({
      ...inner,
      find: () => new Promise((resolve) => (answer = resolve)),
    });
    const late = keys.find(alice);
    await keys.destroy(alice);
    answer(key);
    await late;
    expect(await keys.find(alice)).toBeUndefined();
  });

  it('keeps at most maxKeys, dropping the least recently used', async () => {
    const { store, reads } = counted();
    const keys = cachedKeyStore(store, { maxKeys: 2 });
    for (const s of [alice, bob, alice, carol, alice, bob]) await keys.obtain(s);
    expect(reads).toEqual(['alice', 'bob', 'carol', 'bob']);
  });

  it('asks the key store again once ttlMs has passed, so a destroy made elsewhere is seen', async () => {
    const { store, reads } = counted();
    let now = 0;
    const keys = cachedKeyStore(store, { ttlMs: 1000, now: () => now });
    await keys.obtain(alice);
    now = 999;
    await keys.find(alice);
    now = 1000;
    await store.destroy(alice);
    expect(await keys.find(alice)).toBeUndefined();
    expect(reads).toEqual(['alice', 'alice']);
  });

  it('lets a forget through the privacy facade erase the customer at once', async () => {
    const shop = privateShop();
    const { customerId } = right(await shop.customers.register(as('operator'), anna.input));
    expect(right(await shop.customers.get('shop1', customerId)).profile.firstName).toBe('Annushka');
    right(await shop.privacy.forget(as('manager'), customerId, 'GDPR-15'));
    expect(right(await shop.customers.get('shop1', customerId)).profile.firstName).toBe('[erased]');
  });
});

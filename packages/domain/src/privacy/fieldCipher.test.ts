import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { open, seal } from './fieldCipher';
import { inMemoryKeyStore, newDataKey } from './keyStore';

const json = fc.jsonValue();

describe('sealing personal values', () => {
  it('opens to the same JSON value with the same key and context', () => {
    const key = newDataKey();
    fc.assert(
      fc.property(json, fc.string(), (value, context) => {
        expect(open(key, context, seal(key, context, value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('never seals the same value to the same text (a fresh IV each time)', () => {
    const key = newDataKey();
    expect(seal(key, 'c', '+79161234567')).not.toBe(seal(key, 'c', '+79161234567'));
  });

  it('refuses to open with another key, in another context, or once altered', () => {
    const key = newDataKey();
    const sealed = seal(key, 'customer-shop1.a|e1|CustomerRegistered', { phone: '+79161234567' });
    expect(() => open(newDataKey(), 'customer-shop1.a|e1|CustomerRegistered', sealed)).toThrow();
    expect(() => open(key, 'customer-shop1.b|e1|CustomerRegistered', sealed)).toThrow();
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(() => open(key, 'customer-shop1.a|e1|CustomerRegistered', flipped)).toThrow();
  });
});

describe('the in-memory key store', () => {
  const subject = { tenantId: 'shop1', subjectId: 'alice' };

  it('gives one key per subject, made on first use', async () => {
    const keys = inMemoryKeyStore();
    expect(await keys.find(subject)).toBeUndefined();
    const key = await keys.obtain(subject);
    expect(key?.length).toBe(32);
    expect(await keys.obtain(subject)).toBe(key);
    expect(await keys.obtain({ tenantId: 'shop2', subjectId: 'alice' })).not.toEqual(key);
  });

  it('never makes a destroyed key again', async () => {
    const keys = inMemoryKeyStore();
    await keys.obtain(subject);
    await keys.destroy(subject);
    expect([await keys.find(subject), await keys.obtain(subject)]).toEqual([undefined, undefined]);
  });
});

import { describe, expect, it } from '@jest/globals';
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { commandFingerprint, commandHash, sameCommand } from './commandHash';

// Stored with every event since the fingerprint replaced the SHA-256 hash: must never change.
const PINNED_ADD = 'a0340734b73ff92eadc57e56dcdd5f99';
const PINNED_REGISTER = '39a70dd1c0983ec92e21aa4c0b3aef9c';

// The canonical form as first written: every stored SHA-256 hash was computed from it.
const referenceCanonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? `"${value.toString()}n"` : (JSON.stringify(value) ?? 'null');
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(',')}]`;
  const record = value as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${referenceCanonical(v)}`;
  }
  return `${out}}`;
};
// The first form threw on an invalid date (toISOString); such data was never stored.
const hasInvalidDate = (value: unknown): boolean =>
  value instanceof Date
    ? Number.isNaN(value.getTime())
    : value !== null && typeof value === 'object' && Object.values(value).some(hasInvalidDate);
const referenceHash = (type: string, data: unknown) =>
  crypto
    .createHash('sha256')
    .update(`${type}\u0000${referenceCanonical(data)}`)
    .digest('base64url')
    .slice(0, 22);

describe('commandHash', () => {
  it('hashes exactly as the first canonical form did, for any data', () => {
    const values = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true, withObjectString: true }),
      fc.dictionary(fc.string({ unit: 'binary' }), fc.oneof(fc.string({ unit: 'binary' }), fc.double())),
    );
    fc.assert(
      fc.property(fc.string(), values, (type, data) => {
        fc.pre(!hasInvalidDate(data));
        expect(commandHash(type, data)).toBe(referenceHash(type, data));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the hashes of known requests, so commands stored earlier are still recognised when re-sent', () => {
    expect(commandHash('Add', { amount: 4 })).toBe('RGxtryARO9VxVgWkfydiWj');
    const data = {
      b: [1, { z: undefined, y: 'é😀' }],
      a: new Date('2026-01-01T00:00:00Z'),
      n: 10n,
      u: undefined,
      c: null,
    };
    expect(commandHash('RegisterCustomer', data)).toBe('QEJp-ZvwETJKOzLbNEel6-');
  });

  it('reads an invalid date as null instead of throwing', () => {
    expect(commandHash('At', { when: new Date(Number.NaN) })).toBe(commandHash('At', { when: null }));
  });

  it('does not depend on the order of fields, nor on fields that are undefined', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(commandHash('T', { ...reversed, extra: undefined })).toBe(commandHash('T', record));
      }),
    );
  });

  it('tells apart requests whose type or data differ', () => {
    expect(commandHash('A', { x: 1 })).not.toBe(commandHash('B', { x: 1 }));
    expect(commandHash('A', { x: 1 })).not.toBe(commandHash('A', { x: 2 }));
    expect(commandHash('A', ['a,b'])).not.toBe(commandHash('A', ['a', 'b']));
  });
});

describe('commandFingerprint', () => {
  it('is 128 bits in hex, never the 22-character form of commandHash, and stable across versions', () => {
    expect(commandFingerprint('Add', { amount: 4 })).toMatch(/^[0-9a-f]{32}$/);
    expect(commandFingerprint('Add', { amount: 4 })).toBe(PINNED_ADD);
    expect(commandFingerprint('RegisterCustomer', { b: [1, { y: 'é😀' }], a: new Date(0), n: 10n })).toBe(
      PINNED_REGISTER,
    );
  });

  it('does not depend on the order of fields, nor on fields that are undefined', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(commandFingerprint('T', { ...reversed, extra: undefined })).toBe(
          commandFingerprint('T', record),
        );
      }),
    );
  });

  it('tells apart requests whose type or data differ', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), fc.string(), fc.jsonValue(), (ta, a, tb, b) => {
        fc.pre(commandHash(ta, a) !== commandHash(tb, b));
        expect(commandFingerprint(ta, a)).not.toBe(commandFingerprint(tb, b));
      }),
      { numRuns: 2000 },
    );
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(commandFingerprint('Add', { amount: i }));
    expect(seen.size).toBe(20_000);
  });

  it('matches a stored fingerprint in either form, and nothing else', () => {
    const data = { amount: 4 };
    const now = commandFingerprint('Add', data);
    expect(sameCommand(now, now, 'Add', data)).toBe(true);
    expect(sameCommand(commandHash('Add', data), now, 'Add', data)).toBe(true);
    expect(sameCommand(commandHash('Add', { amount: 5 }), now, 'Add', data)).toBe(false);
    expect(sameCommand(commandFingerprint('Add', { amount: 5 }), now, 'Add', data)).toBe(false);
    expect(sameCommand('erased', now, 'Add', data)).toBe(false);
  });
});

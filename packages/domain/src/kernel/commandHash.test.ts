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

// MurmurHash3 x86 128 of a whole string, as the fingerprint was first computed.
const referenceMurmur = (s: string): string => {
  const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
  const fmix = (h: number) => {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  const at = (list: readonly number[], i: number) => list[i] as number;
  const c = [0x239b961b, 0xab0e9789, 0x38b34ae5, 0xa1e38b93, 0x239b961b];
  const r = [15, 16, 17, 18];
  const add = [0x561ccd1b, 0x0bcaa747, 0x96cd1c35, 0x32ac3b17];
  const turn = [19, 17, 15, 13];
  const unit = (i: number) => (i < s.length ? s.charCodeAt(i) : 0);
  const k = (i: number, lane: number) =>
    Math.imul(rotl(Math.imul(unit(i) | (unit(i + 1) << 16), at(c, lane)), at(r, lane)), at(c, lane + 1));
  const h = [0, 0, 0, 0];
  const blocks = s.length - (s.length % 8);
  for (let i = 0; i < blocks; i += 8)
    for (let lane = 0; lane < 4; lane++) {
      h[lane] = at(h, lane) ^ k(i + 2 * lane, lane);
      h[lane] = (Math.imul(rotl(at(h, lane), at(turn, lane)) + at(h, (lane + 1) % 4), 5) + at(add, lane)) | 0;
    }
  for (let lane = 3; lane >= 0; lane--)
    if (s.length - blocks > 2 * lane) h[lane] = (h[lane] as number) ^ k(blocks + 2 * lane, lane);
  const [a, b, d, e] = h.map((x) => x ^ s.length) as [number, number, number, number];
  let h1 = (a + b + d + e) | 0;
  let h2 = (b + h1) | 0;
  let h3 = (d + h1) | 0;
  let h4 = (e + h1) | 0;
  [h1, h2, h3, h4] = [fmix(h1), fmix(h2), fmix(h3), fmix(h4)];
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return [h1, h2, h3, h4].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
};

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
  it('is MurmurHash3 x86 128 of the type, a NUL and the canonical form, for any data', () => {
    const values = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true, withObjectString: true }),
      fc.dictionary(fc.string({ unit: 'binary' }), fc.oneof(fc.string({ unit: 'binary' }), fc.double())),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), values, (type, data) => {
        fc.pre(!hasInvalidDate(data));
        expect(commandFingerprint(type, data)).toBe(
          referenceMurmur(`${type}\u0000${referenceCanonical(data)}`),
        );
      }),
      { numRuns: 3000 },
    );
  });

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

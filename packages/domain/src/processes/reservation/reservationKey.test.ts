import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { reservationKey } from './reservationKey';

const hmac = (secret: string | Buffer, kind: string, value: string) =>
  createHmac('sha256', secret).update(kind).update('\u0000').update(value).digest('base64url');

describe('reservationKey', () => {
  it('is the HMAC-SHA256 of kind and value under each secret, whichever secrets came before', () => {
    const secret = fc.oneof(
      fc.constantFrom('shop1', 'shop2', '', 'zażółć'),
      fc.string(),
      fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(secret, fc.constantFrom('phone', 'card'), fc.string()), { minLength: 1 }),
        (calls) => {
          for (const [s, kind, value] of calls)
            expect(reservationKey(s, kind, value)).toBe(hmac(s, kind, value));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keys a text secret and a buffer of the same bytes alike, and a buffer changed in place as the new secret', () => {
    const bytes = Buffer.from('shop1');
    expect(reservationKey(bytes, 'phone', '+48501234567')).toBe(
      reservationKey('shop1', 'phone', '+48501234567'),
    );
    bytes.write('shop2');
    expect(reservationKey(bytes, 'phone', '+48501234567')).toBe(hmac('shop2', 'phone', '+48501234567'));
    expect(reservationKey('shop1', 'phone', '+48501234567')).not.toBe(
      reservationKey('shop2', 'phone', '+48501234567'),
    );
  });
});

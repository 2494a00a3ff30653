import { describe, expect, it } from '@jest/globals';
import * as t from 'io-ts';
import { PhoneNumberCodec } from '../values/phoneNumber';
import { erasable, erasedPhone, ERASED } from './erased';

describe('erasable', () => {
  it('encodes as io-ts identity when its codec does, so the events holding it encode without a copy', () => {
    const phone = erasable(PhoneNumberCodec, erasedPhone);
    expect(phone.encode).toBe(t.identity);
    const event = t.type({ phone });
    const data = { phone: { e164: '+48501234567', raw: '501 234 567' } } as t.TypeOf<typeof event>;
    expect(event.encode(data)).toBe(data);
    expect(phone.encode(erasedPhone as never)).toBe(erasedPhone);
  });

  it('encodes through its codec when that codec changes what it encodes, and leaves erased values as they are', () => {
    const upper = new t.Type<string, string, unknown>('Upper', t.string.is, t.string.validate, (s) =>
      s.toUpperCase(),
    );
    const field = erasable(upper);
    expect(field.encode('anna')).toBe('ANNA');
    expect(field.encode(ERASED)).toBe(ERASED);
  });
});

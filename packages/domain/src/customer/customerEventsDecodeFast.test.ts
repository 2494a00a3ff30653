import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { CustomerRegistered } from './customerEvents';
import { customerEvents } from './customerEvents';

const preferences = {
  emailNotifications: true,
  smsNotifications: true,
  pushNotifications: false,
  marketingConsent: false,
  emailOnEachOrder: false,
};
const registered = {
  type: 'CustomerRegistered',
  data: {
    customerId: 'c1',
    profile: {
      firstName: 'Anna',
      lastName: 'Kowalska',
      phone: { e164: '+48501234567', raw: '501 234 567', country: 'PL' },
      taxId: { country: 'PL', value: '5260250274' },
      preferences,
    },
  },
} as unknown as CustomerRegistered;

describe('customer events with stored forms (phone, tax id)', () => {
  it('are checked without io-ts validate: a registration encodes as decoding to itself', () => {
    const encoded = customerEvents.encode(registered);
    expect(E.isRight(encoded) && encoded.right.decodesAsIs).toBe(true);
    const decoded = customerEvents.decode('CustomerRegistered', registered.data, 1);
    expect(E.isRight(decoded) && decoded.right.data).toBe(registered.data);
  });

  it('still drop what a stored form does not hold, through the full decode', () => {
    const data = {
      ...registered.data,
      profile: { ...registered.data.profile, phone: { e164: '+48501234567', raw: '501 234 567', extra: 1 } },
    };
    const decoded = customerEvents.decode('CustomerRegistered', data, 1);
    const event = E.isRight(decoded) ? decoded.right : undefined;
    expect(event?.type === 'CustomerRegistered' && event.data.profile.phone).toStrictEqual({
      e164: '+48501234567',
      raw: '501 234 567',
    });
  });
});

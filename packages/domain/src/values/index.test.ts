import { describe, expect, it } from '@jest/globals';
import * as values from './index';

describe('the values index exports every parser and codec', () => {
  it.each([
    'parsePhone',
    'parsePhoneNumber',
    'parsePhoneQuery',
    'phoneDigits',
    'whatsAppId',
    'E164Codec',
    'PhoneNumberCodec',
    'parseCardNumber',
    'CardNumberCodec',
    'parseNip',
    'parseTaxId',
    'TaxIdCodec',
    'parseEmail',
    'EmailCodec',
    'parsePersonName',
    'PersonNameCodec',
    'parseAddress',
    'AddressCodec',
    'parseGender',
    'GenderCodec',
    'parseLocale',
    'LocaleCodec',
    'makeMoney',
    'addMoney',
    'subtractMoney',
    'zeroMoney',
    'formatMoney',
    'MoneyCodec',
    'parsePoints',
    'PointsCodec',
    'parseCountryCode',
    'parseCurrency',
  ])('%s', (name) => {
    expect(values).toHaveProperty(name);
  });
});

import { ERASED, erasedAddress, erasedCompany, erasedPhone, erasedTaxId } from '../privacy/erased';
import type { PersonalDataSchema, PersonalField } from '../privacy/personalDataSchema';
import type { CustomerEvent } from './customerEvents';

// Everything about the person; groups, preferences, price modifiers, states and ids stay in clear.
const details = (prefix: string): readonly PersonalField[] => [
  { path: `${prefix}firstName`, erased: ERASED },
  { path: `${prefix}lastName`, erased: ERASED },
  { path: `${prefix}gender`, erased: ERASED },
  { path: `${prefix}email`, erased: ERASED },
  { path: `${prefix}address`, erased: erasedAddress },
  { path: `${prefix}taxId`, erased: erasedTaxId },
  { path: `${prefix}company`, erased: erasedCompany },
  { path: `${prefix}whatsApp`, erased: erasedPhone },
];

/** The personal fields of customer events, sealed with each customer's own data key. */
export const customerPersonalData: PersonalDataSchema<CustomerEvent['type']> = {
  category: 'customer',
  fields: {
    CustomerRegistered: [
      ...details('profile.'),
      { path: 'profile.phone', erased: erasedPhone },
      { path: 'profile.card', erased: ERASED },
      { path: 'profile.comments', erased: ERASED },
    ],
    CustomerProfileUpdated: details('set.'),
    CustomerPhoneChanged: [{ path: 'phone', erased: erasedPhone }],
    CustomerPhoneRemoved: [],
    CustomerCardAssigned: [{ path: 'card', erased: ERASED }],
    CustomerCardRemoved: [],
    CustomerGroupAssigned: [],
    CustomerGroupLeft: [],
    CustomerPriceModifiersSet: [],
    CustomerPreferencesChanged: [],
    CustomerCommentsChanged: [{ path: 'comments', erased: ERASED }],
    CustomerMergedInto: [],
    CustomerForgotten: [],
  },
};

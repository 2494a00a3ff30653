import * as t from 'io-ts';
import { nonEmptyString, withOptional } from '../kernel/codecs';
import { erasable, erasedAddress, erasedCompany, erasedPhone, erasedTaxId } from '../privacy/erased';
import { AddressCodec, type Address } from '../values/address';
import { CardNumberCodec, type CardNumber } from '../values/cardNumber';
import { EmailCodec, type Email } from '../values/email';
import { GenderCodec, type Gender } from '../values/gender';
import { LocaleCodec, type Locale } from '../values/locale';
import { PersonNameCodec, type PersonName } from '../values/personName';
import { PhoneNumberCodec, type PhoneNumber } from '../values/phoneNumber';
import { TaxIdCodec, type TaxId } from '../values/taxId';

/** How the customer wants to be contacted. */
export interface Preferences {
  readonly language?: Locale;
  readonly emailNotifications: boolean;
  readonly smsNotifications: boolean;
  readonly pushNotifications: boolean;
  readonly marketingConsent: boolean;
  readonly emailOnEachOrder: boolean;
}

/** Nothing is sent until the customer agrees to it. */
export const defaultPreferences: Preferences = {
  emailNotifications: false,
  smsNotifications: false,
  pushNotifications: false,
  marketingConsent: false,
  emailOnEachOrder: false,
};

/** Company data, typed in or prefilled from a company registry by tax id. */
export interface Company {
  readonly name: string;
  readonly address?: Address;
}

/** The profile fields edited with `UpdateProfile` (identifiers, group, preferences and comments have their own commands). */
export interface ProfileDetails {
  readonly firstName?: PersonName;
  readonly lastName?: PersonName;
  readonly gender?: Gender;
  readonly email?: Email;
  readonly address?: Address;
  readonly taxId?: TaxId;
  readonly company?: Company;
  readonly whatsApp?: PhoneNumber;
}

/** The names of the profile details, e.g. for removing one. */
export type DetailField = keyof ProfileDetails;

/** Every profile detail field. */
export const DETAIL_FIELDS = [
  'firstName',
  'lastName',
  'gender',
  'email',
  'address',
  'taxId',
  'company',
  'whatsApp',
] as const satisfies readonly DetailField[];

/** Everything a customer record holds about the person. */
export interface CustomerProfile extends ProfileDetails {
  readonly phone?: PhoneNumber;
  readonly card?: CardNumber;
  readonly groupId?: string;
  readonly preferences: Preferences;
  readonly comments?: string;
}

/** io-ts codec for stored preferences. */
export const PreferencesCodec: t.Type<Preferences, unknown, unknown> = withOptional(
  {
    emailNotifications: t.boolean,
    smsNotifications: t.boolean,
    pushNotifications: t.boolean,
    marketingConsent: t.boolean,
    emailOnEachOrder: t.boolean,
  },
  { language: LocaleCodec },
);

/** io-ts codec for stored company data. */
export const CompanyCodec: t.Type<Company, unknown, unknown> = withOptional(
  { name: nonEmptyString },
  { address: AddressCodec },
);

// Personal fields also decode in their erased form: a forgotten customer's events still fold.
const detailProps = {
  firstName: erasable(PersonNameCodec),
  lastName: erasable(PersonNameCodec),
  gender: erasable(GenderCodec),
  email: erasable(EmailCodec),
  address: erasable(AddressCodec, erasedAddress),
  taxId: erasable(TaxIdCodec, erasedTaxId),
  company: erasable(CompanyCodec, erasedCompany),
  whatsApp: erasable(PhoneNumberCodec, erasedPhone),
};

/** io-ts codec for stored profile details (every field optional). */
export const ProfileDetailsCodec: t.Type<ProfileDetails, unknown, unknown> = t.partial(detailProps);

/** io-ts codec for a stored profile. */
export const CustomerProfileCodec: t.Type<CustomerProfile, unknown, unknown> = withOptional(
  { preferences: PreferencesCodec },
  {
    ...detailProps,
    phone: erasable(PhoneNumberCodec, erasedPhone),
    card: erasable(CardNumberCodec),
    groupId: nonEmptyString,
    comments: t.string,
  },
);

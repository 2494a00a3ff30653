import * as E from 'fp-ts/Either';
import { ValidationError } from '../kernel/errors';
import { parseAddress, type Address } from '../values/address';
import { parseCardNumber, type CardNumber } from '../values/cardNumber';
import { parseEmail } from '../values/email';
import { parseGender } from '../values/gender';
import { parseLocale, type Locale } from '../values/locale';
import { parsePersonName } from '../values/personName';
import { parsePhone, type PhoneNumber } from '../values/phoneNumber';
import { parseTaxId } from '../values/taxId';
import { tidyText } from '../values/text';
import type { Company, CustomerProfile, DetailField, Preferences, ProfileDetails } from './customerProfile';
import { DETAIL_FIELDS, defaultPreferences } from './customerProfile';
import type { CustomerPolicy } from './customerPolicy';

/** Address parts as typed. */
export type AddressInput = Readonly<Partial<Record<keyof Address, string>>>;

/** Preferences as sent by a form; absent ones stay as they are. */
export interface PreferencesInput {
  readonly language?: string;
  readonly emailNotifications?: boolean;
  readonly smsNotifications?: boolean;
  readonly pushNotifications?: boolean;
  readonly marketingConsent?: boolean;
  readonly emailOnEachOrder?: boolean;
}

/** Profile details as typed; for an update, `null` removes a field. Blank text counts as not given. */
export interface DetailsInput {
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly gender?: string | null;
  readonly email?: string | null;
  readonly address?: AddressInput | null;
  readonly taxId?: string | null;
  readonly company?: { readonly name: string; readonly address?: AddressInput } | null;
  readonly whatsApp?: string | null;
}

/** A registration as typed at the till. */
export interface RegisterInput extends DetailsInput {
  /** Chosen by the caller, or derived from the command id so a retry reuses it. */
  readonly customerId?: string;
  readonly phone?: string;
  readonly card?: string;
  readonly groupId?: string;
  readonly preferences?: PreferencesInput;
  readonly comments?: string;
}

type Parsed<A> = E.Either<ValidationError, A>;

const COMMENTS_MAX = 2000;

const isBlank = (value: unknown) => typeof value === 'string' && value.trim() === '';

/** Reads a typed phone the shop's way. */
export const readPhone = (policy: CustomerPolicy, input: string, field = 'phone'): Parsed<PhoneNumber> => {
  const requireMobile = policy.requireMobile && field === 'phone';
  const { defaultCountry } = policy;
  return parsePhone(
    input,
    defaultCountry === undefined ? { requireMobile, field } : { defaultCountry, requireMobile, field },
  );
};

/** Reads a typed or scanned card the shop's way. */
export const readCard = (policy: CustomerPolicy, input: string): Parsed<CardNumber> =>
  parseCardNumber(input, { format: policy.cardFormat });

const readCompany = (input: { readonly name: string; readonly address?: AddressInput }): Parsed<Company> => {
  const name = typeof input.name === 'string' ? tidyText(input.name) : '';
  if (name === '')
    return E.left(
      new ValidationError('company.name_empty', 'A company needs a name.', 'company.name', input.name),
    );
  if (input.address === undefined) return E.right({ name });
  return E.map((address: Address): Company => ({ name, address }))(
    parseAddress(input.address, { field: 'company.address' }),
  );
};

const readDetail = (
  policy: CustomerPolicy,
  field: DetailField,
  value: unknown,
): Parsed<ProfileDetails[DetailField]> => {
  switch (field) {
    case 'firstName':
    case 'lastName':
      return parsePersonName(value, { field });
    case 'gender':
      return parseGender(value);
    case 'email':
      return parseEmail(value);
    case 'address':
      return parseAddress(value);
    case 'taxId':
      return parseTaxId(value, policy.defaultCountry === undefined ? {} : { country: policy.defaultCountry });
    case 'company':
      return readCompany(value as { readonly name: string; readonly address?: AddressInput });
    case 'whatsApp':
      return typeof value === 'string' ? readPhone(policy, value, 'whatsApp') : parsePhone(value, { field });
  }
};

/** Reads the profile details given: what to set, and (for `null`) what to remove. */
export const readDetails = (
  policy: CustomerPolicy,
  input: DetailsInput,
): Parsed<{ readonly set: ProfileDetails; readonly remove: readonly DetailField[] }> => {
  const set: Record<string, unknown> = {};
  const remove: DetailField[] = [];
  for (const field of DETAIL_FIELDS) {
    const value = input[field];
    if (value === undefined || isBlank(value)) continue;
    if (value === null) {
      remove.push(field);
      continue;
    }
    const parsed = readDetail(policy, field, value);
    if (E.isLeft(parsed)) return parsed;
    set[field] = parsed.right;
  }
  return E.right({ set: set as ProfileDetails, remove });
};

/** Reads preference changes. */
export const readPreferences = (input: PreferencesInput): Parsed<Partial<Preferences>> => {
  const { language, ...flags } = input;
  for (const [key, value] of Object.entries(flags))
    if (typeof value !== 'boolean')
      return E.left(
        new ValidationError(
          'preferences.not_a_switch',
          `${key} must be true or false.`,
          `preferences.${key}`,
          value,
        ),
      );
  if (language === undefined) return E.right(flags);
  return E.map((locale: Locale): Partial<Preferences> => ({ ...flags, language: locale }))(
    parseLocale(language, { field: 'preferences.language' }),
  );
};

/** Reads free-text comments: tidied, at most 2000 characters. */
export const readComments = (input: string): Parsed<string> => {
  const text = input.trim().normalize('NFC');
  return [...text].length > COMMENTS_MAX
    ? E.left(
        new ValidationError(
          'customer.comments_too_long',
          `Comments are at most ${COMMENTS_MAX} characters.`,
          'comments',
          input,
        ),
      )
    : E.right(text);
};

const noPreferences: Parsed<Partial<Preferences>> = E.right({});

const optional = <A>(value: string | undefined, read: (text: string) => Parsed<A>): Parsed<A | undefined> =>
  value === undefined || isBlank(value) ? E.right(undefined) : read(value);

/** Reads a registration as typed into a profile of checked values; the first wrong field is refused. */
export const readRegistration = (policy: CustomerPolicy, input: RegisterInput): Parsed<CustomerProfile> => {
  // Plain steps rather than an `E.Do` chain: every registration runs this, and the chain's closures cost more than the checks.
  const phone = optional(input.phone, (text) => readPhone(policy, text));
  if (E.isLeft(phone)) return phone;
  const card = optional(input.card, (text) => readCard(policy, text));
  if (E.isLeft(card)) return card;
  const details = readDetails(policy, input);
  if (E.isLeft(details)) return details;
  // `null` from a JavaScript caller counts as not given, as it always did.
  const given = input.preferences ?? undefined;
  const preferences = given === undefined ? noPreferences : readPreferences(given);
  if (E.isLeft(preferences)) return preferences;
  const comments = optional(input.comments, readComments);
  if (E.isLeft(comments)) return comments;
  const groupId = input.groupId === undefined || isBlank(input.groupId) ? undefined : input.groupId.trim();
  // Assigned in the order the fields have always been written (details, phone, card, group, comments,
  // preferences) onto the details object `readDetails` just made: no spread of optional parts per call.
  const profile: { -readonly [K in keyof CustomerProfile]?: CustomerProfile[K] } = details.right.set;
  if (phone.right !== undefined) profile.phone = phone.right;
  if (card.right !== undefined) profile.card = card.right;
  if (groupId !== undefined) profile.groupId = groupId;
  if (comments.right !== undefined && comments.right !== '') profile.comments = comments.right;
  profile.preferences = { ...defaultPreferences, ...preferences.right };
  return E.right(profile as CustomerProfile);
};

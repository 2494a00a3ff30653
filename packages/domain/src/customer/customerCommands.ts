import type { Command } from '../kernel/decider';
import type { CardNumber } from '../values/cardNumber';
import type { PhoneNumber } from '../values/phoneNumber';
import type { CustomerProfile, DetailField, Preferences, ProfileDetails } from './customerProfile';
import type { PriceModifier } from './priceModifier';

/** Register a customer with already-parsed values; `customerId` names its stream. */
export type RegisterCustomer = Command<
  'RegisterCustomer',
  { readonly customerId: string; readonly profile: CustomerProfile }
>;
/** Set some profile details and remove others. */
export type UpdateProfile = Command<
  'UpdateProfile',
  { readonly set: ProfileDetails; readonly remove: readonly DetailField[] }
>;
/** Give the customer this phone (the process has claimed it). */
export type ChangePhone = Command<'ChangePhone', { readonly phone: PhoneNumber }>;
/** Take the customer's phone away; refused when it is the last identifier. */
export type RemovePhone = Command<'RemovePhone', Record<string, never>>;
/** Give the customer this card, replacing any other. */
export type AssignCard = Command<'AssignCard', { readonly card: CardNumber }>;
/** Take the customer's card away; refused when it is the last identifier. */
export type RemoveCard = Command<'RemoveCard', Record<string, never>>;
/** Put the customer in a group. */
export type AssignGroup = Command<'AssignGroup', { readonly groupId: string }>;
/** Take the customer out of its group. */
export type LeaveGroup = Command<'LeaveGroup', Record<string, never>>;
/** Replace the customer's personal price modifiers. */
export type SetPriceModifiers = Command<
  'SetPriceModifiers',
  { readonly modifiers: readonly PriceModifier[] }
>;
/** Change some preferences; the others stay. */
export type ChangePreferences = Command<'ChangePreferences', { readonly changes: Partial<Preferences> }>;
/** Replace the free-text comments ('' clears them). */
export type SetComments = Command<'SetComments', { readonly comments: string }>;

/** Erase the customer's personal data at their request (GDPR art. 17); `requestReference` names the request, never the person. */
export type ForgetCustomer = Command<'ForgetCustomer', { readonly requestReference: string }>;

/** Every command of a customer stream. */
export type CustomerCommand =
  | RegisterCustomer
  | UpdateProfile
  | ChangePhone
  | RemovePhone
  | AssignCard
  | RemoveCard
  | AssignGroup
  | LeaveGroup
  | SetPriceModifiers
  | ChangePreferences
  | SetComments
  | ForgetCustomer;

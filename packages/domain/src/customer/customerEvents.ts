import * as t from 'io-ts';
import { isoInstant, nonEmptyString } from '../kernel/codecs';
import type { Actor, Event } from '../kernel/envelope';
import { eventCatalog } from '../kernel/eventCatalog';
import { erasable, erasedPhone } from '../privacy/erased';
import { CardNumberCodec, type CardNumber } from '../values/cardNumber';
import { PhoneNumberCodec, type PhoneNumber } from '../values/phoneNumber';
import {
  CustomerProfileCodec,
  PreferencesCodec,
  ProfileDetailsCodec,
  type CustomerProfile,
  type DetailField,
  type Preferences,
  type ProfileDetails,
} from './customerProfile';
import { PriceModifierCodec, type PriceModifier } from './priceModifier';

/** A customer came to exist, identified by a phone, a card or both. */
export type CustomerRegistered = Event<
  'CustomerRegistered',
  { readonly customerId: string; readonly profile: CustomerProfile }
>;
/** Profile details were set or removed. */
export type CustomerProfileUpdated = Event<
  'CustomerProfileUpdated',
  { readonly set: ProfileDetails; readonly removed: readonly DetailField[] }
>;
/** The customer's phone is now this one (claimed before the old one was released). */
export type CustomerPhoneChanged = Event<'CustomerPhoneChanged', { readonly phone: PhoneNumber }>;
/** The customer has no phone any more. */
export type CustomerPhoneRemoved = Event<'CustomerPhoneRemoved', Record<string, never>>;
/** The customer's loyalty card is now this one. */
export type CustomerCardAssigned = Event<'CustomerCardAssigned', { readonly card: CardNumber }>;
/** The customer has no card any more. */
export type CustomerCardRemoved = Event<'CustomerCardRemoved', Record<string, never>>;
/** The customer joined a group (leaving any previous one). */
export type CustomerGroupAssigned = Event<'CustomerGroupAssigned', { readonly groupId: string }>;
/** The customer left its group. */
export type CustomerGroupLeft = Event<'CustomerGroupLeft', { readonly groupId: string }>;
/** The customer's personal price modifiers are now exactly these. */
export type CustomerPriceModifiersSet = Event<
  'CustomerPriceModifiersSet',
  { readonly modifiers: readonly PriceModifier[] }
>;
/** The customer's preferences are now these. */
export type CustomerPreferencesChanged = Event<
  'CustomerPreferencesChanged',
  { readonly preferences: Preferences }
>;
/** The free-text comments are now this text ('' when cleared). */
export type CustomerCommentsChanged = Event<'CustomerCommentsChanged', { readonly comments: string }>;
/** Tombstone: this customer was merged into the survivor and takes no more commands. */
export type CustomerMergedInto = Event<'CustomerMergedInto', { readonly survivorId: string }>;

/**
 * The customer asked to be forgotten: its data key was destroyed, so its personal fields read as
 * `[erased]` from now on; who asked for it, when, and the request's reference stay on record.
 */
export type CustomerForgotten = Event<
  'CustomerForgotten',
  { readonly requestReference: string; readonly forgottenBy: Actor; readonly forgottenAt: string }
>;

/** Every event of a customer stream. */
export type CustomerEvent =
  | CustomerRegistered
  | CustomerProfileUpdated
  | CustomerPhoneChanged
  | CustomerPhoneRemoved
  | CustomerCardAssigned
  | CustomerCardRemoved
  | CustomerGroupAssigned
  | CustomerGroupLeft
  | CustomerPriceModifiersSet
  | CustomerPreferencesChanged
  | CustomerCommentsChanged
  | CustomerMergedInto
  | CustomerForgotten;

const DetailFieldCodec = t.keyof({
  firstName: null,
  lastName: null,
  gender: null,
  email: null,
  address: null,
  taxId: null,
  company: null,
  whatsApp: null,
});
const empty = t.type({});

/** How customer events are stored. */
export const customerEvents = eventCatalog<CustomerEvent>({
  CustomerRegistered: { codec: t.type({ customerId: nonEmptyString, profile: CustomerProfileCodec }) },
  CustomerProfileUpdated: {
    codec: t.type({ set: ProfileDetailsCodec, removed: t.readonlyArray(DetailFieldCodec) }),
  },
  CustomerPhoneChanged: { codec: t.type({ phone: erasable(PhoneNumberCodec, erasedPhone) }) },
  CustomerPhoneRemoved: { codec: empty },
  CustomerCardAssigned: { codec: t.type({ card: erasable(CardNumberCodec) }) },
  CustomerCardRemoved: { codec: empty },
  CustomerGroupAssigned: { codec: t.type({ groupId: nonEmptyString }) },
  CustomerGroupLeft: { codec: t.type({ groupId: nonEmptyString }) },
  CustomerPriceModifiersSet: { codec: t.type({ modifiers: t.readonlyArray(PriceModifierCodec) }) },
  CustomerPreferencesChanged: { codec: t.type({ preferences: PreferencesCodec }) },
  CustomerCommentsChanged: { codec: t.type({ comments: t.string }) },
  CustomerMergedInto: { codec: t.type({ survivorId: nonEmptyString }) },
  CustomerForgotten: {
    codec: t.type({
      requestReference: nonEmptyString,
      forgottenBy: t.type({
        role: t.keyof({ customer: null, operator: null, manager: null, system: null }),
        id: nonEmptyString,
      }),
      forgottenAt: isoInstant,
    }),
  },
});

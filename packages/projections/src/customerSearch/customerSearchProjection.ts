import {
  customerEvents,
  ERASED,
  parseStreamName,
  type CustomerEvent,
  type ProfileDetails,
  type RecordedEvent,
} from '@tillstream/domain';
import type { Projection } from '../runner';
import { TEXT_FIELDS, type CustomerDocument } from './customerDocument';
import { customerSearch, type CustomerSearch, type CustomerSearchOptions } from './customerSearch';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const ADDRESS_FIELDS = ['street', 'houseNumber', 'postalCode', 'city'] as const;

/** Writes the searchable profile details into a document. */
const withDetails = (doc: Mutable<CustomerDocument>, set: ProfileDetails): void => {
  if (set.firstName !== undefined) doc.firstName = set.firstName;
  if (set.lastName !== undefined) doc.lastName = set.lastName;
  if (set.email !== undefined) doc.emails = [set.email];
  if (set.taxId !== undefined) doc.taxIds = [set.taxId.value];
  if (set.address !== undefined)
    for (const part of ADDRESS_FIELDS) {
      const value = set.address[part];
      if (value === undefined) delete doc[part];
      else doc[part] = value;
    }
};

const withoutDetails = (doc: Mutable<CustomerDocument>, removed: readonly (keyof ProfileDetails)[]): void => {
  for (const field of removed) {
    if (field === 'firstName' || field === 'lastName') delete doc[field];
    if (field === 'email') delete doc.emails;
    if (field === 'taxId') delete doc.taxIds;
    if (field === 'address') for (const part of ADDRESS_FIELDS) delete doc[part];
  }
};

const IDENTIFIER_LISTS = ['phones', 'cards', 'taxIds', 'emails'] as const;

const holdsErased = (values: readonly string[]): boolean => {
  for (let i = 0; i < values.length; i++) if ((values[i] as string).includes(ERASED)) return true;
  return false;
};

/** Drops values read as erased (a customer whose key is gone): `[erased]` is nobody's name or phone. */
const withoutErased = (doc: Mutable<CustomerDocument>): CustomerDocument => {
  for (const field of TEXT_FIELDS) if (doc[field]?.includes(ERASED) === true) delete doc[field];
  for (const name of IDENTIFIER_LISTS) {
    const list = doc[name];
    if (list === undefined) continue;
    // A list with nothing erased stays as it is: the index copies what it keeps.
    if (list.length > 0 && !holdsErased(list)) continue;
    const kept = list.filter((value) => !value.includes(ERASED));
    if (kept.length === 0) delete doc[name];
    else doc[name] = kept;
  }
  return doc;
};

/** Applies one customer event to the search of its tenant. */
export const applyCustomerEvent = (search: CustomerSearch, recorded: RecordedEvent<CustomerEvent>): void => {
  const customerId = parseStreamName(recorded.streamName)?.id;
  if (customerId === undefined) return;
  const index = search.index(recorded.metadata.tenantId);
  const { event } = recorded;
  if (event.type === 'CustomerMergedInto') return index.merge(customerId, event.data.survivorId);
  if (event.type === 'CustomerForgotten') return index.forget(customerId);
  const doc: Mutable<CustomerDocument> = { ...(index.get(customerId) ?? {}) };
  switch (event.type) {
    case 'CustomerRegistered': {
      const { profile } = event.data;
      withDetails(doc, profile);
      if (profile.phone !== undefined) doc.phones = [profile.phone.e164];
      if (profile.card !== undefined) doc.cards = [profile.card];
      break;
    }
    case 'CustomerProfileUpdated':
      withoutDetails(doc, event.data.removed);
      withDetails(doc, event.data.set);
      break;
    case 'CustomerPhoneChanged':
      doc.phones = [event.data.phone.e164];
      break;
    case 'CustomerPhoneRemoved':
      delete doc.phones;
      break;
    case 'CustomerCardAssigned':
      doc.cards = [event.data.card];
      break;
    case 'CustomerCardRemoved':
      delete doc.cards;
      break;
    default:
      // Groups, price modifiers, preferences and comments are not searched.
      return;
  }
  index.put(customerId, withoutErased(doc));
};

/** Customer search fed by the runner from customer events (in memory: rebuilt on every start). */
export const customerSearchProjection = (
  options: CustomerSearchOptions,
): Projection<CustomerSearch, CustomerEvent> => ({
  name: 'customer-search',
  version: 1,
  events: customerEvents,
  filter: { kind: 'streamPrefix', prefixes: ['customer-'] },
  init: () => customerSearch(options),
  apply: (search, recorded) => {
    applyCustomerEvent(search, recorded);
    return search;
  },
});

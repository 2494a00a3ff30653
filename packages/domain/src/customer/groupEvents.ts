import * as t from 'io-ts';
import { nonEmptyString } from '../kernel/codecs';
import type { Event } from '../kernel/envelope';
import { eventCatalog } from '../kernel/eventCatalog';
import { PriceModifierCodec, type PriceModifier } from './priceModifier';

/** A customer group was created, with its discount rules. */
export type CustomerGroupCreated = Event<
  'CustomerGroupCreated',
  { readonly groupId: string; readonly name: string; readonly discounts: readonly PriceModifier[] }
>;
/** The group has a new name. */
export type CustomerGroupRenamed = Event<'CustomerGroupRenamed', { readonly name: string }>;
/** The group's discount rules are now exactly these. */
export type CustomerGroupDiscountsSet = Event<
  'CustomerGroupDiscountsSet',
  { readonly discounts: readonly PriceModifier[] }
>;
/** The group takes no new members and its discounts no longer apply. */
export type CustomerGroupArchived = Event<'CustomerGroupArchived', Record<string, never>>;

/** Every event of a customer-group stream. */
export type CustomerGroupEvent =
  CustomerGroupCreated | CustomerGroupRenamed | CustomerGroupDiscountsSet | CustomerGroupArchived;

/** How customer-group events are stored. */
export const customerGroupEvents = eventCatalog<CustomerGroupEvent>({
  CustomerGroupCreated: {
    codec: t.type({
      groupId: nonEmptyString,
      name: nonEmptyString,
      discounts: t.readonlyArray(PriceModifierCodec),
    }),
  },
  CustomerGroupRenamed: { codec: t.type({ name: nonEmptyString }) },
  CustomerGroupDiscountsSet: { codec: t.type({ discounts: t.readonlyArray(PriceModifierCodec) }) },
  CustomerGroupArchived: { codec: t.type({}) },
});

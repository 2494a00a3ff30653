import type { CardFormat, CountryCode } from '@tillstream/domain';
import { TEXT_FIELDS, type TextField } from './customerDocument';

/** A shop's search settings. */
export interface CustomerSearchPolicy {
  /** Reads phone numbers typed without a country code (RU: `8 916…` and `+7 916…` alike). */
  readonly defaultCountry?: CountryCode;
  /** Every spelling the shop's card readers type; a query is tried in each. */
  readonly cardFormats: readonly CardFormat[];
  /** The fields a plain text query looks in. */
  readonly defaultFields: readonly TextField[];
  /** The most hits one search returns. */
  readonly limit: number;
}

/** Names and address, plain card numbers, 20 hits. */
export const defaultCustomerSearchPolicy: CustomerSearchPolicy = {
  cardFormats: ['plain'],
  defaultFields: TEXT_FIELDS,
  limit: 20,
};

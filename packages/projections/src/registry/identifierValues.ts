import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import {
  ERASED,
  parseCardNumber,
  parsePhoneQuery,
  parseTaxId,
  type CardFormat,
  type CountryCode,
  type ProfileDetails,
  type CustomerProfile,
} from '@tillstream/domain';

/** The kinds of value a reservation stream guards (`unique-{kind}-…`), as the registration process names them. */
export type UniqueKind = 'phone' | 'card' | 'taxid' | 'email';

/** Every unique kind. */
export const UNIQUE_KINDS: readonly UniqueKind[] = ['phone', 'card', 'taxid', 'email'];

/** How a shop reads typed identifiers: its country (phones, tax ids without prefix) and its card reader. */
export interface IdentifierReading {
  readonly defaultCountry?: CountryCode;
  readonly cardFormat: CardFormat;
}

// The normalised forms below are the ones the registration process hashes into stream names
// (processes/registration/customerIdentifiers.ts, not exported by the domain package): they must agree.
/** The normalised values a profile (or a profile edit) carries; erased values carry none. */
export const profileValues = (
  profile: ProfileDetails & Pick<CustomerProfile, 'phone' | 'card'>,
): Partial<Record<UniqueKind, string>> => {
  const out: Partial<Record<UniqueKind, string>> = {};
  if (profile.phone !== undefined) out.phone = profile.phone.e164;
  if (profile.card !== undefined) out.card = profile.card;
  if (profile.taxId !== undefined) out.taxid = `${profile.taxId.country}:${profile.taxId.value}`;
  if (profile.email !== undefined) out.email = profile.email.toLowerCase();
  for (const kind of UNIQUE_KINDS) if (out[kind]?.includes(ERASED) === true) delete out[kind];
  return out;
};

/** The normalised value of a typed identifier, read the way the shop reads it; undefined when it is not one. */
export const typedValue = (
  kind: UniqueKind,
  typed: string,
  reading: IdentifierReading,
): string | undefined => {
  switch (kind) {
    case 'phone':
      return O.toUndefined(parsePhoneQuery(typed, reading.defaultCountry));
    case 'card':
      return E.getOrElseW(() => undefined)(parseCardNumber(typed, { format: reading.cardFormat }));
    case 'taxid':
      return E.match(
        () => undefined,
        (id: { country: string; value: string }) => `${id.country}:${id.value}`,
      )(parseTaxId(typed, reading.defaultCountry === undefined ? {} : { country: reading.defaultCountry }));
    case 'email': {
      const email = typed.trim().toLowerCase();
      return email.includes('@') ? email : undefined;
    }
  }
};

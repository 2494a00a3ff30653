import type { CustomerProfile } from '../../customer/customerProfile';
import type { CustomerPolicy } from '../../customer/customerPolicy';

/** The kinds of value whose holder is recorded in a reservation stream. */
export type IdentifierKind = 'phone' | 'card' | 'taxid' | 'email';

/** One value of a customer that a reservation stream guards. */
export interface Identifier {
  readonly kind: IdentifierKind;
  /** The profile field it comes from, for refusals. */
  readonly field: 'phone' | 'card' | 'taxId' | 'email';
  /** The normalised value that is hashed into the stream name. */
  readonly value: string;
  /** Refuse a value someone else holds (otherwise warn and go on without holding it). */
  readonly strict: boolean;
}

/** The guarded values of a profile: phone and card always strict, tax id and email as the shop's policy says. */
export const identifiersOf = (profile: CustomerProfile, policy: CustomerPolicy): readonly Identifier[] => {
  const out: Identifier[] = [];
  if (profile.phone !== undefined)
    out.push({ kind: 'phone', field: 'phone', value: profile.phone.e164, strict: true });
  if (profile.card !== undefined)
    out.push({ kind: 'card', field: 'card', value: profile.card, strict: true });
  if (profile.taxId !== undefined)
    out.push({
      kind: 'taxid',
      field: 'taxId',
      value: `${profile.taxId.country}:${profile.taxId.value}`,
      strict: policy.uniqueTaxId,
    });
  if (profile.email !== undefined)
    out.push({
      kind: 'email',
      field: 'email',
      value: profile.email.toLowerCase(),
      strict: policy.uniqueEmail,
    });
  return out;
};

/** Whether a list holds the same value of the same kind. */
export const includesIdentifier = (list: readonly Identifier[], id: Identifier): boolean =>
  list.some((other) => other.kind === id.kind && other.value === id.value);

const LABELS: Readonly<Record<IdentifierKind, string>> = {
  phone: 'phone number',
  card: 'card',
  taxid: 'tax id',
  email: 'email address',
};

/** How a person reads the kind of an identifier. */
export const identifierLabel = (kind: IdentifierKind): string => LABELS[kind];

/** The text fields search reads, in the order a profile shows them. */
export const TEXT_FIELDS = ['firstName', 'lastName', 'street', 'houseNumber', 'postalCode', 'city'] as const;

/** A text field of a customer that search matches by word prefix. */
export type TextField = (typeof TEXT_FIELDS)[number];

/** The identifiers a customer is found by exactly. */
export const IDENTIFIER_KINDS = ['phone', 'card', 'taxId', 'email'] as const;

/** A kind of identifier. */
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * What search knows of one customer: the input shape of the index, independent of the events
 * that fill it. Identifiers are already normalised (phones E.164, cards canonical, tax ids
 * upper-case letters and digits without country prefix, emails as stored).
 */
export type CustomerDocument = { readonly [F in TextField]?: string } & {
  readonly phones?: readonly string[];
  readonly cards?: readonly string[];
  readonly taxIds?: readonly string[];
  readonly emails?: readonly string[];
};

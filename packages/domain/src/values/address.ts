import * as E from 'fp-ts/Either';
import type { ValidationError } from '../kernel/errors';
import { isRecord, storedValueCodec } from './codec';
import { refuse, shown } from './refusal';
import { codePointLength, hasControlCharacters, tidyText } from './text';

/** A postal address; every part is optional but at least one is present, and none is blank. */
export type Address = {
  readonly street?: string;
  readonly houseNumber?: string;
  readonly postalCode?: string;
  readonly city?: string;
  readonly country?: string;
};

/** The parts an address may have, in the order people write them. */
export const ADDRESS_PARTS = ['street', 'houseNumber', 'postalCode', 'city', 'country'] as const;

/** One part of an address. */
export type AddressPart = (typeof ADDRESS_PARTS)[number];

/** Options for reading an address. */
export type AddressOptions = {
  /** The field named in refusals, prefixed to the part (`address.city`); `address` unless told. */
  readonly field?: string;
  /** The longest part accepted, in characters; 200 unless told. */
  readonly maxLength?: number;
};

/** The longest address part accepted unless a shop says otherwise. */
export const ADDRESS_PART_MAX_LENGTH = 200;

const PART_NAMES: Readonly<Record<AddressPart, string>> = {
  street: 'street',
  houseNumber: 'house number',
  postalCode: 'postal code',
  city: 'city',
  country: 'country',
};

const isPart = (key: string): key is AddressPart => (ADDRESS_PARTS as readonly string[]).includes(key);

// Postal codes are compared by people and searches alike: "1011 ab" and "1011 AB" are one code.
// A two-letter country is a code (nl → NL); a longer one is a name and keeps the case it was typed in.
const tidyPart = (part: AddressPart, text: string): string => {
  const tidy = tidyText(text);
  if (part === 'postalCode') return tidy.toUpperCase();
  if (part === 'country' && /^[A-Za-z]{2}$/.test(tidy)) return tidy.toUpperCase();
  return tidy;
};

/** Reads an address from its parts: tidies each, drops blank ones, refuses unknown parts and an empty address. */
export const parseAddress = (
  input: unknown,
  options: AddressOptions = {},
): E.Either<ValidationError, Address> => {
  const field = options.field ?? 'address';
  const maxLength = options.maxLength ?? ADDRESS_PART_MAX_LENGTH;
  if (!isRecord(input))
    return refuse(
      'address.not_an_object',
      `An address is given as its parts (street, house number, postal code, city, country), not as ${shown(input)}.`,
      field,
      input,
    );
  const address: { -readonly [K in AddressPart]?: string } = {};
  for (const [key, value] of Object.entries(input)) {
    // An unknown part (say "zip") would otherwise vanish without the cashier knowing it was not saved.
    if (!isPart(key))
      return refuse(
        'address.unknown_part',
        `${shown(key)} is not a part of an address; use street, houseNumber, postalCode, city or country.`,
        `${field}.${key}`,
        value,
      );
    if (value === undefined || value === null) continue;
    const partField = `${field}.${key}`;
    if (typeof value !== 'string')
      return refuse(
        'address.not_text',
        `The ${PART_NAMES[key]} must be text, but ${shown(value)} was given.`,
        partField,
        value,
      );
    const tidy = tidyPart(key, value);
    if (tidy === '') continue;
    if (hasControlCharacters(tidy))
      return refuse(
        'address.invalid_characters',
        `The ${PART_NAMES[key]} ${shown(value)} contains control characters.`,
        partField,
        value,
      );
    if (codePointLength(tidy) > maxLength)
      return refuse(
        'address.too_long',
        `The ${PART_NAMES[key]} ${shown(value)} is too long (at most ${maxLength} characters).`,
        partField,
        value,
        { maxLength },
      );
    address[key] = tidy;
  }
  return Object.keys(address).length === 0
    ? refuse('address.empty', 'The address is empty: fill in at least one of its parts.', field, input)
    : E.right(address);
};

/** io-ts codec for a stored address: known parts only, each non-empty text, at least one present. */
export const AddressCodec = storedValueCodec<Address>('Address', (u) => {
  if (!isRecord(u)) return E.left('an address is an object of its parts');
  const entries = Object.entries(u);
  if (entries.length === 0) return E.left('an address has at least one part');
  for (const [key, value] of entries) {
    if (!isPart(key)) return E.left(`"${key}" is not an address part`);
    if (typeof value !== 'string' || value === '') return E.left(`${key} must be non-empty text`);
  }
  return E.right(u as Address);
});

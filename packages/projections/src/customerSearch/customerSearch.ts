import * as E from 'fp-ts/Either';
import { ValidationError } from '@tillstream/domain';
import {
  IDENTIFIER_KINDS,
  TEXT_FIELDS,
  type CustomerDocument,
  type IdentifierKind,
  type TextField,
} from './customerDocument';
import { customerIndex, emptyKeyCache, fieldKeys, type CustomerIndex } from './customerIndex';
import { textKeys } from './fold';
import type { IdentifierReaders } from './identifierReaders';
import type { CustomerSearchPolicy } from './searchPolicy';
import { wordMatcher, type RankedSlots, type WordCondition, type WordMatcher } from './wordMatcher';

/** How a hit was found; identifiers first, in this order of rank. */
export type MatchKind = IdentifierKind | 'phoneEnding' | 'text';

/** One customer found. */
export interface SearchHit {
  readonly customerId: string;
  readonly matchedBy: MatchKind;
  readonly customer: CustomerDocument;
}

/** What to prefill the registration form with when nobody was found. */
export interface Prefill {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
  readonly email?: string;
}

/** Hits best first; when there are none, a prefill for registering the customer. */
export interface SearchResult {
  readonly hits: readonly SearchHit[];
  readonly prefill?: Prefill;
}

/** A field an advanced search can name. */
export type SearchField = TextField | IdentifierKind;

/** Customer search over every tenant. */
export interface CustomerSearch {
  /** The index of one tenant (created on first use). */
  readonly index: (tenantId: string) => CustomerIndex;
  /** Routes the query by its shape: `@` → email; mostly digits → phone, card, tax id, postal code; else words in the shop's default fields. */
  readonly search: (tenantId: string, query: string) => SearchResult;
  /** Comma-separated fields and values (`firstName, street` + `Jan, Voorstraat`); every pair must match. */
  readonly advancedSearch: (
    tenantId: string,
    fields: string,
    values: string,
  ) => E.Either<ValidationError, SearchResult>;
  /** The live customer an id stands for, following merges. */
  readonly resolve: (tenantId: string, customerId: string) => string | undefined;
}

/** What the search needs: per-shop settings and the identifier readers. */
export interface CustomerSearchOptions {
  readonly policyFor: (tenantId: string) => CustomerSearchPolicy;
  readonly readers: IdentifierReaders;
}

const EMAIL = /@/;
const PHONE_PUNCTUATION = /[\s+()\-./]/g;
const TAX_SEPARATORS = /[\s./-]+/g;
const VAT_PREFIX = /^[A-Z]{2}(?=\d)/;
const MIN_DIGITS = 3;
const ONLY_DIGITS = /^\p{Nd}+$/u;
const DIGIT = /\p{Nd}/u;
const POSTAL_CODE: readonly TextField[] = ['postalCode'];
const NONE: readonly number[] = [];
const SEARCH_FIELDS: readonly string[] = [...TEXT_FIELDS, ...IDENTIFIER_KINDS];
const isIdentifier = (field: SearchField): field is IdentifierKind =>
  (IDENTIFIER_KINDS as readonly string[]).includes(field);

/** A query whose characters (`compact`: phone punctuation dropped) are mostly digits. */
const isNumeric = (compact: string, digits: string): boolean =>
  digits.length >= MIN_DIGITS && digits.length * 5 >= compact.length * 3;

/** The tax-id keys a query may stand for: as typed, and without a VAT country prefix. */
const taxIdKeys = (query: string): string[] => {
  const compact = query.replace(TAX_SEPARATORS, '').toUpperCase();
  const bare = compact.replace(VAT_PREFIX, '');
  return bare === compact ? [compact] : [compact, bare];
};

const capitalised = (word: string): string => word.charAt(0).toLocaleUpperCase() + word.slice(1);

/** Collects ranked hits without repeating a customer (a hit list is short: a scan beats a set). */
const collector = (index: CustomerIndex, limit: number) => {
  const hits: SearchHit[] = [];
  const slots: number[] = [];
  const add = (slot: number, matchedBy: MatchKind) => {
    if (hits.length >= limit || slots.includes(slot)) return;
    slots.push(slot);
    hits.push({ customerId: index.idOf(slot), matchedBy, customer: index.documentOf(slot) });
  };
  const addAll = (found: readonly number[], matchedBy: MatchKind) => {
    for (let i = 0; i < found.length; i++) add(found[i] as number, matchedBy);
  };
  const addRanked = (ranked: RankedSlots, matchedBy: MatchKind) => {
    for (let i = 0; i < ranked.count; i++) add(ranked.slots[i] as number, matchedBy);
  };
  return { addAll, addRanked, hits };
};

/** Creates the search; feed it through `index(tenantId).put/merge` or the customer search projection. */
export const customerSearch = (options: CustomerSearchOptions): CustomerSearch => {
  const { policyFor, readers } = options;
  const tenants = new Map<string, { readonly index: CustomerIndex; readonly words: WordMatcher }>();
  // Every tenant's index folds a repeated value once; the cache goes with the search.
  const keyCache = emptyKeyCache();
  const tenantOf = (tenantId: string) => {
    let tenant = tenants.get(tenantId);
    if (tenant === undefined) {
      const index = customerIndex(keyCache);
      tenant = { index, words: wordMatcher(index) };
      tenants.set(tenantId, tenant);
    }
    return tenant;
  };
  const indexOf = (tenantId: string): CustomerIndex => tenantOf(tenantId).index;

  /** Who holds the phone a query reads as: by the reader's key where it can tell, else by parsing. */
  const phoneHoldersOf = (index: CustomerIndex, policy: CustomerSearchPolicy, query: string) => {
    const key = readers.phoneKey?.(query, policy.defaultCountry);
    if (key !== undefined) return index.exact('phone', key);
    // Parsing a phone is the dearest step of a word query, and a query without digits is no phone.
    const phone = DIGIT.test(query) ? readers.phone(query, policy.defaultCountry) : undefined;
    return phone === undefined ? NONE : index.exact('phone', phone);
  };

  const exactIdentifiers = (
    index: CustomerIndex,
    policy: CustomerSearchPolicy,
    addAll: (slots: readonly number[], by: MatchKind) => void,
    query: string,
  ): boolean => {
    const phoneHolders = phoneHoldersOf(index, policy, query);
    addAll(phoneHolders, 'phone');
    for (const format of policy.cardFormats) {
      const card = readers.card(query, format);
      if (card !== undefined) addAll(index.exact('card', card), 'card');
    }
    for (const key of taxIdKeys(query)) addAll(index.exact('taxId', key), 'taxId');
    return phoneHolders.length > 0;
  };

  const search = (tenantId: string, input: string): SearchResult => {
    const query = input.trim();
    const policy = policyFor(tenantId);
    const { index, words } = tenantOf(tenantId);
    const { addAll, addRanked, hits } = collector(index, policy.limit);
    if (query === '') return { hits };

    if (EMAIL.test(query)) {
      addAll(index.exact('email', query), 'email');
      return hits.length > 0 ? { hits } : { hits, prefill: { email: query } };
    }

    const phoneFound = exactIdentifiers(index, policy, addAll, query);
    const digits = readers.digits(query);
    const compact = query.replace(PHONE_PUNCTUATION, '');
    if (isNumeric(compact, digits)) {
      // A complete number that matched needs no ending search: it would find the same customer again.
      if (!phoneFound && ONLY_DIGITS.test(compact)) addAll(index.phoneEndingWith(digits), 'phoneEnding');
      const postal = fieldKeys('postalCode', query)[0];
      if (postal !== undefined)
        addRanked(words.match([{ fields: POSTAL_CODE, key: postal }], policy.limit), 'text');
      if (hits.length > 0) return { hits };
      return { hits, prefill: { phone: readers.phone(query, policy.defaultCountry) ?? query } };
    }

    const conditions: WordCondition[] = [];
    for (const key of textKeys(query))
      if (!conditions.some((c) => c.key === key)) conditions.push({ fields: policy.defaultFields, key });
    addRanked(words.match(conditions, policy.limit), 'text');
    if (hits.length > 0) return { hits };
    const [first, ...rest] = query.split(/\s+/u).map(capitalised);
    return {
      hits,
      prefill:
        rest.length === 0
          ? { firstName: first as string }
          : { firstName: first as string, lastName: rest.join(' ') },
    };
  };

  const advancedSearch = (
    tenantId: string,
    fieldList: string,
    valueList: string,
  ): E.Either<ValidationError, SearchResult> => {
    const fields = fieldList.split(',').map((f) => f.trim());
    const values = valueList.split(',').map((v) => v.trim());
    const unknown = fields.find((f) => !SEARCH_FIELDS.includes(f));
    if (unknown !== undefined)
      return E.left(
        new ValidationError(
          'search.unknown_field',
          `"${unknown}" is not a field search knows; use ${SEARCH_FIELDS.join(', ')}.`,
          'fields',
          fieldList,
        ),
      );
    if (fields.length !== values.length || values.some((v) => v === ''))
      return E.left(
        new ValidationError(
          'search.values_do_not_match_fields',
          `${fields.length} field(s) were chosen but ${values.filter((v) => v !== '').length} value(s) typed; give one value per field, separated by commas.`,
          'values',
          valueList,
          { fields },
        ),
      );
    const policy = policyFor(tenantId);
    const { index, words } = tenantOf(tenantId);
    const pairs = fields.map((field, i) => ({ field: field as SearchField, value: values[i] as string }));

    // Identifier conditions are exact and small: intersect them first, then check words on what is left.
    let within: number[] | undefined;
    for (const { field, value } of pairs) {
      if (!isIdentifier(field)) continue;
      const slots = identifierSlots(index, policy, field, value);
      within = within === undefined ? slots : within.filter((s) => slots.includes(s));
    }
    const conditions: WordCondition[] = [];
    for (const { field, value } of pairs)
      if (!isIdentifier(field))
        for (const key of fieldKeys(field, value)) conditions.push({ fields: [field], key });

    const { addAll, addRanked, hits } = collector(index, policy.limit);
    const firstIdentifier = pairs.find((p) => isIdentifier(p.field))?.field as IdentifierKind | undefined;
    const matchedBy: MatchKind = firstIdentifier ?? 'text';
    // Identifiers alone keep the order they were found in; words rank what they match.
    if (conditions.length === 0) addAll(within ?? NONE, matchedBy);
    else addRanked(words.match(conditions, policy.limit, within), matchedBy);
    if (hits.length > 0) return E.right({ hits });
    const typed = (field: SearchField) => pairs.find((p) => p.field === field)?.value;
    const prefill: Record<string, string> = {};
    for (const field of ['firstName', 'lastName', 'email'] as const) {
      const value = typed(field);
      if (value !== undefined) prefill[field] = value;
    }
    const phone = typed('phone');
    if (phone !== undefined) prefill['phone'] = readers.phone(phone, policy.defaultCountry) ?? phone;
    return E.right({ hits, prefill });
  };

  const identifierSlots = (
    index: CustomerIndex,
    policy: CustomerSearchPolicy,
    kind: IdentifierKind,
    value: string,
  ): number[] => {
    if (kind === 'email') return [...index.exact('email', value)];
    if (kind === 'taxId') return taxIdKeys(value).flatMap((k) => [...index.exact('taxId', k)]);
    if (kind === 'card')
      return policy.cardFormats.flatMap((format) => {
        const card = readers.card(value, format);
        return card === undefined ? [] : [...index.exact('card', card)];
      });
    // A key no one holds still needs the parser: a valid number finds no one, an invalid one its endings.
    const key = readers.phoneKey?.(value, policy.defaultCountry);
    const held = key === undefined ? NONE : index.exact('phone', key);
    if (held.length > 0) return [...held];
    const phone = readers.phone(value, policy.defaultCountry);
    return phone !== undefined
      ? [...index.exact('phone', phone)]
      : index.phoneEndingWith(readers.digits(value));
  };

  return {
    index: indexOf,
    search,
    advancedSearch,
    resolve: (tenantId, customerId) => indexOf(tenantId).resolve(customerId),
  };
};

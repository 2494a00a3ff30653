import * as E from 'fp-ts/Either';
import { ValidationError } from '@tillstream/domain';
import {
  IDENTIFIER_KINDS,
  TEXT_FIELDS,
  type CustomerDocument,
  type IdentifierKind,
  type TextField,
} from './customerDocument';
import { customerIndex, fieldKeys, type CustomerIndex } from './customerIndex';
import { textKeys } from './fold';
import type { IdentifierReaders } from './identifierReaders';
import type { CustomerSearchPolicy } from './searchPolicy';

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
const SEARCH_FIELDS: readonly string[] = [...TEXT_FIELDS, ...IDENTIFIER_KINDS];
const isIdentifier = (field: SearchField): field is IdentifierKind =>
  (IDENTIFIER_KINDS as readonly string[]).includes(field);

/** A query whose characters are mostly digits once phone punctuation is dropped. */
const isNumeric = (query: string, digits: string): boolean => {
  const compact = query.replace(PHONE_PUNCTUATION, '');
  return digits.length >= MIN_DIGITS && digits.length * 5 >= compact.length * 3;
};

/** The tax-id keys a query may stand for: as typed, and without a VAT country prefix. */
const taxIdKeys = (query: string): string[] => {
  const compact = query.replace(TAX_SEPARATORS, '').toUpperCase();
  const bare = compact.replace(VAT_PREFIX, '');
  return bare === compact ? [compact] : [compact, bare];
};

const capitalised = (word: string): string => word.charAt(0).toLocaleUpperCase() + word.slice(1);

/** Collects ranked hits without repeating a customer. */
const collector = (index: CustomerIndex, limit: number) => {
  const seen = new Set<number>();
  const hits: SearchHit[] = [];
  return {
    seen,
    add: (slot: number, matchedBy: MatchKind) => {
      if (seen.has(slot) || hits.length >= limit) return;
      seen.add(slot);
      hits.push({ customerId: index.idOf(slot), matchedBy, customer: index.documentOf(slot) });
    },
    hits,
  };
};

/** One condition on a text field: every key must start a word of one of `fields`. */
interface WordCondition {
  readonly fields: readonly TextField[];
  readonly key: string;
}

/** Marks over the slots of an index, kept between queries (searches are synchronous). */
interface Scratch {
  marks: Uint16Array;
  /** Marks below it are stale: each query takes two fresh values, so no pass is spent clearing. */
  stamp: number;
}

const scratches = new WeakMap<CustomerIndex, Scratch>();

/** The index's marks with two unused stamps: `seen` for the first condition, `seen + 1` for both. */
const freshStamps = (index: CustomerIndex): { marks: Uint16Array; seen: number } => {
  let s = scratches.get(index);
  if (s === undefined || s.marks.length < index.capacity()) {
    s = { marks: new Uint16Array(Math.max(1024, index.capacity() * 2)), stamp: 1 };
    scratches.set(index, s);
  }
  if (s.stamp + 2 > 0xffff) {
    s.marks.fill(0);
    s.stamp = 1;
  }
  const seen = s.stamp;
  s.stamp += 2;
  return { marks: s.marks, seen };
};

/** Slots satisfying every word condition, ranked by how many keys matched whole words. */
const matchWords = (
  index: CustomerIndex,
  conditions: readonly WordCondition[],
  limit: number,
  within?: readonly number[],
) => {
  if (conditions.length === 0) return within === undefined ? [] : [...within];
  let candidates: readonly number[];
  if (within !== undefined) candidates = within;
  else {
    // The two conditions with the fewest postings are intersected on a bitmap of slots; every
    // condition is then checked on the (small) intersection by its key string.
    const ranked: { cost: number; condition: WordCondition }[] = [];
    for (const condition of [...conditions].sort((a, b) => b.key.length - a.key.length)) {
      const bound = ranked[1]?.cost ?? Infinity;
      let cost = 0;
      for (const field of condition.fields)
        index.forPrefix(field, condition.key, (postings) => {
          cost += postings.length;
          return cost < bound;
        });
      ranked.push({ cost, condition });
      ranked.sort((a, b) => a.cost - b.cost);
    }
    const driver = (ranked[0] as { condition: WordCondition }).condition;
    const second = ranked[1]?.condition;
    const { marks, seen } = freshStamps(index);
    const both = seen + 1;
    const found: number[] = [];
    // Tight loops over the postings arrays (no callback per slot): this is the whole cost of a
    // query whose two words are each held by tens of thousands of customers.
    const mark = (postings: readonly number[]) => {
      for (let i = 0; i < postings.length; i++) marks[postings[i] as number] = seen;
    };
    const keep = (postings: readonly number[]) => {
      for (let i = 0; i < postings.length; i++) {
        const slot = postings[i] as number;
        if (marks[slot] === seen) {
          marks[slot] = both;
          found.push(slot);
        }
      }
    };
    if (second === undefined) {
      // One condition: every slot once, though it may sit under several keys and fields.
      const collect = (postings: readonly number[]) => {
        for (let i = 0; i < postings.length; i++) {
          const slot = postings[i] as number;
          if (marks[slot] !== seen) {
            marks[slot] = seen;
            found.push(slot);
          }
        }
      };
      for (const field of driver.fields) index.forPrefix(field, driver.key, collect);
    } else {
      for (const field of driver.fields) index.forPrefix(field, driver.key, mark);
      for (const field of second.fields) index.forPrefix(field, second.key, keep);
    }
    candidates = found;
  }
  const scored: { slot: number; score: number }[] = [];
  // Once `limit` candidates match every word whole, nothing can outrank them: stop there.
  const fullScore = conditions.length * 2;
  let perfect = 0;
  for (const slot of candidates) {
    if (perfect >= limit) break;
    let score = 0;
    let all = true;
    for (const { fields, key } of conditions) {
      let match: 0 | 1 | 2 = 0;
      for (const field of fields) {
        const m = index.matchWord(slot, field, key);
        if (m > match) match = m;
        if (match === 2) break;
      }
      if (match === 0) {
        all = false;
        break;
      }
      score += match;
    }
    if (all) scored.push({ slot, score });
    if (all && score === fullScore) perfect++;
  }
  scored.sort((a, b) => b.score - a.score || a.slot - b.slot);
  return scored.map((s) => s.slot);
};

/** Creates the search; feed it through `index(tenantId).put/merge` or the customer search projection. */
export const customerSearch = (options: CustomerSearchOptions): CustomerSearch => {
  const { policyFor, readers } = options;
  const tenants = new Map<string, CustomerIndex>();
  const indexOf = (tenantId: string): CustomerIndex => {
    let index = tenants.get(tenantId);
    if (index === undefined) {
      index = customerIndex();
      tenants.set(tenantId, index);
    }
    return index;
  };

  const exactIdentifiers = (
    index: CustomerIndex,
    policy: CustomerSearchPolicy,
    add: (slot: number, by: MatchKind) => void,
    query: string,
  ): boolean => {
    // Parsing a phone is the dearest step of a word query, and a query without digits is no phone.
    const phone = DIGIT.test(query) ? readers.phone(query, policy.defaultCountry) : undefined;
    const phoneHolders = phone === undefined ? [] : index.exact('phone', phone);
    phoneHolders.forEach((s) => add(s, 'phone'));
    for (const format of policy.cardFormats) {
      const card = readers.card(query, format);
      if (card !== undefined) index.exact('card', card).forEach((s) => add(s, 'card'));
    }
    for (const key of taxIdKeys(query)) index.exact('taxId', key).forEach((s) => add(s, 'taxId'));
    return phoneHolders.length > 0;
  };

  const search = (tenantId: string, input: string): SearchResult => {
    const query = input.trim();
    const policy = policyFor(tenantId);
    const index = indexOf(tenantId);
    const { add, hits } = collector(index, policy.limit);
    if (query === '') return { hits };

    if (EMAIL.test(query)) {
      index.exact('email', query).forEach((s) => add(s, 'email'));
      return hits.length > 0 ? { hits } : { hits, prefill: { email: query } };
    }

    const phoneFound = exactIdentifiers(index, policy, add, query);
    const digits = readers.digits(query);
    if (isNumeric(query, digits)) {
      // A complete number that matched needs no ending search: it would find the same customer again.
      if (!phoneFound && ONLY_DIGITS.test(query.replace(PHONE_PUNCTUATION, '')))
        index.phoneEndingWith(digits).forEach((s) => add(s, 'phoneEnding'));
      const postal = fieldKeys('postalCode', query)[0];
      if (postal !== undefined)
        matchWords(index, [{ fields: ['postalCode'], key: postal }], policy.limit).forEach((s) =>
          add(s, 'text'),
        );
      if (hits.length > 0) return { hits };
      return { hits, prefill: { phone: readers.phone(query, policy.defaultCountry) ?? query } };
    }

    const keys = [...new Set(textKeys(query))];
    const conditions = keys.map((key) => ({ fields: policy.defaultFields, key }));
    matchWords(index, conditions, policy.limit).forEach((s) => add(s, 'text'));
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
    const index = indexOf(tenantId);
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

    const { add, hits } = collector(index, policy.limit);
    const firstIdentifier = pairs.find((p) => isIdentifier(p.field))?.field as IdentifierKind | undefined;
    const matchedBy: MatchKind = firstIdentifier ?? 'text';
    matchWords(index, conditions, policy.limit, within).forEach((s) => add(s, matchedBy));
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

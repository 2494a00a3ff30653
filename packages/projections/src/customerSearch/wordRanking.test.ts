import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TEXT_FIELDS, type CustomerDocument } from './customerDocument';
import { customerIndex, fieldKeys } from './customerIndex';
import { customerSearch } from './customerSearch';
import { textKeys } from './fold';
import { domainIdentifierReaders } from './identifierReaders';
import { defaultCustomerSearchPolicy, type CustomerSearchPolicy } from './searchPolicy';
import { wordMatcher } from './wordMatcher';

const setup = (policy: Partial<CustomerSearchPolicy> = {}) =>
  customerSearch({
    policyFor: () => ({ ...defaultCustomerSearchPolicy, defaultCountry: 'RU', ...policy }),
    readers: domainIdentifierReaders,
  });

const ids = (search: ReturnType<typeof setup>, query: string) =>
  search.search('shop1', query).hits.map((h) => h.customerId);

/** 0 no match, 1 a word of the customer starts with `key`, 2 a word is `key`. */
const level = (doc: CustomerDocument, key: string): number => {
  let best = 0;
  for (const field of TEXT_FIELDS) {
    const value = doc[field];
    if (value === undefined) continue;
    for (const word of fieldKeys(field, value))
      if (word === key) return 2;
      else if (word.startsWith(key)) best = 1;
  }
  return best;
};

/** What a text search must answer, computed the slow way: every customer scored on every word. */
const expected = (customers: readonly (readonly [string, CustomerDocument])[], query: string): string[] => {
  const keys = [...new Set(textKeys(query))];
  return customers
    .map(([id, doc], order) => ({ id, order, levels: keys.map((k) => level(doc, k)) }))
    .filter((c) => c.levels.every((l) => l > 0))
    .map((c) => ({ ...c, score: c.levels.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((c) => c.id);
};

const vocabulary = [
  'Jan',
  'Jansen',
  'Janusz',
  'Анна',
  'Anna',
  'Annette',
  'Łukasz',
  'Luka',
  'Иванов',
  'Ivanova',
];
const streets = ['Voorstraat', 'Voorburgwal', 'Długa', 'Dluga Nowa', 'ул. Тверская', 'Tverskaya'];
const customerArb = fc.record({
  firstName: fc.constantFrom(...vocabulary),
  lastName: fc.constantFrom(...vocabulary),
  street: fc.constantFrom(...streets),
  houseNumber: fc.constantFrom('1', '12', '12a', '120'),
});
const wordArb = fc
  .tuple(fc.constantFrom(...vocabulary, ...streets, '12', '1'), fc.integer({ min: 1, max: 8 }))
  .map(([word, length]) => word.slice(0, length));

describe('customer search: ranking of word matches', () => {
  it('finds exactly the customers holding every word, whole words first, then in the order they came', () => {
    fc.assert(
      fc.property(
        fc.array(customerArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.array(wordArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (docs, queries) => {
          // A limit above the population: the whole ranking is visible.
          const search = setup({ limit: 1000 });
          const customers = docs.map((doc, i) => [`c${i}`, doc] as const);
          for (const [id, doc] of customers) search.index('shop1').put(id, doc);
          // Several queries in a row on one index: nothing of one query leaks into the next.
          for (const words of queries) {
            const query = words.join(' ');
            // Three digits or more may make it a numeric query, which routing sends elsewhere.
            if ((query.match(/\d/g) ?? []).length >= 3) continue;
            expect(ids(search, query)).toEqual(expected(customers, query));
          }
        },
      ),
    );
  });

  it('under a limit, returns exactly the head of that ranking, also after edits put customers out of slot order', () => {
    fc.assert(
      fc.property(
        fc.array(customerArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), customerArb), { maxLength: 20 }),
        fc.array(fc.array(wordArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 6 }),
        (docs, edits, queries, limit) => {
          const search = setup({ limit });
          const customers = docs.map((doc, i) => [`c${i}`, doc] as [string, CustomerDocument]);
          for (const [id, doc] of customers) search.index('shop1').put(id, doc);
          // An edit re-files an older customer under new words, after younger ones.
          for (const [which, doc] of edits) {
            const at = which % customers.length;
            const [id] = customers[at] as [string, CustomerDocument];
            customers[at] = [id, doc];
            search.index('shop1').put(id, doc);
          }
          for (const words of queries) {
            const query = words.join(' ');
            if ((query.match(/\d/g) ?? []).length >= 3) continue;
            expect([query, ids(search, query)]).toEqual([query, expected(customers, query).slice(0, limit)]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts a customer met in two lists of the same word once, when intersecting in slot order', () => {
    const index = customerIndex();
    // 30 customers hold both words (the second in two fields), 70 neither: the intersection is
    // common enough to be scanned in slot order, and each of the 30 is met in both lists.
    for (let i = 0; i < 100; i++)
      index.put(`c${i}`, i < 30 ? { firstName: 'Bo', lastName: 'Ma', street: 'Mb' } : { firstName: 'Zed' });
    const ranked = wordMatcher(index).match(
      [
        { fields: ['firstName'], key: 'b' },
        { fields: ['lastName', 'street'], key: 'm' },
      ],
      3,
    );
    expect([...ranked.slots.subarray(0, ranked.count)]).toEqual([0, 1, 2]);
  });

  it('with more whole-word matches than the limit, returns that many, all whole-word matches', () => {
    const search = setup({ limit: 2 });
    const index = search.index('shop1');
    // Listed first, so met first: a prefix match must not take a place a whole word deserves.
    index.put('jansen', { firstName: 'Piet', lastName: 'Jansen' });
    for (const id of ['jan1', 'jan2', 'jan3']) index.put(id, { firstName: 'Jan', lastName: 'Bakker' });
    const hits = ids(search, 'jan');
    expect(hits).toHaveLength(2);
    expect(hits).not.toContain('jansen');
  });

  it('keeps finding customers registered between searches, far past the first size of its buffers', () => {
    const search = setup({ limit: 5 });
    const index = search.index('shop1');
    for (let i = 0; i < 5000; i++) {
      index.put(`c${i}`, { firstName: i % 2 === 0 ? 'Jan' : 'Piet', lastName: `Nr${i}` });
      if (i % 250 === 0) expect(ids(search, `jan nr${i}`)).toEqual(i % 2 === 0 ? [`c${i}`] : []);
    }
    expect(ids(search, 'piet nr4999')).toEqual(['c4999']);
  });

  it('answers the same after more searches than its marks have stamps (they are reused, not cleared)', () => {
    const search = setup();
    const index = search.index('shop1');
    index.put('jan', { firstName: 'Jan', street: 'Voorstraat' });
    index.put('piet', { firstName: 'Piet', street: 'Voorstraat' });
    for (let i = 0; i < 40_000; i++) {
      const query = i % 2 === 0 ? 'jan voorstraat' : 'piet voor';
      if (i % 4999 === 0 || i > 32_700) expect(ids(search, query)).toEqual([i % 2 === 0 ? 'jan' : 'piet']);
      else search.search('shop1', query);
    }
  });

  it('reads a card of letters and digits out of a query, and a query with other letters as words only', () => {
    const search = setup();
    const index = search.index('shop1');
    index.put('card', { firstName: 'Ola', cards: ['AB1234'] });
    index.put('zofia', { firstName: 'Zofia', lastName: 'Żak' });
    expect(search.search('shop1', 'ab-1234').hits.map((h) => [h.customerId, h.matchedBy])).toEqual([
      ['card', 'card'],
    ]);
    expect(ids(search, 'Żak')).toEqual(['zofia']);
  });
});

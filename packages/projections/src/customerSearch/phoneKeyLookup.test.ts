import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { parsePhone, type CountryCode } from '@tillstream/domain';
import { customerSearch } from './customerSearch';
import { domainIdentifierReaders, type IdentifierReaders } from './identifierReaders';
import { defaultCustomerSearchPolicy } from './searchPolicy';

// The readers as they were before the key: every phone query parsed.
const { phoneKey: _key, ...parsingReaders } = domainIdentifierReaders;

const SHOPS: readonly (CountryCode | undefined)[] = ['PL', 'RU', 'NL', 'KZ', undefined];

const searchWith = (readers: IdentifierReaders) =>
  customerSearch({
    policyFor: (tenantId) => {
      const country = SHOPS[Number(tenantId)];
      return country === undefined
        ? defaultCustomerSearchPolicy
        : { ...defaultCustomerSearchPolicy, defaultCountry: country };
    },
    readers,
  });

const digitsArb = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

// Numbers as registration stores them: whatever parsePhone accepts, in E.164.
const storedPhone = fc
  .tuple(
    fc.constantFrom<[string, CountryCode]>(
      ['50', 'PL'],
      ['60', 'PL'],
      ['22', 'PL'],
      ['91', 'RU'],
      ['80', 'RU'],
      ['6', 'NL'],
      ['20', 'NL'],
      ['70', 'KZ'],
    ),
    digitsArb(7, 8),
  )
  .map(([[lead, country], rest]) => {
    const read = parsePhone(lead + rest, { defaultCountry: country });
    return E.isRight(read) ? read.right.e164 : undefined;
  });

const punctuation = fc.constantFrom(' ', ' ', '-', '(', ')', '.', '/', '  ');
const PREFIXES = ['', '0', '8', '1', '00', '810', '+', '+0'];

/** A stored number typed back every way a till might: national digits after any prefix, or whole, punctuated alike. */
const spellingsOf = (e164: string, cuts: readonly (readonly [number, string])[]): string[] => {
  const bare = [e164, e164.slice(1)];
  // The calling code is one to three digits: one of these is the national number.
  for (const drop of [1, 2, 3]) for (const prefix of PREFIXES) bare.push(prefix + e164.slice(1 + drop));
  return bare.map((typed) => {
    let out = typed;
    for (const [at, mark] of cuts) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + mark + out.slice(i);
    }
    return out;
  });
};

describe('a phone looked up by its key is found as by parsing', () => {
  it('property: search and advanced search give the same results with the key reader as with the parser alone', () => {
    fc.assert(
      fc.property(
        fc.array(storedPhone, { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), punctuation), { maxLength: 3 }),
        fc.array(digitsArb(3, 12), { maxLength: 3 }),
        (phones, cuts, strays) => {
          const held = [...new Set(phones.filter((p): p is NonNullable<typeof p> => p !== undefined))];
          if (held.length === 0) return;
          const fast = searchWith(domainIdentifierReaders);
          const slow = searchWith(parsingReaders);
          for (const search of [fast, slow])
            for (let shop = 0; shop < SHOPS.length; shop++)
              held.forEach((phone, i) => search.index(String(shop)).put(`c${i}`, { phones: [phone] }));
          const queries = [...held.flatMap((phone) => spellingsOf(phone, cuts)), ...strays];
          for (const typed of queries)
            for (let shop = 0; shop < SHOPS.length; shop++) {
              const tenant = String(shop);
              expect([typed, shop, fast.search(tenant, typed)]).toEqual([
                typed,
                shop,
                slow.search(tenant, typed),
              ]);
              expect([typed, shop, fast.advancedSearch(tenant, 'phone', typed)]).toEqual([
                typed,
                shop,
                slow.advancedSearch(tenant, 'phone', typed),
              ]);
            }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('finds a Polish number typed nationally, with +48, or with the national spelling of another shop', () => {
    const search = searchWith(domainIdentifierReaders);
    search.index('0').put('ola', { phones: ['+48501234567'] });
    for (const typed of ['501 234 567', '+48 501 234 567', '0048 501 234 567', '(501) 234-567'])
      expect([typed, search.search('0', typed).hits.map((h) => [h.customerId, h.matchedBy])]).toEqual([
        typed,
        [['ola', 'phone']],
      ]);
  });
});

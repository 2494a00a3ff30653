import { describe, expect, it } from '@jest/globals';
import { operator, replay, right, shop, SHOP } from '../testing/shop';
import { customerSearch } from './customerSearch';
import { customerSearchProjection } from './customerSearchProjection';
import { domainIdentifierReaders } from './identifierReaders';
import { defaultCustomerSearchPolicy } from './searchPolicy';

const manager = { role: 'manager' as const, id: 'mgr-1' };

describe('customer search and a forgotten customer', () => {
  it('never finds a customer who asked to be forgotten, by name, phone or id, and keeps finding the others', async () => {
    const s = shop();
    const ctx = { tenantId: SHOP, actor: operator };
    const anna = right(
      await s.customers.register(ctx, { phone: '8 916 123-45-67', firstName: 'Анна', lastName: 'Петрова' }),
    ).customerId;
    const olga = right(
      await s.customers.register(ctx, { phone: '8 903 765-43-21', firstName: 'Ольга', lastName: 'Петрова' }),
    ).customerId;
    right(await s.privacy.forget({ tenantId: SHOP, actor: manager }, anna, 'GDPR-17'));

    const search = await replay(
      s.eventStore,
      customerSearchProjection({
        policyFor: () => ({ ...defaultCustomerSearchPolicy, defaultCountry: 'RU' }),
        readers: domainIdentifierReaders,
      }),
    );
    const ids = (q: string) => search.search(SHOP, q).hits.map((h) => h.customerId);
    expect(ids('Петрова')).toEqual([olga]);
    expect(ids('Анна')).toEqual([]);
    expect(ids('8 916 123-45-67')).toEqual([]);
    expect(ids('4567')).toEqual([]);
    // The erased fields are not words anyone can search for.
    expect(ids('erased')).toEqual([]);
    expect(search.resolve(SHOP, anna)).toBeUndefined();
    expect(search.index(SHOP).get(anna)).toBeUndefined();
    expect(search.index(SHOP).size()).toBe(1);
  });

  it('ignores events for a forgotten customer that arrive after it', () => {
    const s = customerSearch({
      policyFor: () => defaultCustomerSearchPolicy,
      readers: domainIdentifierReaders,
    });
    const index = s.index(SHOP);
    index.put('c1', { firstName: 'Jan', phones: ['+31612341011'] });
    index.forget('c1');
    index.put('c1', { firstName: 'Jan', phones: ['+31612341011'] });
    expect(s.search(SHOP, 'Jan').hits).toEqual([]);
    expect(index.size()).toBe(0);
  });
});

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { CustomerDocument } from './customerDocument';
import { customerSearch, type SearchResult } from './customerSearch';
import { domainIdentifierReaders } from './identifierReaders';
import { defaultCustomerSearchPolicy, type CustomerSearchPolicy } from './searchPolicy';

const people: Record<string, CustomerDocument> = {
  // Russian
  ivanov: {
    firstName: 'Андрей',
    lastName: 'Иванов',
    street: 'ул. Тверская',
    houseNumber: '7',
    postalCode: '125009',
    city: 'Москва',
    phones: ['+79161234567'],
  },
  latinIvanov: { firstName: 'Sergey', lastName: 'Ivanov', city: 'Riga', phones: ['+79037654321'] },
  yulia: { firstName: 'Юлия', lastName: 'Щербакова', city: 'Санкт-Петербург', emails: ['yulia@example.ru'] },
  // Polish
  lukasz: {
    firstName: 'Łukasz',
    lastName: 'Wiśniewski',
    street: 'Świętokrzyska',
    houseNumber: '12a',
    postalCode: '00-950',
    city: 'Warszawa',
    taxIds: ['1234563218'],
    cards: ['12345678'],
  },
  anna: { firstName: 'Anna', lastName: 'Nowak', city: 'Łódź', emails: ['anna.nowak@example.com'] },
  // Bulgarian
  hristo: {
    firstName: 'Христо',
    lastName: 'Стоянов',
    street: 'бул. Витоша',
    postalCode: '1000',
    city: 'София',
  },
  yordan: { firstName: 'Йордан', lastName: 'Жечев', city: 'Пловдив' },
  // Dutch
  jan: {
    firstName: 'Jan',
    lastName: 'de Vries',
    street: 'Voorstraat',
    houseNumber: '12',
    postalCode: '1011 AB',
    city: 'Amsterdam',
  },
  janElsewhere: {
    firstName: 'Jan',
    lastName: 'Bakker',
    street: 'Kerkstraat',
    houseNumber: '3',
    postalCode: '3512 JK',
    city: 'Utrecht',
  },
  piet: {
    firstName: 'Piet',
    lastName: 'Jansen',
    street: 'Voorstraat',
    houseNumber: '40',
    postalCode: '3512 AV',
    city: 'Utrecht',
    phones: ['+31612341011'],
  },
  // French
  francois: {
    firstName: 'François',
    lastName: 'Lefèvre',
    street: "Rue de l'Église",
    houseNumber: '5',
    postalCode: '75004',
    city: 'Paris',
  },
  helene: { firstName: 'Hélène', lastName: 'Dœuvre', city: 'Besançon', cards: ['1011'] },
  // Danish, for ø
  soren: { firstName: 'Søren', lastName: 'Østergaard', city: 'Århus' },
};

const setup = (policy: Partial<CustomerSearchPolicy> = {}) => {
  const search = customerSearch({
    policyFor: () => ({ ...defaultCustomerSearchPolicy, defaultCountry: 'RU', ...policy }),
    readers: domainIdentifierReaders,
  });
  const index = search.index('shop1');
  for (const [id, doc] of Object.entries(people)) index.put(id, doc);
  return search;
};

const ids = (result: SearchResult) => result.hits.map((h) => h.customerId);
const found = (query: string, policy?: Partial<CustomerSearchPolicy>) =>
  ids(setup(policy).search('shop1', query));

describe('customer search: exact identifiers', () => {
  it('finds a phone typed with the national 8 or the international +7 alike', () => {
    for (const typed of ['8 916 123-45-67', '+7 (916) 123 45 67', '89161234567', '9161234567'])
      expect(found(typed)[0]).toBe('ivanov');
    expect(setup().search('shop1', '8 916 123-45-67').hits[0]?.matchedBy).toBe('phone');
  });

  it('reads national numbers with the shop country: 06… in a Dutch shop', () => {
    expect(found('06 1234 1011', { defaultCountry: 'NL' })[0]).toBe('piet');
  });

  it('finds by the last four or more digits of a phone, not by three', () => {
    expect(found('4567')).toEqual(['ivanov']);
    expect(found('23-45-67')).toEqual(['ivanov']);
    expect(found('567')).toEqual([]);
  });

  it('finds a card as typed with separators, and an RFID card in either reader spelling', () => {
    expect(found('1234-5678')).toContain('lukasz');
    const rfid = setup({ cardFormats: ['rfid-decimal', 'rfid-hex'] });
    rfid.index('shop1').put('rfidCustomer', { firstName: 'Ola', cards: ['00BC614E'] });
    expect(ids(rfid.search('shop1', '0012345678'))[0]).toBe('rfidCustomer');
    expect(ids(rfid.search('shop1', '00bc614e'))[0]).toBe('rfidCustomer');
  });

  it('finds a tax id with or without its country prefix and separators', () => {
    expect(found('PL 123-456-32-18')[0]).toBe('lukasz');
    expect(found('1234563218')[0]).toBe('lukasz');
  });

  it('finds an email whatever its case, and only by email', () => {
    expect(found('Anna.Nowak@Example.com')).toEqual(['anna']);
    expect(found('anna@')).toEqual([]);
  });
});

describe('customer search: words', () => {
  it('matches word prefixes regardless of case and diacritics, ł and ø included', () => {
    expect(found('łukasz')).toEqual(['lukasz']);
    expect(found('LUKASZ wis')).toEqual(['lukasz']);
    expect(found('swietokrz')).toEqual(['lukasz']);
    expect(found('lodz')).toEqual(['anna']);
    expect(found('soren oster')).toEqual(['soren']);
    expect(found('Sören Östergaard')).toEqual(['soren']);
    expect(found('helene doeuvre')).toEqual(['helene']);
    expect(found('francois lefevre')).toEqual(['francois']);
    expect(found('eglise')).toEqual(['francois']);
  });

  it('treats Cyrillic й and ё like и and е, and matches prefixes of Cyrillic words', () => {
    expect(found('Йордан')).toEqual(['yordan']);
    expect(found('иордан')).toEqual(['yordan']);
    expect(found('Анд')).toEqual(['ivanov']);
    expect(found('тверская')).toEqual(['ivanov']);
  });

  it('finds Cyrillic names typed in Latin letters and Latin names typed in Cyrillic', () => {
    expect(found('Ivanov Andrei')).toEqual(['ivanov']);
    expect(found('Ivanov Andrey')).toEqual(['ivanov']);
    expect(found('Иванов').sort()).toEqual(['ivanov', 'latinIvanov']);
    expect(found('Hristo Stoyanov')).toEqual(['hristo']);
    expect(found('Khristo')).toEqual(['hristo']);
    expect(found('Yulia Shcherbakova')).toEqual(['yulia']);
    expect(found('Zhechev')).toEqual(['yordan']);
    expect(found('Сергей')).toEqual(['latinIvanov']);
  });

  it('needs every typed word to match some default field', () => {
    expect(found('jan').sort()).toEqual(['jan', 'janElsewhere', 'piet']);
    expect(found('jan voorstraat').sort()).toEqual(['jan', 'piet']);
    expect(found('jan voorstraat 12')).toEqual(['jan']);
    expect(found('jan amsterdam')).toEqual(['jan']);
  });

  it('ranks whole-word matches above prefix matches', () => {
    // "Jan" is Jan's whole first name but only the start of Piet's surname "Jansen".
    expect(found('jan voorstraat')).toEqual(['jan', 'piet']);
  });

  it('looks only in the fields the shop chose for its default search', () => {
    expect(found('voorstraat', { defaultFields: ['firstName', 'lastName'] })).toEqual([]);
    expect(found('voorstraat').sort()).toEqual(['jan', 'piet']);
  });
});

describe('customer search: routing by the shape of the query', () => {
  it('sends a mostly-digit query to postal codes as well as phones', () => {
    expect(found('1011 AB')).toEqual(['jan']);
    expect(found('00-95')).toEqual(['lukasz']);
    expect(found('3512').sort()).toEqual(['janElsewhere', 'piet']);
  });

  it('ranks exact identifiers first, then phone endings, then postal codes', () => {
    const result = setup().search('shop1', '1011');
    expect(result.hits.map((h) => [h.customerId, h.matchedBy])).toEqual([
      ['helene', 'card'],
      ['piet', 'phoneEnding'],
      ['jan', 'text'],
    ]);
  });
});

describe('customer search: advanced', () => {
  const advanced = (fields: string, values: string, policy?: Partial<CustomerSearchPolicy>) =>
    setup(policy).advancedSearch('shop1', fields, values);

  it('matches every chosen field with its own value', () => {
    const result = advanced('firstName, street', 'Jan, Voorstraat');
    expect(E.isRight(result) && ids(result.right)).toEqual(['jan']);
  });

  it('combines identifiers and words', () => {
    const result = advanced('phone, city', '1011, Utrecht');
    expect(E.isRight(result) && ids(result.right)).toEqual(['piet']);
    const none = advanced('phone, city', '1011, Amsterdam');
    expect(E.isRight(none) && ids(none.right)).toEqual([]);
  });

  it('refuses a list of values that does not match the list of fields', () => {
    const result = advanced('firstName, street', 'Jan');
    expect(E.isLeft(result) && result.left.code).toBe('search.values_do_not_match_fields');
    const unknown = advanced('nickname', 'Jan');
    expect(E.isLeft(unknown) && unknown.left.code).toBe('search.unknown_field');
  });

  it('prefills the typed names when nobody matches', () => {
    const result = advanced('firstName, lastName, street', 'Zofia, Kowalska, Długa');
    expect(E.isRight(result) && result.right.prefill).toEqual({ firstName: 'Zofia', lastName: 'Kowalska' });
  });
});

describe('customer search: nobody found', () => {
  it('prefills first and last name from a text query', () => {
    expect(setup().search('shop1', 'marie  curie-skłodowska').prefill).toEqual({
      firstName: 'Marie',
      lastName: 'Curie-skłodowska',
    });
  });

  it('prefills the normalised phone from a numeric query', () => {
    expect(setup().search('shop1', '8 999 000-00-00').prefill).toEqual({ phone: '+79990000000' });
  });

  it('gives no prefill when somebody was found', () => {
    expect(setup().search('shop1', 'jan').prefill).toBeUndefined();
  });
});

describe('customer search: index upkeep', () => {
  it('never shows a merged-away customer, and resolves its id to the survivor', () => {
    const search = setup();
    const index = search.index('shop1');
    index.merge('janElsewhere', 'jan');
    expect(ids(search.search('shop1', 'bakker'))).toEqual([]);
    expect(search.resolve('shop1', 'janElsewhere')).toBe('jan');
    index.merge('jan', 'piet');
    expect(search.resolve('shop1', 'janElsewhere')).toBe('piet');
    // A late event for a merged-away customer does not bring it back.
    index.put('janElsewhere', people['janElsewhere'] as CustomerDocument);
    expect(ids(search.search('shop1', 'bakker'))).toEqual([]);
  });

  it('forgets old words and identifiers when a customer changes', () => {
    const search = setup();
    const index = search.index('shop1');
    index.put('anna', { firstName: 'Anna', lastName: 'Kowalczyk', phones: ['+48601234567'] });
    expect(ids(search.search('shop1', 'nowak'))).toEqual([]);
    expect(ids(search.search('shop1', 'anna.nowak@example.com'))).toEqual([]);
    expect(ids(search.search('shop1', 'kowalczyk'))).toEqual(['anna']);
    expect(ids(search.search('shop1', '+48 601 234 567'))).toEqual(['anna']);
    expect(index.get('anna')).toEqual({ firstName: 'Anna', lastName: 'Kowalczyk', phones: ['+48601234567'] });
  });

  it('keeps tenants apart', () => {
    const search = setup();
    expect(ids(search.search('shop2', 'jan'))).toEqual([]);
  });
});

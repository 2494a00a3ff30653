import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TEXT_FIELDS, type CustomerDocument, type TextField } from './customerDocument';
import { customerIndex, fieldKeys, fieldMask, type CustomerIndex } from './customerIndex';

const words = ['Anna', 'Анна', 'Kowalska', 'Jan', 'Jansen', 'Łódź', 'Voorstraat 1', '00-950', '12b', ''];
const phones = ['+48501234567', '+48501234568', '+79161234567'];
const ids = ['c1', 'c2', 'c3'];

const maybe = <A>(arb: fc.Arbitrary<A>) => fc.option(arb, { nil: undefined });
const documentArb: fc.Arbitrary<CustomerDocument> = fc
  .record({
    firstName: maybe(fc.constantFrom(...words)),
    lastName: maybe(fc.constantFrom(...words)),
    street: maybe(fc.constantFrom(...words)),
    houseNumber: maybe(fc.constantFrom(...words)),
    postalCode: maybe(fc.constantFrom(...words)),
    city: maybe(fc.constantFrom(...words)),
    phones: maybe(fc.constantFrom(...phones).map((p) => [p])),
    cards: maybe(fc.constantFrom(['C-1'], ['C-2'])),
    emails: maybe(fc.constantFrom(['Anna@Example.com'], ['jan@example.com'])),
  })
  .map(
    (doc) => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as CustomerDocument,
  );

/** Everything the index answers about the pools above, by customer id (slots differ between indexes). */
const answers = (index: CustomerIndex) => {
  const idsOf = (slots: Iterable<number>) => [...new Set([...slots].map(index.idOf))].sort();
  const out: Record<string, unknown> = {};
  for (const id of ids) out[`get ${id}`] = index.get(id);
  for (const field of TEXT_FIELDS)
    for (const key of new Set(words.flatMap((w) => fieldKeys(field, w)))) {
      const found: number[] = [];
      index.forPrefix(field, key, (postings) => void found.push(...postings));
      out[`${field} ${key}`] = idsOf(found);
      out[`${field} ${key} match`] = ids.map((id) => {
        const slot = [...Array(index.capacity()).keys()].find((s) => index.idOf(s) === id);
        return slot === undefined || index.get(id) === undefined
          ? 0
          : index.matchWord(slot, fieldMask([field as TextField]), key);
      });
    }
  for (const phone of phones) {
    out[`phone ${phone}`] = idsOf(index.exact('phone', phone));
    out[`ending ${phone}`] = idsOf(index.phoneEndingWith(phone.slice(-6)));
  }
  for (const card of ['C-1', 'C-2']) out[`card ${card}`] = idsOf(index.exact('card', card));
  for (const email of ['anna@example.com', 'JAN@example.com'])
    out[`email ${email}`] = idsOf(index.exact('email', email));
  out.size = index.size();
  return out;
};

describe('customer index edits', () => {
  it('answers after any sequence of edits exactly as an index given only each customer’s last document', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ids), documentArb), { maxLength: 12 }), (puts) => {
        const edited = customerIndex();
        const last = new Map<string, CustomerDocument>();
        for (const [id, doc] of puts) {
          edited.put(id, doc);
          last.set(id, doc);
        }
        const fresh = customerIndex();
        // Same first-seen order, so both give out slots alike.
        for (const id of new Set(puts.map(([id]) => id))) fresh.put(id, last.get(id) as CustomerDocument);
        expect(answers(edited)).toEqual(answers(fresh));
      }),
      { numRuns: 300 },
    );
  });
});

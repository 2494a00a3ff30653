import { describe, expect, it } from '@jest/globals';
import * as t from 'io-ts';
import type { Event } from './envelope';
import { combineCatalogs, decodingCatalog, eventCatalog, type EventCatalog } from './eventCatalog';

type A = Event<'A', { readonly a: number }>;
type B = Event<'B', { readonly b: number }>;
const as = eventCatalog<A>({ A: { codec: t.type({ a: t.number }) } }) as EventCatalog<Event>;
const bs = eventCatalog<B>({ B: { codec: t.type({ b: t.number }) } }) as EventCatalog<Event>;

describe('combined catalogs', () => {
  it('name the part that decodes each type, through combinations of combinations', () => {
    const both = combineCatalogs(as, bs);
    const again = combineCatalogs(both, as);
    expect(decodingCatalog(both, 'B')).toBe(bs);
    expect(decodingCatalog(again, 'B')).toBe(bs);
    expect(decodingCatalog(again, 'A')).toBe(as);
  });

  it('leave a plain catalog, or a type no part holds, to the catalog itself', () => {
    const both = combineCatalogs(as, bs);
    expect(decodingCatalog(as, 'A')).toBe(as);
    expect(decodingCatalog(both, 'C')).toBe(both);
  });
});

import * as fc from 'fast-check';
import { instantText } from './clock';

const YEAR_0 = Date.UTC(0, 0, 1) - 10 * 86_400_000;
const YEAR_10000 = Date.UTC(10000, 0, 1) + 10 * 86_400_000;

describe('instantText writes exactly what toISOString writes', () => {
  it('for any instant, after any other instant (same day, other day, other era)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: YEAR_0, max: YEAR_10000 }),
        fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }),
        (first, step) => {
          const a = new Date(first);
          const b = new Date(first + step);
          expect(instantText(a)).toBe(a.toISOString());
          expect(instantText(b)).toBe(b.toISOString());
          expect(instantText(a)).toBe(a.toISOString());
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('on the edges of a day, before 1970 and outside years 0–9999', () => {
    const instants = [
      '2026-03-01T00:00:00.000Z',
      '2026-03-01T23:59:59.999Z',
      '2026-03-02T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ].map((s) => new Date(s));
    instants.push(new Date(Date.UTC(10000, 0, 1, 12)), new Date(Date.UTC(-1, 5, 1, 12)));
    for (const d of [...instants, ...instants.reverse()]) expect(instantText(d)).toBe(d.toISOString());
  });

  it('refuses an invalid date as toISOString does', () => {
    instantText(new Date('2026-03-01T10:00:00.000Z'));
    expect(() => instantText(new Date(Number.NaN))).toThrow(RangeError);
  });
});

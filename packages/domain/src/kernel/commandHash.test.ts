import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { commandHash } from './commandHash';

describe('commandHash', () => {
  it('keeps the hashes of known requests, so commands stored earlier are still recognised when re-sent', () => {
    expect(commandHash('Add', { amount: 4 })).toBe('RGxtryARO9VxVgWkfydiWj');
    const data = {
      b: [1, { z: undefined, y: 'é😀' }],
      a: new Date('2026-01-01T00:00:00Z'),
      n: 10n,
      u: undefined,
      c: null,
    };
    expect(commandHash('RegisterCustomer', data)).toBe('QEJp-ZvwETJKOzLbNEel6-');
  });

  it('does not depend on the order of fields, nor on fields that are undefined', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(commandHash('T', { ...reversed, extra: undefined })).toBe(commandHash('T', record));
      }),
    );
  });

  it('tells apart requests whose type or data differ', () => {
    expect(commandHash('A', { x: 1 })).not.toBe(commandHash('B', { x: 1 }));
    expect(commandHash('A', { x: 1 })).not.toBe(commandHash('A', { x: 2 }));
    expect(commandHash('A', ['a,b'])).not.toBe(commandHash('A', ['a', 'b']));
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { tidyText } from './text';

const slowTidy = (input: string): string => input.normalize('NFC').replace(/\s+/gu, ' ').trim();

describe('tidyText', () => {
  it('property: plain ASCII words are returned as they are, and every text tidies as NFC, trimmed, single-spaced', () => {
    const character = fc.constantFrom(...'aZ09-. \t\n\u00a0\u2003ŁłéÉ\u0301e\u0000~!');
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: character }), fc.string(), fc.string({ unit: 'grapheme' })),
        (text) => {
          expect(tidyText(text)).toBe(slowTidy(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('collapses and trims what a pasted name brings along', () => {
    expect(tidyText('  Anna \t Maria\u00a0 Kowalska ')).toBe('Anna Maria Kowalska');
    expect(tidyText('Anna Kowalska')).toBe('Anna Kowalska');
    expect(tidyText('Ze\u0301ro')).toBe('Zéro');
  });
});

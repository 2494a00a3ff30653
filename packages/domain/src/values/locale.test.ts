import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { LocaleCodec, parseLocale } from './locale';

describe('a language is a BCP 47 tag in canonical form', () => {
  it.each([
    ['pl', 'pl'],
    ['pl-PL', 'pl-PL'],
    ['PL-pl', 'pl-PL'],
    ['pl_PL', 'pl-PL'],
    [' ru ', 'ru'],
    ['zh-hant-tw', 'zh-Hant-TW'],
  ])('%p is %p', (typed, locale) => {
    expect(parseLocale(typed)).toEqual(E.right(locale));
  });

  it.each(['polish', 'pl-', 'p', 'pl-PL.UTF-8', '12'])('%p is refused, showing what was typed', (typed) => {
    const result = parseLocale(typed);
    if (E.isRight(result)) throw new Error(`expected a refusal, got ${result.right}`);
    expect(result.left.code).toBe('locale.invalid');
    expect(result.left.message).toContain(JSON.stringify(typed));
    expect(result.left.field).toBe('locale');
  });

  it('refuses empty and non-text input with their own codes', () => {
    expect(parseLocale('  ')).toEqual(E.left(expect.objectContaining({ code: 'locale.empty' })));
    expect(parseLocale(null)).toEqual(E.left(expect.objectContaining({ code: 'locale.not_text' })));
  });

  it('the codec accepts canonical tags only', () => {
    expect(LocaleCodec.decode('pl-PL')).toEqual(E.right('pl-PL'));
    expect(E.isLeft(LocaleCodec.decode('pl_PL'))).toBe(true);
    expect(E.isLeft(LocaleCodec.decode('PL-pl'))).toBe(true);
  });
});

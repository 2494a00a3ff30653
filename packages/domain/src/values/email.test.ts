import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { EmailCodec, parseEmail } from './email';

const refused = (input: unknown) => {
  const result = parseEmail(input);
  if (E.isRight(result)) throw new Error(`expected ${String(input)} to be refused, got ${result.right}`);
  return result.left;
};

describe('an email address is trimmed and its domain lower-cased', () => {
  it.each([
    ['  Jan.Kowalski@Example.COM ', 'Jan.Kowalski@example.com'],
    ['anna+loyalty@shop.co.uk', 'anna+loyalty@shop.co.uk'],
    ['ivan@почта.рф', 'ivan@почта.рф'],
    ['IVAN@ПОЧТА.РФ', 'IVAN@почта.рф'],
    ["o'brien@mail.example.ie", "o'brien@mail.example.ie"],
  ])('%p is %p', (typed, email) => {
    expect(parseEmail(typed)).toEqual(E.right(email));
  });

  it('the local part keeps its case, since mail servers may treat it as case-sensitive', () => {
    expect(parseEmail('MixedCase@x.org')).toEqual(E.right('MixedCase@x.org'));
  });
});

describe('addresses that cannot receive mail are refused, showing what was typed', () => {
  it.each([
    ['jan.kowalski.gmail.com', 'no @'],
    ['@gmail.com', 'before the @'],
    ['jan@', 'after the @'],
    ['jan@gmail', 'full domain'],
    ['jan kowalski@gmail.com', 'space'],
    ['jan..k@gmail.com', 'before the @'],
    ['.jan@gmail.com', 'before the @'],
    ['jan.@gmail.com', 'before the @'],
    ['jan@@gmail.com', 'more than one @'],
    ['jan@gmail..com', 'not a valid domain'],
    ['jan@-gmail.com', 'not a valid domain'],
    ['jan@gmail.c0m.123', 'top-level domain'],
    ['jan@[192.168.0.1]', 'not a valid domain'],
  ])('%p is refused (%s)', (typed, why) => {
    const error = refused(typed);
    expect(error.code).toBe('email.invalid');
    expect(error.field).toBe('email');
    expect(error.value).toBe(typed);
    expect(error.message).toContain(JSON.stringify(typed));
    expect(error.message).toContain(why);
  });

  it('refuses empty, over-long and non-text input with their own codes', () => {
    expect(refused('   ').code).toBe('email.empty');
    expect(refused(`${'a'.repeat(60)}@${'b'.repeat(190)}.com`).code).toBe('email.too_long');
    expect(refused(`${'a'.repeat(65)}@example.com`).message).toContain('longer than 64');
    expect(refused(42).code).toBe('email.not_text');
  });
});

describe('the stored email', () => {
  it('round-trips through its codec', () => {
    const email = parseEmail('Jan@Example.com');
    if (E.isLeft(email)) throw email.left;
    expect(EmailCodec.decode(EmailCodec.encode(email.right))).toEqual(email);
  });

  it.each(['jan@Example.com', 'no-at', 'a b@c.d', 7])('refuses %p, which no parser produces', (stored) => {
    expect(E.isLeft(EmailCodec.decode(stored))).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { ValidationError } from '../kernel/errors';
import { CurrencyCodec, minorUnitDigits, parseCurrency, type CurrencyCode } from './currency';
import {
  MoneyCodec,
  addMoney,
  compareMoney,
  formatMoney,
  isNegativeMoney,
  isPositiveMoney,
  isZeroMoney,
  makeMoney,
  moneyEquals,
  multiplyMoney,
  negateMoney,
  parseMoney,
  parseMoneyAmount,
  subtractMoney,
  sumMoney,
  zeroMoney,
  type Money,
} from './money';

const right = <A>(result: E.Either<ValidationError, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected success: ${result.left.message}`);
  return result.right;
};
const left = <A>(result: E.Either<ValidationError, A>): ValidationError => {
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`);
  return result.left;
};

const PLN = right(parseCurrency('PLN'));
const EUR = right(parseCurrency('EUR'));
const JPY = right(parseCurrency('JPY'));
const KWD = right(parseCurrency('KWD'));
const pln = (amount: number): Money => right(makeMoney(amount, 'PLN'));

describe('a currency is an ISO 4217 code', () => {
  it('reads any case and spacing as the upper-case code', () => {
    expect(parseCurrency(' pln ')).toEqual(E.right('PLN'));
  });

  it.each(['ZLOTY', 'PL', 'ABC', '', 985])('refuses %p, showing it', (typed) => {
    const error = left(parseCurrency(typed));
    expect(error.code).toMatch(/^currency\./);
    expect(error.message).toContain(typeof typed === 'string' ? JSON.stringify(typed) : String(typed));
  });

  it('knows each currency’s minor-unit digits', () => {
    expect([minorUnitDigits(PLN), minorUnitDigits(JPY), minorUnitDigits(KWD)]).toEqual([2, 0, 3]);
  });

  it('decodes stored codes by shape', () => {
    expect(CurrencyCodec.decode('PLN')).toEqual(E.right('PLN'));
    expect(E.isLeft(CurrencyCodec.decode('pln'))).toBe(true);
  });
});

describe('money is a safe integer of minor units: never a float', () => {
  it.each([
    [12.5, 'money.not_integer'],
    [Number.NaN, 'money.not_integer'],
    [Number.POSITIVE_INFINITY, 'money.not_integer'],
    ['1250', 'money.not_integer'],
    [2 ** 53, 'money.unsafe_integer'],
    [-(2 ** 53), 'money.unsafe_integer'],
  ])('%p is refused with %s, showing it', (amount, code) => {
    const error = left(makeMoney(amount, 'PLN'));
    expect(error.code).toBe(code);
    expect(error.field).toBe('amount');
    expect(error.message).toContain(typeof amount === 'string' ? JSON.stringify(amount) : String(amount));
  });

  it('accepts negative amounts (refunds, debt) and has a single zero', () => {
    expect(pln(-250).amount).toBe(-250);
    expect(Object.is(pln(-0).amount, 0)).toBe(true);
    expect(Object.is(negateMoney(zeroMoney(PLN)).amount, 0)).toBe(true);
  });

  it('refuses an unknown currency, naming the currency field', () => {
    expect(left(makeMoney(100, 'XYZ')).field).toBe('amount.currency');
  });

  it('reads the { amount, currency } form, refusing anything else', () => {
    expect(parseMoney({ amount: 1250, currency: 'pln' })).toEqual(E.right({ amount: 1250, currency: 'PLN' }));
    expect(left(parseMoney('12.50 PLN')).code).toBe('money.not_an_object');
    expect(left(parseMoney({ amount: 12.5, currency: 'PLN' })).code).toBe('money.not_integer');
  });
});

const safeAmount = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });

describe('arithmetic is exact and never mixes currencies', () => {
  it('adds and subtracts in one currency', () => {
    expect(addMoney(pln(1250), pln(199))).toEqual(E.right(pln(1449)));
    expect(subtractMoney(pln(199), pln(1250))).toEqual(E.right(pln(-1051)));
  });

  it('property: 0.10 + 0.20 style sums are exact, and subtraction undoes addition', () => {
    fc.assert(
      fc.property(safeAmount, safeAmount, (a, b) => {
        const sum = right(addMoney(pln(a), pln(b)));
        expect(sum.amount).toBe(a + b);
        expect(subtractMoney(sum, pln(b))).toEqual(E.right(pln(a)));
        expect(addMoney(pln(b), pln(a))).toEqual(E.right(sum));
      }),
    );
  });

  it('refuses to add, subtract or compare different currencies, showing both amounts', () => {
    const eur = right(makeMoney(300, 'EUR'));
    for (const result of [
      addMoney(pln(1250), eur),
      subtractMoney(pln(1250), eur),
      compareMoney(pln(1250), eur),
    ]) {
      const error = left<unknown>(result);
      expect(error.code).toBe('money.currency_mismatch');
      expect(error.message).toContain('12.50 PLN');
      expect(error.message).toContain('3.00 EUR');
    }
  });

  it('refuses results too large to count exactly', () => {
    const max = pln(Number.MAX_SAFE_INTEGER);
    const overflow = left(addMoney(max, pln(1)));
    expect(overflow.code).toBe('money.overflow');
    expect(overflow.message).toContain('90071992547409.91 PLN + 0.01 PLN');
    expect(left(subtractMoney(pln(-Number.MAX_SAFE_INTEGER), pln(1))).code).toBe('money.overflow');
    expect(left(multiplyMoney(max, 2)).code).toBe('money.overflow');
  });

  it('multiplies by whole quantities only', () => {
    expect(multiplyMoney(pln(499), 3)).toEqual(E.right(pln(1497)));
    expect(left(multiplyMoney(pln(499), 1.5)).code).toBe('money.not_integer');
  });

  it('sums a list in one currency, refusing a stray currency', () => {
    expect(sumMoney(PLN, [pln(100), pln(250), pln(-50)])).toEqual(E.right(pln(300)));
    expect(sumMoney(PLN, [])).toEqual(E.right(zeroMoney(PLN)));
    expect(left(sumMoney(PLN, [pln(100), zeroMoney(EUR)])).code).toBe('money.currency_mismatch');
  });

  it('compares amounts of one currency', () => {
    expect([
      compareMoney(pln(1), pln(2)),
      compareMoney(pln(2), pln(2)),
      compareMoney(pln(3), pln(2)),
    ]).toEqual([E.right(-1), E.right(0), E.right(1)]);
    expect(moneyEquals(pln(100), pln(100))).toBe(true);
    expect(moneyEquals(zeroMoney(PLN), zeroMoney(EUR))).toBe(false);
    expect([
      isZeroMoney(pln(0)),
      isNegativeMoney(pln(-1)),
      isPositiveMoney(pln(1)),
      isPositiveMoney(pln(0)),
    ]).toEqual([true, true, true, false]);
  });
});

describe('money is shown to people with the currency’s minor-unit digits', () => {
  it.each([
    [1250, PLN, '12.50 PLN'],
    [5, PLN, '0.05 PLN'],
    [-300, EUR, '-3.00 EUR'],
    [500, JPY, '500 JPY'],
    [1234, KWD, '1.234 KWD'],
    [0, PLN, '0.00 PLN'],
    [Number.MAX_SAFE_INTEGER, PLN, '90071992547409.91 PLN'],
  ])('%p minor units of %s is %p', (amount, currency, text) => {
    expect(formatMoney(right(makeMoney(amount, currency)))).toBe(text);
  });
});

describe('amounts typed in major units are read exactly', () => {
  it.each([
    ['12,50', PLN, 1250],
    ['12.5', PLN, 1250],
    ['200', PLN, 20000],
    ['1 234,56', PLN, 123456],
    ['-0,10', PLN, -10],
    ['500', JPY, 500],
    ['0.1', EUR, 10],
  ])('%p %s is %p minor units', (typed, currency, amount) => {
    expect(parseMoneyAmount(typed, currency)).toEqual(E.right({ amount, currency }));
  });

  it.each([
    ['12.505', PLN, 'money.too_many_decimals'],
    ['5.5', JPY, 'money.too_many_decimals'],
    ['12,50 zł', PLN, 'money.bad_amount'],
    ['1.234,50', PLN, 'money.bad_amount'],
    ['', PLN, 'money.bad_amount'],
    ['99999999999999999', PLN, 'money.unsafe_integer'],
  ])('%p %s is refused with %s, showing it', (typed, currency, code) => {
    const error = left(parseMoneyAmount(typed, currency as CurrencyCode));
    expect(error.code).toBe(code);
    expect(error.message).toContain(JSON.stringify(typed));
  });

  it('property: what formatMoney shows reads back as the same money', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
        fc.constantFrom(PLN, JPY, KWD),
        (amount, currency) => {
          const money = right(makeMoney(amount, currency));
          const [shownAmount = ''] = formatMoney(money).split(' ');
          expect(parseMoneyAmount(shownAmount, currency)).toEqual(E.right(money));
        },
      ),
    );
  });
});

describe('the stored money', () => {
  it('round-trips through its codec', () => {
    expect(MoneyCodec.decode(MoneyCodec.encode(pln(-1250)))).toEqual(E.right(pln(-1250)));
  });

  it.each([
    { amount: 12.5, currency: 'PLN' },
    { amount: 1, currency: 'pln' },
    { amount: '1', currency: 'PLN' },
    1250,
  ])('refuses %p', (stored) => {
    expect(E.isLeft(MoneyCodec.decode(stored))).toBe(true);
  });
});

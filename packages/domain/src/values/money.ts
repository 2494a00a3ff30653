import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as RA from 'fp-ts/ReadonlyArray';
import type { ValidationError } from '../kernel/errors';
import { isRecord, storedFormCodec } from './codec';
import { CurrencyCodec, minorUnitDigits, parseCurrency, type CurrencyCode } from './currency';
import { refuse, shown } from './refusal';

/** An amount of money in integer minor units (grosze, cents), so arithmetic is exact; may be negative (refunds, debt). */
export type Money = { readonly amount: number; readonly currency: CurrencyCode };

/** The result of comparing two amounts of one currency. */
export type MoneyOrdering = -1 | 0 | 1;

// -0 would print as "-0.00" and fail Object.is equality with 0; money has one zero.
const unsigned0 = (amount: number): number => (amount === 0 ? 0 : amount);

const checkAmount = (amount: unknown, field: string): E.Either<ValidationError, number> => {
  if (typeof amount !== 'number' || !Number.isInteger(amount))
    return refuse(
      'money.not_integer',
      `${shown(amount)} is not a whole number of minor units (grosze, cents): 12.50 is written 1250.`,
      field,
      amount,
    );
  return Number.isSafeInteger(amount)
    ? E.right(unsigned0(amount))
    : refuse(
        'money.unsafe_integer',
        `${shown(amount)} is too large an amount to count exactly.`,
        field,
        amount,
      );
};

/** Makes money from an integer amount of minor units and a currency code; refuses floats, NaN and unsafe integers. */
export const makeMoney = (
  amount: unknown,
  currency: unknown,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, Money> => {
  const field = options.field ?? 'amount';
  return pipe(
    checkAmount(amount, field),
    E.chain((checked) =>
      pipe(
        parseCurrency(currency, { field: `${field}.currency` }),
        E.map((code): Money => ({ amount: checked, currency: code })),
      ),
    ),
  );
};

/** Reads money from its stored or sent form `{ amount, currency }`. */
export const parseMoney = (
  input: unknown,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, Money> =>
  isRecord(input)
    ? makeMoney(input['amount'], input['currency'], options)
    : refuse(
        'money.not_an_object',
        `An amount of money is { amount, currency }, not ${shown(input)}.`,
        options.field ?? 'amount',
        input,
      );

/** No money in the given currency. */
export const zeroMoney = (currency: CurrencyCode): Money => ({ amount: 0, currency });

const digitsOf = (money: Money): string => {
  const digits = minorUnitDigits(money.currency);
  const magnitude = String(Math.abs(money.amount)).padStart(digits + 1, '0');
  const units = magnitude.slice(0, magnitude.length - digits);
  return digits === 0 ? units : `${units}.${magnitude.slice(magnitude.length - digits)}`;
};

/** Money for people: `12.50 PLN`, `-3.00 EUR`, `500 JPY`, using the currency's minor-unit digits, no floats. */
export const formatMoney = (money: Money): string =>
  `${money.amount < 0 ? '-' : ''}${digitsOf(money)} ${money.currency}`;

const sameCurrency = (a: Money, b: Money, verb: string): E.Either<ValidationError, CurrencyCode> =>
  a.currency === b.currency
    ? E.right(a.currency)
    : refuse(
        'money.currency_mismatch',
        `Cannot ${verb} ${formatMoney(a)} and ${formatMoney(b)}: the currencies differ.`,
        'currency',
        b.currency,
        { left: a, right: b },
      );

// `describe` is a thunk so successful arithmetic, the common case, never formats anything.
const exact = (
  amount: number,
  currency: CurrencyCode,
  describe: () => string,
): E.Either<ValidationError, Money> =>
  // Operands are safe integers, so a result that is not safe really did overflow (rounding never hides it).
  Number.isSafeInteger(amount)
    ? E.right({ amount: unsigned0(amount), currency })
    : refuse('money.overflow', `${describe()} is too large an amount to count exactly.`, 'amount', amount);

/** a + b, refused when the currencies differ or the sum cannot be counted exactly. */
export const addMoney = (a: Money, b: Money): E.Either<ValidationError, Money> =>
  pipe(
    sameCurrency(a, b, 'add'),
    E.chain((currency) =>
      exact(a.amount + b.amount, currency, () => `${formatMoney(a)} + ${formatMoney(b)}`),
    ),
  );

/** a − b (may go negative), refused when the currencies differ. */
export const subtractMoney = (a: Money, b: Money): E.Either<ValidationError, Money> =>
  pipe(
    sameCurrency(a, b, 'subtract'),
    E.chain((currency) =>
      exact(a.amount - b.amount, currency, () => `${formatMoney(a)} − ${formatMoney(b)}`),
    ),
  );

/** Money times a whole quantity (3 × 4.99 PLN); a fractional factor is refused, since it would need rounding rules. */
export const multiplyMoney = (money: Money, quantity: number): E.Either<ValidationError, Money> =>
  Number.isInteger(quantity)
    ? exact(money.amount * quantity, money.currency, () => `${formatMoney(money)} × ${quantity}`)
    : refuse(
        'money.not_integer',
        `${shown(quantity)} is not a whole quantity; money is multiplied by whole numbers only.`,
        'quantity',
        quantity,
      );

/** The sum of amounts in one currency (zero for none); refused if any amount is in another currency. */
export const sumMoney = (
  currency: CurrencyCode,
  amounts: readonly Money[],
): E.Either<ValidationError, Money> =>
  pipe(
    amounts,
    RA.reduce(E.right<ValidationError, Money>(zeroMoney(currency)), (total, m) =>
      E.chain((t: Money) => addMoney(t, m))(total),
    ),
  );

/** −money: a refund of a charge, a debit of a credit. */
export const negateMoney = (money: Money): Money => ({
  amount: unsigned0(-money.amount),
  currency: money.currency,
});

/** Orders two amounts of one currency; amounts in different currencies have no order and are refused. */
export const compareMoney = (a: Money, b: Money): E.Either<ValidationError, MoneyOrdering> =>
  pipe(
    sameCurrency(a, b, 'compare'),
    E.map((): MoneyOrdering => (a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0)),
  );

/** Same amount in the same currency (different currencies are never equal). */
export const moneyEquals = (a: Money, b: Money): boolean =>
  a.currency === b.currency && a.amount === b.amount;

/** Whether the amount is zero. */
export const isZeroMoney = (money: Money): boolean => money.amount === 0;

/** Whether the amount is below zero (a debt, a refund). */
export const isNegativeMoney = (money: Money): boolean => money.amount < 0;

/** Whether the amount is above zero. */
export const isPositiveMoney = (money: Money): boolean => money.amount > 0;

// Spaces (also NBSP and thin spaces) group thousands in Polish, Russian and French; they carry no value.
const GROUPING = /[\s\u202f']/gu;
const MAJOR_AMOUNT = /^(-)?(\d+)(?:[.,](\d*))?$/;

/** Reads an amount typed in major units ("12,50", "200", "1 234.5") into exact minor units; no floats involved. */
export const parseMoneyAmount = (
  input: unknown,
  currency: CurrencyCode,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, Money> => {
  const field = options.field ?? 'amount';
  const digits = minorUnitDigits(currency);
  const match = typeof input === 'string' ? MAJOR_AMOUNT.exec(input.replace(GROUPING, '')) : null;
  if (match === null)
    return refuse(
      'money.bad_amount',
      `${shown(input)} is not an amount of money; type it like 12.50 or 12,50.`,
      field,
      input,
    );
  const [, minus, units = '', fraction = ''] = match;
  if (fraction.length > digits)
    return refuse(
      'money.too_many_decimals',
      digits === 0
        ? `${shown(input)} has decimals, but ${currency} has no minor unit.`
        : `${shown(input)} has more than ${digits} decimals for ${currency}.`,
      field,
      input,
    );
  const minor = Number(`${units}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor)
    ? E.right({ amount: unsigned0(minus === undefined ? minor : -minor), currency })
    : refuse(
        'money.unsafe_integer',
        `${shown(input)} is too large an amount to count exactly.`,
        field,
        input,
      );
};

/** io-ts codec for stored money `{ amount, currency }`: a safe integer and a three-letter code. */
export const MoneyCodec = storedFormCodec<Money>('Money', (u) => {
  if (!isRecord(u)) return E.left('money is an object { amount, currency }');
  const { amount, currency } = u;
  if (!Number.isSafeInteger(amount)) return E.left('amount must be a safe integer of minor units');
  return CurrencyCodec.is(currency)
    ? E.right({ amount: amount as number, currency })
    : E.left('currency must be three upper-case letters');
});

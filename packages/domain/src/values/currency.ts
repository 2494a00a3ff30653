import * as E from 'fp-ts/Either';
import type { ValidationError } from '../kernel/errors';
import type { Brand } from './brand';
import { storedValueCodec } from './codec';
import { refuse, refuseNotText, shown } from './refusal';

/** An ISO 4217 currency code, upper-case (`PLN`, `EUR`, `JPY`). */
export type CurrencyCode = Brand<string, 'CurrencyCode'>;

const SHAPE = /^[A-Z]{3}$/;

let known: ReadonlySet<string> | undefined;
// Built on first use: the list is ~300 codes and most programs ask for it once per process.
const knownCurrencies = (): ReadonlySet<string> => (known ??= new Set(Intl.supportedValuesOf('currency')));

/** Reads a currency code ("pln", " EUR ") and refuses codes that are not ISO 4217 currencies. */
export const parseCurrency = (
  input: unknown,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, CurrencyCode> => {
  const field = options.field ?? 'currency';
  if (typeof input !== 'string') return refuseNotText('currency', 'currency', field, input);
  const code = input.trim().toUpperCase();
  return SHAPE.test(code) && knownCurrencies().has(code)
    ? E.right(code as CurrencyCode)
    : refuse(
        'currency.unknown',
        `${shown(input)} is not a currency code; use three letters such as PLN, EUR or RUB.`,
        field,
        input,
      );
};

const digitsByCurrency = new Map<string, number>();

/** How many digits the currency's minor unit has (PLN 2, JPY 0, KWD 3), as ICU knows it; cached per currency. */
export const minorUnitDigits = (currency: CurrencyCode): number => {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
};

/** io-ts codec for a stored currency code: three upper-case letters (not re-checked against ICU's list). */
export const CurrencyCodec = storedValueCodec<CurrencyCode, string>('CurrencyCode', (u) =>
  typeof u === 'string' && SHAPE.test(u)
    ? E.right(u as CurrencyCode)
    : E.left('a currency is three upper-case letters'),
);

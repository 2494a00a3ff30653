import * as E from 'fp-ts/Either';
import type { RequirableField } from './customer/customerPolicy';
import { ValidationError } from './kernel/errors';
import type { PaymentMethod } from './order/orderEvents';
import type { ShopPolicy } from './tillstream';

const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'card', 'deposit'];
const REQUIRABLE: readonly RequirableField[] = [
  'phone',
  'card',
  'firstName',
  'lastName',
  'gender',
  'email',
  'address',
  'taxId',
  'whatsApp',
];

const isWholeFrom = (min: number) => (v: unknown) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

interface Rule {
  readonly field: string;
  readonly value: unknown;
  readonly ok: boolean;
  readonly expected: string;
}

const rules = (p: ShopPolicy): readonly Rule[] => {
  const w = p.wallet;
  return [
    {
      field: 'wallet.currency',
      value: w.currency,
      ok: /^[A-Z]{3}$/.test(String(w.currency)),
      expected: 'an ISO 4217 code such as EUR',
    },
    {
      field: 'wallet.minorUnitsPerUnit',
      value: w.minorUnitsPerUnit,
      ok: isWholeFrom(1)(w.minorUnitsPerUnit),
      expected: 'a whole number from 1 (100 for EUR, 1 for JPY)',
    },
    {
      field: 'wallet.earning.ruleId',
      value: w.earning.ruleId,
      ok: typeof w.earning.ruleId === 'string' && w.earning.ruleId.trim() !== '',
      expected: 'a non-empty name',
    },
    // Points are whole: a fraction per unit would make most payments earn a fraction of a point.
    {
      field: 'wallet.earning.pointsPerUnit',
      value: w.earning.pointsPerUnit,
      ok: isWholeFrom(0)(w.earning.pointsPerUnit),
      expected: 'a whole number from 0',
    },
    {
      field: 'wallet.pointsExpireAfterDays',
      value: w.pointsExpireAfterDays,
      ok: w.pointsExpireAfterDays === undefined || isWholeFrom(1)(w.pointsExpireAfterDays),
      expected: 'a whole number of days from 1, or absent',
    },
    {
      field: 'wallet.creditLimit',
      value: w.creditLimit,
      ok: w.creditLimit === undefined || isWholeFrom(0)(w.creditLimit),
      expected: 'whole minor units from 0, or absent',
    },
    {
      field: 'wallet.authorize',
      value: typeof w.authorize,
      ok: typeof w.authorize === 'function',
      expected: 'a function',
    },
    {
      field: 'order.customerOrdering',
      value: p.order.customerOrdering,
      ok: typeof p.order.customerOrdering === 'boolean',
      expected: 'true or false',
    },
    {
      field: 'order.customerPaymentMethods',
      value: p.order.customerPaymentMethods,
      ok:
        Array.isArray(p.order.customerPaymentMethods) &&
        p.order.customerPaymentMethods.every((m) => PAYMENT_METHODS.includes(m)),
      expected: `a list of ${PAYMENT_METHODS.join(', ')}`,
    },
    {
      field: 'customer.requiredFields',
      value: p.customer.requiredFields,
      ok:
        Array.isArray(p.customer.requiredFields) &&
        p.customer.requiredFields.every((f) => REQUIRABLE.includes(f)),
      expected: `a list of ${REQUIRABLE.join(', ')}`,
    },
    {
      field: 'customer.orphanGraceMs',
      value: p.customer.orphanGraceMs,
      ok: isWholeFrom(0)(p.customer.orphanGraceMs),
      expected: 'whole milliseconds from 0',
    },
    {
      field: 'merge.requireManager',
      value: p.merge.requireManager,
      ok: typeof p.merge.requireManager === 'boolean',
      expected: 'true or false',
    },
  ];
};

/**
 * Checks a shop's filled-in policy (`tenantId` '*' for settings shared by every shop) before anything runs on it: the first setting out of range is
 * refused with `policy.invalid`, naming the setting, its value and what it should be.
 */
export const checkShopPolicy = (
  tenantId: string,
  policy: ShopPolicy,
): E.Either<ValidationError, ShopPolicy> => {
  const broken = rules(policy).find((r) => !r.ok);
  return broken === undefined
    ? E.right(policy)
    : E.left(
        new ValidationError(
          'policy.invalid',
          `${tenantId === '*' ? 'Every shop' : `Shop ${tenantId}`}: setting ${broken.field} is ${JSON.stringify(broken.value)}; it must be ${broken.expected}.`,
          broken.field,
          broken.value,
          { tenantId, expected: broken.expected },
        ),
      );
};

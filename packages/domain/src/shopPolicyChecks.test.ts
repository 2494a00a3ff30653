import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { ValidationError } from './kernel/errors';
import { pointsEarnedFor } from './wallet/earningRule';
import { defaultWalletPolicy } from './wallet/walletPolicy';
import { createTillstream } from './tillstream';

const refusal = (build: () => unknown): unknown => {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe("a shop's settings are checked before the shop runs on them", () => {
  it('refuses a fractional points rate at construction, naming the setting and its value', () => {
    const error = refusal(() =>
      createTillstream({ policy: { wallet: { earning: { ruleId: 'half', pointsPerUnit: 0.5 } } } }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: 'policy.invalid',
      field: 'wallet.earning.pointsPerUnit',
      value: 0.5,
    });
    expect((error as ValidationError).message).toBe(
      'Every shop: setting wallet.earning.pointsPerUnit is 0.5; it must be a whole number from 0.',
    );
  });

  it.each([
    [{ wallet: { minorUnitsPerUnit: 0 } }, 'wallet.minorUnitsPerUnit'],
    [{ wallet: { currency: 'euro' } }, 'wallet.currency'],
    [{ wallet: { creditLimit: -1 } }, 'wallet.creditLimit'],
    [{ wallet: { pointsExpireAfterDays: 1.5 } }, 'wallet.pointsExpireAfterDays'],
    [{ order: { customerPaymentMethods: ['cash', 'iou'] as never } }, 'order.customerPaymentMethods'],
    [{ customer: { orphanGraceMs: -5 } }, 'customer.orphanGraceMs'],
  ])('refuses %j, naming %s', (settings, field) => {
    expect(refusal(() => createTillstream({ policy: settings }))).toMatchObject({
      code: 'policy.invalid',
      field,
    });
  });

  it('refuses a per-shop policy when that shop is used, and leaves the other shops running', async () => {
    const till = createTillstream({
      policy: (tenantId) =>
        tenantId === 'broken' ? { wallet: { earning: { ruleId: 'x', pointsPerUnit: 0.5 } } } : {},
    });
    expect(refusal(() => till.policyFor('broken'))).toMatchObject({ code: 'policy.invalid' });
    const fine = await till.customers.register(
      { tenantId: 'fine', actor: { role: 'operator', id: 'o' } },
      { card: 'C-1' },
    );
    expect(E.isRight(fine)).toBe(true);
  });

  it('fills in and checks each settings object once, and a new one again', () => {
    const shared = { wallet: { currency: 'PLN' } };
    let broken = false;
    const till = createTillstream({
      policy: () => (broken ? { wallet: { earning: { ruleId: 'x', pointsPerUnit: 0.5 } } } : shared),
    });
    expect(till.policyFor('a')).toBe(till.policyFor('a'));
    expect(till.policyFor('b')).toBe(till.policyFor('a'));
    expect(till.policyFor('a').wallet.currency).toBe('PLN');
    broken = true;
    expect(refusal(() => till.policyFor('a'))).toMatchObject({ code: 'policy.invalid' });
  });

  it('earns whole points only, whatever rate it is handed', () => {
    const half = { ...defaultWalletPolicy, earning: { ruleId: 'half', pointsPerUnit: 0.5 } };
    expect(pointsEarnedFor(half, { paidWithMoney: 1500 })).toBe(7);
  });
});

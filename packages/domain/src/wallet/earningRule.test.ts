import { expect, it } from '@jest/globals';
import { pointsEarnedFor } from './earningRule';
import { defaultWalletPolicy } from './walletPolicy';

it('earns per whole currency unit paid with money, cutting cents, and nothing for what points paid', () => {
  expect(pointsEarnedFor(defaultWalletPolicy, { paidWithMoney: 1999 })).toBe(19);
  expect(pointsEarnedFor(defaultWalletPolicy, { paidWithMoney: 1999, paidWithPoints: 500 })).toBe(19);
  expect(pointsEarnedFor(defaultWalletPolicy, { paidWithMoney: 0, paidWithPoints: 500 })).toBe(0);
  const generous = { ...defaultWalletPolicy, earning: { ruleId: 'x2', pointsPerUnit: 2 } };
  expect(pointsEarnedFor(generous, { paidWithMoney: 1000 })).toBe(20);
  expect(pointsEarnedFor({ ...defaultWalletPolicy, minorUnitsPerUnit: 1 }, { paidWithMoney: 1000 })).toBe(
    1000,
  );
});

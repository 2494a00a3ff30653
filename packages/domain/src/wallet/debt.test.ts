import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '../testing/deciderSpecification';
import { walletDecider } from './walletDecider';
import type { WalletEvent } from './walletEvents';
import { cmd, testPolicy } from './walletTestKit';

const spec = deciderSpecification(walletDecider(testPolicy));
const limited = deciderSpecification(walletDecider({ ...testPolicy, creditLimit: 10000 }));

const recorded = (orderId: string, amount: number, debtAfter: number): WalletEvent => ({
  type: 'DebtRecorded',
  data: { movementId: `debt-${orderId}`, orderId, amount, currency: 'PLN', debtAfter },
});

describe('customer debt', () => {
  it('is recorded when an order completes unpaid, apart from the balance', () => {
    spec
      .given([
        {
          type: 'WalletToppedUp',
          data: { movementId: 't', amount: 500, currency: 'PLN', method: 'cash', balanceAfter: 500 },
        },
      ])
      .when(cmd('RecordDebt', { orderId: 'o1', amount: 3000, currency: 'PLN' }))
      .thenState((s) => {
        expect([s.balance, s.debt, s.debts]).toEqual([500, 3000, { o1: 3000 }]);
      });
  });

  it('is recorded once per order', () => {
    spec
      .given([recorded('o1', 3000, 3000)])
      .when(cmd('RecordDebt', { orderId: 'o1', amount: 3000, currency: 'PLN' }))
      .thenFails('debt.already_recorded');
  });

  it('stays within the shop credit limit, naming the figures', () => {
    const error = limited
      .given([recorded('o1', 8000, 8000)])
      .when(cmd('RecordDebt', { orderId: 'o2', amount: 2001, currency: 'PLN' }))
      .thenFails('debt.credit_limit_exceeded');
    expect(error.details).toEqual({ debt: 8000, amount: 2001, creditLimit: 10000, currency: 'PLN' });
    limited
      .given([recorded('o1', 8000, 8000)])
      .when(cmd('RecordDebt', { orderId: 'o2', amount: 2000, currency: 'PLN' }))
      .thenState((s) => expect(s.debt).toBe(10000));
  });

  it('is settled when the order is paid later, in part or in full', () => {
    spec
      .given([recorded('o1', 3000, 3000), recorded('o2', 1000, 4000)])
      .when(cmd('SettleDebt', { orderId: 'o1', amount: 3000, currency: 'PLN' }))
      .then([
        {
          type: 'DebtSettled',
          data: { movementId: 'c1', orderId: 'o1', amount: 3000, currency: 'PLN', debtAfter: 1000 },
        },
      ]);
  });

  it('cannot be settled for more than the order still owes', () => {
    const error = spec
      .given([recorded('o1', 3000, 3000)])
      .when(cmd('SettleDebt', { orderId: 'o1', amount: 3001, currency: 'PLN' }))
      .thenFails('debt.exceeds_outstanding');
    expect(error.details).toEqual({ orderId: 'o1', outstanding: 3000, amount: 3001, currency: 'PLN' });
  });
});

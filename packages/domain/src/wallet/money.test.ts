import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '../testing/deciderSpecification';
import { walletDecider } from './walletDecider';
import type { WalletEvent } from './walletEvents';
import { as, cmd, testPolicy } from './walletTestKit';

const spec = deciderSpecification(walletDecider(testPolicy));

const toppedUp = (amount: number, balanceAfter: number, movementId = 'c0'): WalletEvent => ({
  type: 'WalletToppedUp',
  data: { movementId, amount, currency: 'PLN', method: 'cash', balanceAfter },
});
const spent = (orderId: string, amount: number, balanceAfter: number): WalletEvent => ({
  type: 'WalletSpent',
  data: { movementId: `spend-${orderId}`, orderId, amount, currency: 'PLN', balanceAfter },
});

describe('money in a wallet', () => {
  it('is topped up by cash or card, each event carrying the balance after it', () => {
    spec
      .given([toppedUp(5000, 5000)])
      .when(cmd('TopUp', { amount: 20000, currency: 'PLN', method: 'card' }))
      .then([
        {
          type: 'WalletToppedUp',
          data: { movementId: 'c1', amount: 20000, currency: 'PLN', method: 'card', balanceAfter: 25000 },
        },
      ]);
  });

  it('takes a gift voucher or gift card only with the (hashed) code it came from', () => {
    spec
      .given([])
      .when(cmd('TopUp', { amount: 1000, currency: 'PLN', method: 'gift_voucher' }))
      .thenFails('wallet.reference_required');
    spec
      .given([])
      .when(cmd('TopUp', { amount: 1000, currency: 'PLN', method: 'gift_card', reference: 'h4sh' }))
      .thenState((s) => expect(s.balance).toBe(1000));
  });

  it('refuses amounts that are not whole positive minor units', () => {
    for (const amount of [0, -5, 12.5, Number.NaN]) {
      const error = spec
        .given([])
        .when(cmd('TopUp', { amount, currency: 'PLN', method: 'cash' }))
        .thenFails('wallet.amount_invalid');
      expect(error.details['value']).toBe(amount);
    }
  });

  it('never mixes currencies', () => {
    const error = spec
      .given([toppedUp(1000, 1000)])
      .when(cmd('TopUp', { amount: 1000, currency: 'EUR', method: 'cash' }))
      .thenFails('wallet.currency_mismatch');
    expect(error.details).toEqual({ walletCurrency: 'PLN', currency: 'EUR' });
  });

  it('pays an order from the balance', () => {
    spec
      .given([toppedUp(5000, 5000)])
      .when(cmd('Spend', { orderId: 'o1', amount: 1250, currency: 'PLN' }, { id: 'spend-o1' }))
      .then([spent('o1', 1250, 3750)]);
  });

  it('refuses a spend beyond the balance, naming the balance and the amount asked', () => {
    const error = spec
      .given([toppedUp(5000, 5000), spent('o1', 1250, 3750)])
      .when(cmd('Spend', { orderId: 'o2', amount: 4000, currency: 'PLN' }))
      .thenFails('wallet.insufficient_balance');
    expect(error.details).toEqual({ balance: 3750, amount: 4000, currency: 'PLN' });
    expect(error.message).toBe('The wallet holds 37.50 PLN, not enough for 40.00 PLN.');
  });

  it('gives back to the wallet what an order took from it', () => {
    spec
      .given([toppedUp(5000, 5000), spent('o1', 1250, 3750)])
      .when(cmd('Refund', { orderId: 'o1', amount: 1000, currency: 'PLN', reason: 'cold coffee' }))
      .then([
        {
          type: 'WalletRefunded',
          data: {
            movementId: 'c1',
            orderId: 'o1',
            amount: 1000,
            currency: 'PLN',
            reason: 'cold coffee',
            balanceAfter: 4750,
          },
        },
      ]);
  });

  it('refuses to refund more than the order took and has not yet got back', () => {
    const refunded: WalletEvent = {
      type: 'WalletRefunded',
      data: { movementId: 'r1', orderId: 'o1', amount: 1000, currency: 'PLN', balanceAfter: 4750 },
    };
    const error = spec
      .given([toppedUp(5000, 5000), spent('o1', 1250, 3750), refunded])
      .when(cmd('Refund', { orderId: 'o1', amount: 251, currency: 'PLN' }))
      .thenFails('wallet.refund_exceeds_spent');
    expect(error.details).toEqual({ orderId: 'o1', spent: 1250, refunded: 1000, amount: 251 });
    spec
      .given([toppedUp(5000, 5000)])
      .when(cmd('Refund', { orderId: 'never-paid', amount: 1, currency: 'PLN' }))
      .thenFails('wallet.refund_exceeds_spent');
  });

  it('is corrected by a manager, with a reason, up or down', () => {
    const manager = { actor: as('manager') };
    spec
      .given([toppedUp(5000, 5000)])
      .when(cmd('Adjust', { delta: -700, currency: 'PLN', reason: ' miscounted till ' }, manager))
      .then([
        {
          type: 'WalletAdjusted',
          data: {
            movementId: 'c1',
            delta: -700,
            currency: 'PLN',
            reason: 'miscounted till',
            balanceAfter: 4300,
          },
        },
      ]);
    spec
      .given([])
      .when(cmd('Adjust', { delta: 300, currency: 'PLN', reason: '  ' }, manager))
      .thenFails('wallet.reason_required');
    spec
      .given([])
      .when(cmd('Adjust', { delta: 0, currency: 'PLN', reason: 'nothing' }, manager))
      .thenFails('wallet.delta_invalid');
  });

  it('is never adjusted below zero', () => {
    const error = spec
      .given([toppedUp(500, 500)])
      .when(cmd('Adjust', { delta: -501, currency: 'PLN', reason: 'x' }, { actor: as('manager') }))
      .thenFails('wallet.insufficient_balance');
    expect(error.details).toEqual({ balance: 500, amount: 501, currency: 'PLN' });
  });
});

import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '../testing/deciderSpecification';
import { walletDecider } from './walletDecider';
import type { WalletEvent } from './walletEvents';
import { defaultWalletAuthorization } from './walletPolicy';
import { as, cmd, CUSTOMER, testPolicy } from './walletTestKit';

const spec = deciderSpecification(walletDecider(testPolicy));
const funded: WalletEvent[] = [
  {
    type: 'WalletToppedUp',
    data: { movementId: 't', amount: 5000, currency: 'PLN', method: 'cash', balanceAfter: 5000 },
  },
];
const spend = (actor = as('customer', CUSTOMER)) =>
  cmd('Spend', { orderId: 'o1', amount: 100, currency: 'PLN' }, { actor });

describe('who may move a wallet (default policy)', () => {
  it('lets a customer spend from its own wallet and read it', () => {
    spec
      .given(funded)
      .when(spend())
      .thenState((s) => expect(s.balance).toBe(4900));
    expect(defaultWalletAuthorization(as('customer', CUSTOMER), 'read', CUSTOMER)).toBe(true);
  });

  it("refuses a customer another customer's wallet", () => {
    const error = spec
      .given(funded)
      .when(spend(as('customer', 'someone-else')))
      .thenFails('wallet.forbidden');
    expect(error.details).toMatchObject({ role: 'customer', actorId: 'someone-else', action: 'spend' });
    expect(defaultWalletAuthorization(as('customer', 'someone-else'), 'read', CUSTOMER)).toBe(false);
  });

  it('leaves top-ups and refunds to staff', () => {
    const customer = { actor: as('customer', CUSTOMER) };
    spec
      .given([])
      .when(cmd('TopUp', { amount: 100, currency: 'PLN', method: 'cash' }, customer))
      .thenFails('wallet.forbidden');
    spec
      .given(funded)
      .when(cmd('Refund', { orderId: 'o1', amount: 1, currency: 'PLN' }, customer))
      .thenFails('wallet.forbidden');
    spec
      .given([])
      .when(cmd('TopUp', { amount: 100, currency: 'PLN', method: 'cash' }))
      .thenState((s) => expect(s.balance).toBe(100));
  });

  it('leaves adjustments to managers', () => {
    const adjust = (role: 'operator' | 'manager') =>
      spec
        .given(funded)
        .when(cmd('Adjust', { delta: 100, currency: 'PLN', reason: 'x' }, { actor: as(role) }));
    expect(adjust('operator').thenFails('wallet.forbidden').message).toBe(
      'An operator may not adjust on this wallet.',
    );
    adjust('manager').thenState((s) => expect(s.balance).toBe(5100));
    spec
      .given([])
      .when(cmd('AdjustPoints', { delta: 1, reason: 'x' }))
      .thenFails('wallet.forbidden');
  });

  it('leaves merge transfers to the library (system)', () => {
    const out = (role: 'manager' | 'system') =>
      spec.given(funded).when(cmd('TransferOut', { mergeId: 'm1', toCustomerId: 'c2' }, { actor: as(role) }));
    out('manager').thenFails('wallet.forbidden');
    out('system').thenState((s) => expect(s.balance).toBe(0));
  });

  it('is a replaceable policy', () => {
    const open = deciderSpecification(walletDecider({ ...testPolicy, authorize: () => true }));
    open
      .given([])
      .when(cmd('TopUp', { amount: 100, currency: 'PLN', method: 'cash' }, { actor: as('customer') }))
      .thenState((s) => expect(s.balance).toBe(100));
  });
});

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

  it('leaves top-ups to staff, and refunds away from customers', () => {
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

  it("leaves an order's debt, refunds and points reversals to the order process (system)", () => {
    const owing: WalletEvent[] = [
      ...funded,
      {
        type: 'WalletSpent',
        data: { movementId: 's', orderId: 'o1', amount: 500, currency: 'PLN', balanceAfter: 4500 },
      },
      {
        type: 'DebtRecorded',
        data: { movementId: 'd', orderId: 'o2', amount: 300, currency: 'PLN', debtAfter: 300 },
      },
    ];
    const orderBound = [
      cmd('Refund', { orderId: 'o1', amount: 500, currency: 'PLN' }),
      cmd('ReversePoints', { orderId: 'o1' }),
      cmd('RecordDebt', { orderId: 'o3', amount: 100, currency: 'PLN' }),
      cmd('SettleDebt', { orderId: 'o2', amount: 300, currency: 'PLN' }),
    ];
    for (const role of ['operator', 'manager'] as const)
      for (const command of orderBound)
        spec
          .given(owing)
          .when({ ...command, metadata: { ...command.metadata, actor: as(role) } })
          .thenFails('wallet.forbidden');
    for (const command of orderBound)
      spec
        .given(owing)
        .when(command)
        .thenState(() => undefined);
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

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { manualClock } from './kernel/clock';
import { seededIds } from './kernel/ids';
import { createTillstream } from './tillstream';

const operator = { role: 'operator' as const, id: 'till-1' };

const setup = () =>
  createTillstream({
    clock: manualClock('2026-05-01T09:00:00Z'),
    ids: seededIds('tillstream-test'),
    policy: (tenantId) =>
      tenantId === 'moscow'
        ? { customer: { defaultCountry: 'RU' }, wallet: { currency: 'RUB' } }
        : { customer: { defaultCountry: 'NL' } },
    tenantSecret: (tenantId) => `secret-of-${tenantId}`,
  });

describe('createTillstream', () => {
  it('applies each shop its own settings: the default country reads a national number', async () => {
    const ts = setup();
    const moscow = await ts.customers.register(
      { tenantId: 'moscow', actor: operator },
      { phone: '8 916 123-45-67' },
    );
    const utrecht = await ts.customers.register(
      { tenantId: 'utrecht', actor: operator },
      { phone: '06 12345678' },
    );
    expect(E.isRight(moscow) && moscow.right.customer.profile.phone?.e164).toBe('+79161234567');
    expect(E.isRight(utrecht) && utrecht.right.customer.profile.phone?.e164).toBe('+31612345678');
    expect(ts.policyFor('moscow').wallet.currency).toBe('RUB');
    expect(ts.policyFor('utrecht').wallet.currency).toBe('EUR');
  });

  it('keeps tenants apart: the same phone can be registered by two shops, and one cannot read the other', async () => {
    const ts = setup();
    const a = await ts.customers.register(
      { tenantId: 'moscow', actor: operator },
      { phone: '+7 916 123 45 67' },
    );
    const b = await ts.customers.register(
      { tenantId: 'utrecht', actor: operator },
      { phone: '+7 916 123 45 67' },
    );
    expect(E.isRight(a) && E.isRight(b)).toBe(true);
    const id = E.isRight(a) ? a.right.customerId : '';
    const crossRead = await ts.customers.get('utrecht', id);
    expect(E.isLeft(crossRead) && crossRead.left.code).toBe('customer.not_found');
  });

  it('refuses wallet money for a customer that does not exist, and writes nothing', async () => {
    const ts = setup();
    const result = await ts.wallets.topUp({
      tenantId: 'moscow',
      customerId: 'nobody',
      actor: operator,
      amount: 500,
      method: 'cash',
    });
    expect(E.isLeft(result) && result.left.code).toBe('customer.not_found');
    expect(await ts.eventStore.readAll()).toEqual([]);
  });

  it('tops up the wallet of a registered customer in the shop currency', async () => {
    const ts = setup();
    const registered = await ts.customers.register(
      { tenantId: 'moscow', actor: operator },
      { card: 'A-100' },
    );
    const customerId = E.isRight(registered) ? registered.right.customerId : '';
    const topUp = await ts.wallets.topUp({
      tenantId: 'moscow',
      customerId,
      actor: operator,
      amount: 20_000,
      method: 'card',
    });
    expect(E.isRight(topUp) && [topUp.right.wallet.balance, topUp.right.wallet.currency]).toEqual([
      20_000,
      'RUB',
    ]);
  });
});

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { manualClock } from './kernel/clock';
import { seededIds } from './kernel/ids';
import { sampleCatalogItems } from './order/sampleCatalog';
import { inMemoryCatalog } from './order/catalog';
import { inMemoryEventStore } from './kernel/inMemoryEventStore';
import { inMemoryKeyStore } from './privacy/keyStore';
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
    catalog: inMemoryCatalog({ moscow: sampleCatalogItems }),
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

  it('takes an order through pay-by-deposit: the wallet pays exactly the bill', async () => {
    const ts = setup();
    const registered = await ts.customers.register({ tenantId: 'moscow', actor: operator }, { card: 'B-7' });
    const customerId = E.isRight(registered) ? registered.right.customerId : '';
    await ts.wallets.topUp({
      tenantId: 'moscow',
      customerId,
      actor: operator,
      amount: 5_000,
      method: 'cash',
    });
    const placed = await ts.orders.place({
      tenantId: 'moscow',
      actor: operator,
      customerId,
      lines: [{ productId: 'cola', quantity: 2, payWith: 'money' }],
      paymentMethod: 'deposit',
    });
    const orderId = E.isRight(placed) ? placed.right.orderId : '';
    await ts.orders.accept({ tenantId: 'moscow', actor: operator, orderId });
    const paid = await ts.orders.pay({ tenantId: 'moscow', actor: operator, orderId, method: 'deposit' });
    expect(E.isRight(paid)).toBe(true);
    const wallet = await ts.wallets.get('moscow', customerId);
    const cola = sampleCatalogItems.find((i) => i.productId === 'cola');
    expect(E.isRight(wallet) && wallet.right.balance).toBe(5_000 - 2 * (cola?.price ?? 0));
  });

  it('refuses an order for a product the shop does not sell, and writes no order', async () => {
    const ts = setup();
    const registered = await ts.customers.register({ tenantId: 'utrecht', actor: operator }, { card: 'C-1' });
    const customerId = E.isRight(registered) ? registered.right.customerId : '';
    const placed = await ts.orders.place({
      tenantId: 'utrecht',
      actor: operator,
      customerId,
      lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
      paymentMethod: 'cash',
    });
    expect(E.isLeft(placed)).toBe(true);
    const streams = (await ts.eventStore.readAll()).map((e) => e.streamName);
    expect(streams.some((s) => s.startsWith('order-'))).toBe(false);
  });

  it('merges a duplicate through the customers facade: the source resolves to the survivor and its money moves', async () => {
    const ts = setup();
    const ctx = { tenantId: 'moscow', actor: operator };
    const byPhone = await ts.customers.register(ctx, { phone: '8 916 555-00-11', firstName: 'Anna' });
    const byCard = await ts.customers.register(ctx, { card: 'D-9', firstName: 'Anna' });
    const target = E.isRight(byPhone) ? byPhone.right.customerId : '';
    const source = E.isRight(byCard) ? byCard.right.customerId : '';
    await ts.wallets.topUp({
      tenantId: 'moscow',
      customerId: source,
      actor: operator,
      amount: 700,
      method: 'cash',
    });
    const preview = await ts.customers.previewMerge({
      ...ctx,
      sourceCustomerId: source,
      targetCustomerId: target,
    });
    expect(E.isRight(preview)).toBe(true);
    expect((await ts.eventStore.readAll()).some((e) => e.streamName.startsWith('merge-'))).toBe(false);
    const merged = await ts.customers.merge({ ...ctx, sourceCustomerId: source, targetCustomerId: target });
    expect(E.isRight(merged)).toBe(true);
    const resolved = await ts.customers.resolveCustomer('moscow', source);
    expect(E.isRight(resolved) && resolved.right.customerId).toBe(target);
    const wallet = await ts.wallets.get('moscow', target);
    expect(E.isRight(wallet) && wallet.right.balance).toBe(700);
    const late = await ts.wallets.topUp({
      tenantId: 'moscow',
      customerId: source,
      actor: operator,
      amount: 1,
      method: 'cash',
    });
    expect(E.isLeft(late) && late.left.code).toBe('customer.merged');
  });

  it('keeps folded wallets between commands, yet sees what another instance wrote to the same store', async () => {
    const first = setup();
    const second = createTillstream({
      eventStore: first.eventStore,
      clock: manualClock('2026-05-01T09:00:00Z'),
      ids: seededIds('second-till'),
      tenantSecret: (tenantId) => `secret-of-${tenantId}`,
    });
    const registered = await first.customers.register(
      { tenantId: 'utrecht', actor: operator },
      { card: 'B-7' },
    );
    const customerId = E.isRight(registered) ? registered.right.customerId : '';
    const request = { tenantId: 'utrecht', customerId, actor: operator };
    await first.wallets.topUp({ ...request, amount: 300, method: 'cash' });
    await second.wallets.topUp({ ...request, amount: 200, method: 'card' });
    const spent = await first.wallets.spend({ ...request, orderId: 'o-1', amount: 500 });
    expect(E.isRight(spent) && spent.right.wallet.balance).toBe(0);
    const tooMuch = await first.wallets.spend({ ...request, orderId: 'o-2', amount: 1 });
    expect(E.isLeft(tooMuch) && tooMuch.left.code).toBe('wallet.insufficient_balance');
  });

  it('keeps personal fields encrypted at rest and forgets a customer on a manager request', async () => {
    const raw = inMemoryEventStore();
    const ts = createTillstream({
      eventStore: raw,
      keys: inMemoryKeyStore(),
      policy: { customer: { defaultCountry: 'RU' } },
    });
    const ctx = { tenantId: 'moscow', actor: operator };
    const registered = await ts.customers.register(ctx, { phone: '8 916 777-12-34', firstName: 'Ярослава' });
    const customerId = E.isRight(registered) ? registered.right.customerId : '';
    const rawText = () => JSON.stringify(raw.allEvents().map((e) => e.data));
    expect(rawText()).not.toContain('9167771234');
    expect(rawText()).not.toContain('Ярослава');
    const read = await ts.customers.get('moscow', customerId);
    expect(E.isRight(read) && read.right.profile.firstName).toBe('Ярослава');
    const forgotten = await ts.privacy?.forget(
      { tenantId: 'moscow', actor: { role: 'manager', id: 'm-1' } },
      customerId,
      'GDPR-17',
    );
    expect(forgotten !== undefined && E.isRight(forgotten)).toBe(true);
    const after = await ts.customers.get('moscow', customerId);
    expect(E.isRight(after) && after.right.profile.firstName).toBe('[erased]');
  });

  it('keeps personal fields in clear, with no privacy facade, for a store given without keys', () => {
    const ts = createTillstream({ eventStore: inMemoryEventStore() });
    expect(ts.privacy).toBeUndefined();
  });
});

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { Actor } from './kernel/envelope';
import { sampleCatalog } from './order/sampleCatalog';
import { createTillstream, type Tillstream } from './tillstream';

const manager: Actor = { role: 'manager', id: 'ola' };

type Call = (till: Tillstream, tenantId: string, id: string) => Promise<E.Either<unknown, unknown>>;

const privacyOf = (till: Tillstream) => {
  if (till.privacy === undefined) throw new Error('the default tillstream keeps keys');
  return till.privacy;
};

// Every facade method, called with `id` wherever it names a customer, group, order or merge.
const calls: Record<string, Record<string, Call>> = {
  customers: {
    register: (t, tenantId, id) =>
      t.customers.register({ tenantId, actor: manager }, { customerId: id, phone: '601234567' }),
    update: (t, tenantId, id) => t.customers.update({ tenantId, actor: manager }, id, { firstName: 'Ala' }),
    changePhone: (t, tenantId, id) => t.customers.changePhone({ tenantId, actor: manager }, id, '601234567'),
    removePhone: (t, tenantId, id) => t.customers.removePhone({ tenantId, actor: manager }, id),
    assignCard: (t, tenantId, id) => t.customers.assignCard({ tenantId, actor: manager }, id, '12345678'),
    removeCard: (t, tenantId, id) => t.customers.removeCard({ tenantId, actor: manager }, id),
    assignGroup: (t, tenantId, id) => t.customers.assignGroup({ tenantId, actor: manager }, 'c1', id),
    leaveGroup: (t, tenantId, id) => t.customers.leaveGroup({ tenantId, actor: manager }, id),
    setPriceModifiers: (t, tenantId, id) =>
      t.customers.setPriceModifiers({ tenantId, actor: manager }, id, []),
    changePreferences: (t, tenantId, id) =>
      t.customers.changePreferences({ tenantId, actor: manager }, id, {}),
    setComments: (t, tenantId, id) => t.customers.setComments({ tenantId, actor: manager }, id, 'regular'),
    get: (t, tenantId, id) => t.customers.get(tenantId, id),
    getGroup: (t, tenantId, id) => t.customers.getGroup(tenantId, id),
    applicableModifiers: (t, tenantId, id) => t.customers.applicableModifiers(tenantId, id),
    admittedModifiers: (t, tenantId, id) => t.customers.admittedModifiers(tenantId, id),
    createGroup: (t, tenantId, id) =>
      t.customers.createGroup({ tenantId, actor: manager }, { groupId: id, name: 'VIP' }),
    renameGroup: (t, tenantId, id) => t.customers.renameGroup({ tenantId, actor: manager }, id, 'VIP'),
    setGroupDiscounts: (t, tenantId, id) =>
      t.customers.setGroupDiscounts({ tenantId, actor: manager }, id, []),
    archiveGroup: (t, tenantId, id) => t.customers.archiveGroup({ tenantId, actor: manager }, id),
    previewMerge: (t, tenantId, id) =>
      t.customers.previewMerge({ tenantId, actor: manager, sourceCustomerId: id, targetCustomerId: 'c2' }),
    merge: (t, tenantId, id) =>
      t.customers.merge({ tenantId, actor: manager, sourceCustomerId: id, targetCustomerId: 'c2' }),
    resumeMerge: (t, tenantId, id) => t.customers.resumeMerge(tenantId, id, manager),
    getMerge: (t, tenantId, id) => t.customers.getMerge(tenantId, id),
    resolveCustomer: (t, tenantId, id) => t.customers.resolveCustomer(tenantId, id),
  },
  wallets: {
    get: (t, tenantId, id) => t.wallets.get(tenantId, id),
    redeemVoucher: (t, tenantId, id) =>
      t.wallets.redeemVoucher({ tenantId, actor: manager, customerId: id, code: 'GIFT-1', amount: 100 }),
    topUp: (t, tenantId, id) =>
      t.wallets.topUp({ tenantId, actor: manager, customerId: id, amount: 100, method: 'cash' }),
    spend: (t, tenantId, id) =>
      t.wallets.spend({ tenantId, actor: manager, customerId: id, orderId: 'o1', amount: 1 }),
    refund: (t, tenantId, id) =>
      t.wallets.refund({ tenantId, actor: manager, customerId: id, orderId: 'o1', amount: 1 }),
    adjust: (t, tenantId, id) =>
      t.wallets.adjust({ tenantId, actor: manager, customerId: id, delta: 1, reason: 'fix' }),
    earnPoints: (t, tenantId, id) =>
      t.wallets.earnPoints({
        tenantId,
        actor: manager,
        customerId: id,
        points: 1,
        source: { kind: 'manual', reason: 'welcome' },
      }),
    redeemPoints: (t, tenantId, id) =>
      t.wallets.redeemPoints({
        tenantId,
        actor: manager,
        customerId: id,
        orderId: 'o1',
        orderLineId: '1',
        points: 1,
      }),
    reversePoints: (t, tenantId, id) =>
      t.wallets.reversePoints({ tenantId, actor: manager, customerId: id, orderId: 'o1' }),
    adjustPoints: (t, tenantId, id) =>
      t.wallets.adjustPoints({ tenantId, actor: manager, customerId: id, delta: 1, reason: 'fix' }),
    expirePoints: (t, tenantId, id) => t.wallets.expirePoints({ tenantId, actor: manager, customerId: id }),
    recordDebt: (t, tenantId, id) =>
      t.wallets.recordDebt({ tenantId, actor: manager, customerId: id, orderId: 'o1', amount: 1 }),
    settleDebt: (t, tenantId, id) =>
      t.wallets.settleDebt({ tenantId, actor: manager, customerId: id, orderId: 'o1', amount: 1 }),
  },
  orders: {
    place: (t, tenantId, id) =>
      t.orders.place({
        tenantId,
        actor: manager,
        customerId: id,
        paymentMethod: 'cash',
        lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
      }),
    accept: (t, tenantId, id) => t.orders.accept({ tenantId, actor: manager, orderId: id }),
    cancel: (t, tenantId, id) => t.orders.cancel({ tenantId, actor: manager, orderId: id }),
    deliver: (t, tenantId, id) => t.orders.deliver({ tenantId, actor: manager, orderId: id, lineId: '1' }),
    pay: (t, tenantId, id) => t.orders.pay({ tenantId, actor: manager, orderId: id, method: 'cash' }),
    complete: (t, tenantId, id) => t.orders.complete({ tenantId, actor: manager, orderId: id }),
    void: (t, tenantId, id) => t.orders.void({ tenantId, actor: manager, orderId: id, reason: 'mistake' }),
    changeCustomer: (t, tenantId, id) =>
      t.orders.changeCustomer({
        tenantId,
        actor: manager,
        orderId: 'o1',
        customerId: id,
        reason: 'wrong one',
      }),
    resume: (t, tenantId, id) => t.orders.resume({ tenantId, actor: manager, orderId: id }),
    get: (t, tenantId, id) => t.orders.get(tenantId, id),
  },
  privacy: {
    forget: (t, tenantId, id) => privacyOf(t).forget({ tenantId, actor: manager }, id, 'ticket 7'),
    exportData: (t, tenantId, id) => privacyOf(t).exportData({ tenantId, actor: manager }, id),
  },
};

const cases = Object.entries(calls).flatMap(([facade, methods]) =>
  Object.entries(methods).flatMap(([method, call]) => [
    { name: `${facade}.${method}`, tenantId: 'shop-1', id: 'x1', field: 'tenantId', call },
    { name: `${facade}.${method}`, tenantId: 'cafe', id: '', field: undefined, call },
  ]),
);

describe('a facade call with a malformed tenant or an empty id is refused with a value, never thrown', () => {
  it('covers every method of every facade', () => {
    const till = createTillstream();
    const facades = {
      customers: till.customers,
      wallets: till.wallets,
      orders: till.orders,
      privacy: till.privacy,
    };
    for (const [facade, methods] of Object.entries(facades))
      expect(Object.keys(calls[facade] ?? {}).sort()).toEqual(Object.keys(methods ?? {}).sort());
  });

  it.each(cases)('$name with tenant "$tenantId" and id "$id"', async ({ tenantId, id, field, call }) => {
    const till = createTillstream({ catalog: sampleCatalog('cafe') });
    const result = await call(till, tenantId, id);
    expect(E.isLeft(result) && result.left).toMatchObject({
      kind: 'validation',
      details: { field: field ?? expect.any(String), value: field === undefined ? '' : tenantId },
    });
    expect(await till.eventStore.readAll()).toEqual([]);
  });

  it('refuses a caller-chosen order or merge id holding ":" before reading anything', async () => {
    const till = createTillstream({ catalog: sampleCatalog('cafe') });
    const order = await till.orders.place({
      tenantId: 'cafe',
      actor: manager,
      orderId: 'o1:pay',
      customerId: 'c1',
      paymentMethod: 'cash',
      lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
    });
    const preview = await till.customers.previewMerge({
      tenantId: 'cafe',
      actor: manager,
      sourceCustomerId: 'c1',
      targetCustomerId: 'c2',
      mergeId: 'request',
    });
    expect(E.isLeft(order) && order.left.toJSON()).toMatchObject({
      code: 'command.id_reserved',
      details: { field: 'orderId', value: 'o1:pay' },
    });
    expect(E.isLeft(preview) && preview.left.toJSON()).toMatchObject({
      code: 'command.id_reserved',
      details: { field: 'mergeId', value: 'request' },
    });
  });
});

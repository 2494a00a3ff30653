import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { Actor } from './kernel/envelope';
import { sampleCatalog } from './order/sampleCatalog';
import { createTillstream } from './tillstream';

const operator: Actor = { role: 'operator', id: 'kasia' };
const manager: Actor = { role: 'manager', id: 'ola' };

const shop = async () => {
  const till = createTillstream({ catalog: sampleCatalog('cafe') });
  const staff = { tenantId: 'cafe', actor: operator };
  const register = async (customerId: string, phone: string) =>
    E.isRight(await till.customers.register(staff, { customerId, phone }));
  expect([await register('marek', '+48601234567'), await register('eve', '+48602000111')]).toEqual([
    true,
    true,
  ]);
  const group = await till.customers.createGroup(
    { tenantId: 'cafe', actor: manager },
    { groupId: 'vip', name: 'VIP' },
  );
  const order = await till.orders.place({
    ...staff,
    orderId: 'o-marek',
    customerId: 'marek',
    paymentMethod: 'cash',
    lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
  });
  expect([E.isRight(group), E.isRight(order)]).toEqual([true, true]);
  return till;
};

const eve: Actor = { role: 'customer', id: 'eve' };
const marek: Actor = { role: 'customer', id: 'marek' };
const codeOf = (r: E.Either<{ code: string }, unknown>) => (E.isLeft(r) ? r.left.code : 'read');

describe('reads take the actor: a customer reads only itself and its own orders, staff read all', () => {
  it('a customer is refused another customer, its orders, groups and merge records', async () => {
    const till = await shop();
    expect([
      codeOf(await till.customers.get('cafe', 'marek', eve)),
      codeOf(await till.customers.applicableModifiers('cafe', 'marek', eve)),
      codeOf(await till.customers.admittedModifiers('cafe', 'marek', eve)),
      codeOf(await till.customers.resolveCustomer('cafe', 'marek', eve)),
      codeOf(await till.customers.getGroup('cafe', 'vip', eve)),
      codeOf(await till.customers.getMerge('cafe', 'm1', eve)),
      codeOf(await till.orders.get('cafe', 'o-marek', eve)),
    ]).toEqual([
      'customer.actor_not_allowed',
      'customer.actor_not_allowed',
      'customer.actor_not_allowed',
      'customer.actor_not_allowed',
      'customer.actor_not_allowed',
      'customer.actor_not_allowed',
      'order.forbidden',
    ]);
  });

  it('a customer reads itself and its own orders', async () => {
    const till = await shop();
    expect([
      codeOf(await till.customers.get('cafe', 'marek', marek)),
      codeOf(await till.customers.applicableModifiers('cafe', 'marek', marek)),
      codeOf(await till.customers.admittedModifiers('cafe', 'marek', marek)),
      codeOf(await till.customers.resolveCustomer('cafe', 'marek', marek)),
      codeOf(await till.orders.get('cafe', 'o-marek', marek)),
    ]).toEqual(['read', 'read', 'read', 'read', 'read']);
  });

  it('staff, and a trusted caller that names no actor, read everything', async () => {
    const till = await shop();
    for (const actor of [operator, manager, undefined])
      expect([
        codeOf(await till.customers.get('cafe', 'marek', actor)),
        codeOf(await till.customers.getGroup('cafe', 'vip', actor)),
        codeOf(await till.orders.get('cafe', 'o-marek', actor)),
        codeOf(await till.customers.resolveCustomer('cafe', 'marek', actor)),
      ]).toEqual(['read', 'read', 'read', 'read']);
  });

  it("a shop's own rules replace the defaults", async () => {
    const till = createTillstream({
      catalog: sampleCatalog('cafe'),
      policy: {
        customer: { mayAct: () => E.right(undefined) },
        order: { mayRead: (actor) => actor.role !== 'operator' },
      },
    });
    await till.customers.register(
      { tenantId: 'cafe', actor: operator },
      { customerId: 'marek', phone: '+48601234567' },
    );
    await till.orders.place({
      tenantId: 'cafe',
      actor: operator,
      orderId: 'o1',
      customerId: 'marek',
      paymentMethod: 'cash',
      lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
    });
    expect([
      codeOf(await till.customers.get('cafe', 'marek', eve)),
      codeOf(await till.orders.get('cafe', 'o1', eve)),
      codeOf(await till.orders.get('cafe', 'o1', operator)),
    ]).toEqual(['read', 'read', 'order.forbidden']);
  });
});

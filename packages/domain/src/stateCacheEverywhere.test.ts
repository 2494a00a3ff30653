import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { manualClock, type ManualClock } from './kernel/clock';
import type { EventStore } from './kernel/eventStore';
import { seededIds } from './kernel/ids';
import { inMemoryEventStore } from './kernel/inMemoryEventStore';
import { inMemoryCatalog } from './order/catalog';
import { sampleCatalogItems } from './order/sampleCatalog';
import { inMemoryKeyStore, type KeyStore } from './privacy/keyStore';
import { createTillstream, type Tillstream } from './tillstream';
import { defaultCustomerPolicy, type CustomerPolicy } from './customer/customerPolicy';
import { customerAggregate } from './customer/customerDecider';
import { customersFacade } from './customer/facade';
import { handleCommand, stateCache, type StateCache } from './kernel/handleCommand';
import { customerStream } from './processes/registration/customerProcess';
import { privacyFacade } from './privacy/privacyFacade';
import {
  anna,
  as,
  leaks,
  left,
  privateShop,
  right,
  serialised,
  TENANT as PRIVATE_TENANT,
} from './privacy/privacyTestKit';

const TENANT = 'utrecht';
const manager = { role: 'manager' as const, id: 'm-1' };
const ctx = (commandId: string) => ({ tenantId: TENANT, actor: manager, commandId });
const req = (key: string) => ({ tenantId: TENANT, actor: manager, idempotencyKey: key });
const PHONES = ['06 12345671', '06 12345672', '06 12345673'];

const instance = (
  eventStore: EventStore,
  keys: KeyStore,
  clock: ManualClock,
  seed: string,
  stateCacheStreams?: number,
) =>
  createTillstream({
    eventStore,
    keys,
    clock,
    ids: seededIds(seed),
    policy: { customer: { defaultCountry: 'NL' } },
    catalog: inMemoryCatalog({ [TENANT]: sampleCatalogItems }),
    ...(stateCacheStreams === undefined ? {} : { stateCacheStreams }),
  });

/** Two cached instances over one store and one key store, as two processes of one backend. */
const twoInstances = () => {
  const store = inMemoryEventStore();
  const keys = inMemoryKeyStore();
  const clock = manualClock('2026-05-01T09:00:00Z');
  const instances: [Tillstream, Tillstream] = [
    instance(store, keys, clock, 'a'),
    instance(store, keys, clock, 'b'),
  ];
  return { clock, instances };
};

type Op =
  | { readonly kind: 'register'; readonly c: number; readonly phone: number }
  | { readonly kind: 'update'; readonly c: number; readonly name: string }
  | { readonly kind: 'changePhone'; readonly c: number; readonly phone: number }
  | { readonly kind: 'topUp'; readonly c: number; readonly amount: number }
  | { readonly kind: 'spend'; readonly c: number; readonly amount: number }
  | { readonly kind: 'earn'; readonly c: number; readonly points: number }
  | { readonly kind: 'place'; readonly o: number; readonly c: number; readonly points: boolean }
  | { readonly kind: 'accept' | 'complete' | 'void'; readonly o: number }
  | { readonly kind: 'pay'; readonly o: number; readonly method: 'cash' | 'deposit' }
  | { readonly kind: 'merge'; readonly from: number; readonly to: number }
  | { readonly kind: 'forget'; readonly c: number }
  | { readonly kind: 'retry'; readonly back: number };

const customer = fc.integer({ min: 0, max: 2 });
const order = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('register' as const), c: customer, phone: customer }),
    weight: 4,
  },
  fc.record({ kind: fc.constant('update' as const), c: customer, name: fc.constantFrom('Ann', 'Bea') }),
  fc.record({ kind: fc.constant('changePhone' as const), c: customer, phone: customer }),
  {
    arbitrary: fc.record({
      kind: fc.constant('topUp' as const),
      c: customer,
      amount: fc.integer({ min: 1, max: 900 }),
    }),
    weight: 3,
  },
  fc.record({ kind: fc.constant('spend' as const), c: customer, amount: fc.integer({ min: 1, max: 900 }) }),
  fc.record({ kind: fc.constant('earn' as const), c: customer, points: fc.integer({ min: 1, max: 200 }) }),
  {
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      o: order,
      c: customer,
      points: fc.boolean(),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constantFrom('accept' as const, 'complete' as const, 'void' as const), o: order }),
  fc.record({
    kind: fc.constant('pay' as const),
    o: order,
    method: fc.constantFrom('cash' as const, 'deposit' as const),
  }),
  fc.record({ kind: fc.constant('merge' as const), from: customer, to: customer }),
  fc.record({ kind: fc.constant('forget' as const), c: customer }),
  fc.record({ kind: fc.constant('retry' as const), back: fc.integer({ min: 1, max: 4 }) }),
);

const outcome = (result: E.Either<{ readonly code: string }, unknown> | undefined) =>
  result === undefined
    ? 'no privacy facade'
    : E.isLeft(result)
      ? { refused: result.left.code }
      : { done: result.right };

/** Runs one facade call; `key` is its idempotency key, so a retry sends the very same request. */
const run = async (ts: Tillstream, o: Op, key: string) => {
  const c = (n: number) => `c${n}`;
  const o_ = (n: number) => `o${n}`;
  const wallet = (n: number) => ({ ...req(key), customerId: c(n) });
  switch (o.kind) {
    case 'register':
      return outcome(
        await ts.customers.register(ctx(key), { customerId: c(o.c), phone: PHONES[o.phone] ?? '' }),
      );
    case 'update':
      return outcome(await ts.customers.update(ctx(key), c(o.c), { firstName: o.name }));
    case 'changePhone':
      return outcome(await ts.customers.changePhone(ctx(key), c(o.c), PHONES[o.phone] ?? ''));
    case 'topUp':
      return outcome(await ts.wallets.topUp({ ...wallet(o.c), amount: o.amount, method: 'cash' }));
    case 'spend':
      return outcome(await ts.wallets.spend({ ...wallet(o.c), orderId: `till-${key}`, amount: o.amount }));
    case 'earn':
      return outcome(
        await ts.wallets.earnPoints({
          ...wallet(o.c),
          points: o.points,
          source: { kind: 'manual', reason: 'promo' },
        }),
      );
    case 'place':
      return outcome(
        await ts.orders.place({
          ...req(key),
          orderId: o_(o.o),
          customerId: c(o.c),
          paymentMethod: 'deposit',
          lines: [
            { productId: 'chips', quantity: 1, payWith: 'money' },
            { productId: 'cola', quantity: 1, payWith: o.points ? 'points' : 'money' },
          ],
        }),
      );
    case 'accept':
      return outcome(await ts.orders.accept({ ...req(key), orderId: o_(o.o) }));
    case 'complete':
      return outcome(await ts.orders.complete({ ...req(key), orderId: o_(o.o) }));
    case 'void':
      return outcome(await ts.orders.void({ ...req(key), orderId: o_(o.o), reason: 'mistake' }));
    case 'pay':
      return outcome(await ts.orders.pay({ ...req(key), orderId: o_(o.o), method: o.method }));
    case 'merge':
      return outcome(
        await ts.customers.merge({
          tenantId: TENANT,
          actor: manager,
          mergeId: `merge-${key}`,
          sourceCustomerId: c(o.from),
          targetCustomerId: c(o.to),
        }),
      );
    case 'forget':
      return outcome(await ts.privacy?.forget(ctx(key), c(o.c), `GDPR-${key}`));
    case 'retry':
      return 'retry';
  }
};

/** Runs a script of calls, each on the instance it names; a retry re-sends an earlier call under its key. */
const script = async (
  clock: ManualClock,
  instances: readonly Tillstream[],
  steps: readonly { readonly op: Op; readonly on: number }[],
) => {
  const out: unknown[] = [];
  const sent: { readonly op: Op; readonly key: string }[] = [];
  for (const [i, { op: o, on }] of steps.entries()) {
    const ts = instances[on % instances.length] as Tillstream;
    const earlier = o.kind === 'retry' ? sent[sent.length - o.back] : undefined;
    const call = earlier ?? { op: o, key: `k${i}` };
    if (call.op.kind === 'retry') continue;
    sent.push(call);
    clock.advance(60_000);
    out.push(await run(ts, call.op, call.key));
  }
  return out;
};

// Customers with money and points, and an order each, so most random calls find something to act on.
const prelude: readonly { readonly op: Op; readonly on: number }[] = [0, 1, 2].flatMap((n) => [
  { op: { kind: 'register' as const, c: n, phone: n }, on: n },
  { op: { kind: 'topUp' as const, c: n, amount: 1000 }, on: n + 1 },
  { op: { kind: 'earn' as const, c: n, points: 100 }, on: n },
  { op: { kind: 'place' as const, o: n, c: n, points: n === 1 }, on: n + 1 },
]);

const log = async (ts: Tillstream) =>
  (await ts.eventStore.readAll()).map((e) => ({
    stream: e.streamName,
    type: e.type,
    data: e.data,
    commandId: e.metadata.commandId,
  }));

describe('one state cache for every facade of createTillstream', () => {
  it('gives the same results and writes the same events as no cache, over random calls from two instances on one store', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ op, on: fc.integer({ min: 0, max: 1 }) }), { minLength: 5, maxLength: 30 }),
        async (random) => {
          const steps = [...prelude, ...random];
          const cached = twoInstances();
          const plainClock = manualClock('2026-05-01T09:00:00Z');
          const plain = instance(inMemoryEventStore(), inMemoryKeyStore(), plainClock, 'plain', 0);
          const withCache = await script(cached.clock, cached.instances, steps);
          const without = await script(plainClock, [plain], steps);
          expect(withCache).toEqual(without);
          expect(await log(cached.instances[0] as Tillstream)).toEqual(await log(plain));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('sees what another instance wrote: customer, group and order commands decide on the latest state', async () => {
    const [a, b] = twoInstances().instances;
    await a.customers.register(ctx('r'), { customerId: 'c0', phone: PHONES[0] ?? '' });
    await a.customers.update(ctx('u1'), 'c0', { firstName: 'Ann' });
    await b.customers.changePhone(ctx('p'), 'c0', PHONES[1] ?? '');
    const updated = await a.customers.update(ctx('u2'), 'c0', { lastName: 'Smit' });
    expect(E.isRight(updated) && updated.right.customer.profile.phone?.e164).toBe('+31612345672');

    await a.customers.createGroup(ctx('g'), { groupId: 'regulars', name: 'Regulars' });
    await b.customers.archiveGroup(ctx('ga'), 'regulars');
    const renamed = await a.customers.renameGroup(ctx('gr'), 'regulars', 'Old regulars');
    expect(E.isLeft(renamed) && renamed.left.code).toBe('group.archived');

    const line = { productId: 'chips', quantity: 1, payWith: 'money' as const };
    await a.orders.place({
      ...req('o'),
      orderId: 'o1',
      customerId: 'c0',
      paymentMethod: 'cash',
      lines: [line],
    });
    await b.orders.accept({ ...req('oa'), orderId: 'o1' });
    const paid = await a.orders.pay({ ...req('op'), orderId: 'o1', method: 'cash' });
    expect(E.isRight(paid) && paid.right.order.lifecycle).toBe('paid');
  });

  it('keeps no fold of a forgotten customer: neither on the instance that forgot it nor, once it looks, on another', async () => {
    const shop = privateShop();
    const deps = { ...shop, ids: seededIds('cache'), policyFor: () => policy };
    const policy: CustomerPolicy = { ...defaultCustomerPolicy, defaultCountry: 'RU' };
    const [cacheA, cacheB] = [stateCache(), stateCache()];
    const customersA = customersFacade({ ...deps, cache: cacheA, tenantSecret: () => 'secret' });
    const privacyA = privacyFacade({ ...deps, cache: cacheA, tenantSecret: () => 'secret' });
    const privacyB = privacyFacade({ ...deps, cache: cacheB, tenantSecret: () => 'secret' });
    const manager = as('manager');
    // What a command on the stream folds with this cache: a cached fold if one is kept.
    const folded = async (cache: StateCache, customerId: string, commandId: string) =>
      right(
        await handleCommand(
          shop.store,
          customerAggregate(policy),
          customerStream(PRIVATE_TENANT, customerId),
          {
            type: 'ForgetCustomer',
            data: { requestReference: 'probe' },
            metadata: { ...manager, commandId, now: shop.clock.now() },
          },
          { cache },
        ),
      ).state;

    const here = right(await customersA.register({ ...manager, commandId: 'r1' }, anna.input)).customerId;
    right(await privacyA.forget({ ...manager, commandId: 'f1' }, here, 'GDPR-1'));
    expect(leaks(serialised(await folded(cacheA, here, 'probe-1')))).toEqual([]);

    const there = right(
      await customersA.register({ ...manager, commandId: 'r2' }, { card: '5555', firstName: 'Annushka' }),
    ).customerId;
    right(await privacyB.forget({ ...manager, commandId: 'f2' }, there, 'GDPR-2'));
    expect(
      left(await customersA.update({ ...manager, commandId: 'u2' }, there, { lastName: 'X' })).code,
    ).toBe('customer.forgotten');
    expect(leaks(serialised(await folded(cacheA, there, 'probe-2')))).toEqual([]);
  });
});

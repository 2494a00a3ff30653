import {
  createTillstream,
  inMemoryCatalog,
  inMemoryEventStore,
  inMemoryKeyStore,
  manualClock,
  sampleCatalogItems,
  seededIds,
  type InMemoryEventStore,
  type Tillstream,
} from '@tillstream/domain';
import * as E from 'fp-ts/Either';

const TENANT = 'shop1';
const cashier = { role: 'operator', id: 'anna' } as const;
const manager = { role: 'manager', id: 'boss' } as const;

const must = async <A>(result: Promise<E.Either<Error, A>>): Promise<A> => {
  const done = await result;
  if (E.isLeft(done)) throw done.left;
  return done.right;
};

/** A log written with personal fields encrypted, and the raw store behind it, as an auditor would get it. */
export interface PrivateLog {
  readonly raw: InMemoryEventStore;
  readonly shop: Tillstream;
}

/**
 * Olga registered twice ("olga-2" with money and an order of its own), was merged into "olga",
 * ordered and paid from her wallet, and the night's log is ready; `forgetOlga` then forgets both.
 */
export const writeForgottenCustomersDay = async (): Promise<
  PrivateLog & { readonly forgetOlga: () => Promise<void> }
> => {
  const raw = inMemoryEventStore();
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  const shop = createTillstream({
    eventStore: raw,
    keys: inMemoryKeyStore(),
    clock,
    ids: seededIds('olga'),
    tenantSecret: () => 'audit-test-secret',
    catalog: inMemoryCatalog({ [TENANT]: sampleCatalogItems }),
    policy: { customer: { defaultCountry: 'PL' } },
  });
  const ctx = { tenantId: TENANT, actor: cashier };
  await must(
    shop.customers.register(ctx, {
      customerId: 'olga',
      phone: '+48 601 234 567',
      firstName: 'Olga',
      lastName: 'Wiśniewska',
      email: 'olga.w@example.pl',
    }),
  );
  await must(shop.customers.register(ctx, { customerId: 'olga-2', card: '7001 0002', firstName: 'Ola' }));
  for (const [customerId, amount] of [
    ['olga', 4000],
    ['olga-2', 700],
  ] as const)
    await must(
      shop.wallets.topUp({ ...ctx, customerId, amount, method: 'cash', idempotencyKey: `top-${customerId}` }),
    );
  const order = async (orderId: string, customerId: string, note: string) => {
    await must(
      shop.orders.place({
        ...ctx,
        orderId,
        customerId,
        paymentMethod: 'deposit',
        note,
        lines: [{ productId: 'cola', quantity: 2, payWith: 'money' }],
      }),
    );
    await must(shop.orders.accept({ ...ctx, orderId }));
  };
  await order('o-olga-2', 'olga-2', 'Ola Wiśniewska, table 4');
  await order('o-olga', 'olga', 'Olga wants it cold');
  await must(shop.orders.pay({ ...ctx, orderId: 'o-olga', method: 'deposit' }));
  await must(shop.orders.complete({ ...ctx, orderId: 'o-olga' }));
  await must(
    shop.customers.merge({
      tenantId: TENANT,
      actor: manager,
      mergeId: 'm-olga',
      sourceCustomerId: 'olga-2',
      targetCustomerId: 'olga',
      reason: 'Olga Wiśniewska registered twice',
    }),
  );
  const forgetOlga = async () => {
    const privacy = shop.privacy;
    if (privacy === undefined) throw new Error('the shop keeps no keys');
    for (const customerId of ['olga-2', 'olga'])
      await must(privacy.forget({ tenantId: TENANT, actor: manager }, customerId, 'GDPR-2026-03'));
  };
  return { raw, shop, forgetOlga };
};

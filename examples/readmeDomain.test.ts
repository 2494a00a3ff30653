import { expect, it } from '@jest/globals';
import { createTillstream, sampleCatalog, type TillstreamError } from '@tillstream/domain';
import {
  createProjectionRunner,
  customerSearchProjection,
  defaultCustomerSearchPolicy,
  domainIdentifierReaders,
  inMemoryCheckpointStore,
} from '@tillstream/projections';
import * as E from 'fp-ts/Either';

// The README's "The domain in ten lines", kept here so the snippet cannot drift from the API.
const unwrap = <A>(result: E.Either<TillstreamError, A>): A => {
  if (E.isLeft(result)) throw result.left;
  return result.right;
};

it('runs the README snippet: register, top up, place, accept, pay by deposit, find by phone ending', async () => {
  const till = createTillstream({
    catalog: sampleCatalog('cafe'),
    policy: { customer: { defaultCountry: 'PL' } },
  });
  const kasia = { tenantId: 'cafe', actor: { role: 'operator' as const, id: 'kasia' } };
  const { customerId } = unwrap(
    await till.customers.register(kasia, { phone: '601 234 567', firstName: 'Marek' }),
  );
  unwrap(
    await till.wallets.topUp({ ...kasia, customerId, amount: 3000, method: 'cash', idempotencyKey: 't-1' }),
  );
  const { orderId } = unwrap(
    await till.orders.place({
      ...kasia,
      customerId,
      paymentMethod: 'deposit',
      lines: [{ productId: 'cola', quantity: 2, payWith: 'money' }],
    }),
  );
  unwrap(await till.orders.accept({ ...kasia, orderId }));
  unwrap(await till.orders.pay({ ...kasia, orderId, method: 'deposit' }));
  const search = createProjectionRunner({
    store: till.eventStore,
    checkpoints: inMemoryCheckpointStore(),
    projection: customerSearchProjection({
      policyFor: () => ({ ...defaultCustomerSearchPolicy, defaultCountry: 'PL' }),
      readers: domainIdentifierReaders,
    }),
  });
  await search.start();
  await search.waitFor();
  const hits = search.model().search('cafe', '4567').hits;
  await search.stop();
  expect(hits.map((h) => h.customerId)).toEqual([customerId]);
  const wallet = unwrap(await till.wallets.get('cafe', customerId));
  expect(wallet.balance).toBe(3000 - 2 * 250);
});

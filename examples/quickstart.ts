// The tillstream story in one file, top to bottom: a gaming café registers customers (one of them
// in a discount group), tops up a deposit, takes an order from placement to payment, leaves one
// unpaid, voids one, and finds a customer by the last four digits of the phone.
// Run: npm run build, then npx ts-node examples/quickstart.ts
import {
  createTillstream,
  manualClock,
  sampleCatalog,
  seededIds,
  type TillstreamError,
} from '@tillstream/domain';
import {
  createProjectionRunner,
  customerSearchProjection,
  defaultCustomerSearchPolicy,
  domainIdentifierReaders,
  inMemoryCheckpointStore,
} from '@tillstream/projections';
import * as E from 'fp-ts/Either';

/** Where the story is told: one call per line. */
export type Print = (line: string) => void;

/** The figures the story ends with (minor units: euro cents). */
export interface QuickstartOutcome {
  readonly marekBalance: number;
  readonly marekPoints: number;
  readonly olaDebt: number;
  readonly paidOrder: string;
  readonly unpaidOrder: string;
  readonly voidedOrder: string;
  readonly found: readonly string[];
}

// Refusals are values; in a story that must not fail, a refusal is a bug worth stopping for.
const must = <A>(what: string, result: E.Either<TillstreamError, A>): A => {
  if (E.isLeft(result)) throw new Error(`${what}: ${result.left.code} ${result.left.message}`);
  return result.right;
};

const eur = (minor: number) => `${(minor / 100).toFixed(2)} EUR`;

/** Tells the story on the embedded in-memory store and returns its key figures. */
export const main = async (print: Print = console.log): Promise<QuickstartOutcome> => {
  // One object for the whole backend: the in-memory store, the café's menu (prices come only from
  // here), and Polish phone numbers. A fixed clock and seeded ids make every run the same.
  const till = createTillstream({
    catalog: sampleCatalog('cafe'),
    policy: { customer: { defaultCountry: 'PL' } },
    clock: manualClock('2026-03-02T18:00:00.000Z'),
    ids: seededIds('quickstart'),
  });
  const kasia = { tenantId: 'cafe', actor: { role: 'operator' as const, id: 'kasia' } };
  const ola = { tenantId: 'cafe', actor: { role: 'manager' as const, id: 'ola' } };

  // 1. Customers: a group with 5% off everything, and two customers.
  const regulars = must(
    'create group',
    await till.customers.createGroup(ola, {
      groupId: 'regulars',
      name: 'regulars',
      discounts: [{ target: { kind: 'everything' }, adjustment: { kind: 'percent', basisPoints: 500 } }],
    }),
  );
  const marek = must(
    'register Marek',
    await till.customers.register(kasia, {
      phone: '601 234 567',
      firstName: 'Marek',
      lastName: 'Nowak',
      groupId: regulars.groupId,
    }),
  ).customerId;
  const olaK = must(
    'register Ola',
    await till.customers.register(kasia, {
      phone: '+48 602 000 111',
      firstName: 'Ola',
      lastName: 'Kowalska',
    }),
  ).customerId;
  print(`registered Marek (${marek}, group "regulars" −5%) and Ola (${olaK})`);

  // 2. Marek puts 30 EUR on his deposit. The idempotency key makes a retried request harmless.
  const topUp = must(
    'top up',
    await till.wallets.topUp({
      ...kasia,
      customerId: marek,
      amount: 3000,
      method: 'cash',
      idempotencyKey: 't-1',
    }),
  );
  print(`Marek tops up: deposit ${eur(topUp.wallet.balance)}`);

  // 3. An order: placed, accepted, delivered line by line, paid from the deposit.
  const placed = must(
    'place',
    await till.orders.place({
      ...kasia,
      customerId: marek,
      lines: [
        { productId: 'cola', quantity: 2, payWith: 'money' },
        { productId: 'gamer-combo', quantity: 1, payWith: 'money' },
      ],
      paymentMethod: 'deposit',
    }),
  );
  const first = { ...kasia, orderId: placed.orderId };
  print(`order ${first.orderId}: ${eur(placed.order.totals.money)} after the group discount`);
  must('accept', await till.orders.accept(first));
  for (const line of placed.order.lines)
    must('deliver', await till.orders.deliver({ ...first, lineId: line.lineId }));
  const paid = must('pay', await till.orders.pay({ ...first, method: 'deposit' }));
  print(
    `  accepted, delivered, paid by deposit: ${paid.order.lifecycle}, ${paid.order.payment?.pointsEarned ?? 0} points earned`,
  );

  // 4. Ola's order is completed before she pays: the invoice becomes her debt.
  const hers = must(
    'place',
    await till.orders.place({
      ...kasia,
      customerId: olaK,
      lines: [{ productId: 'chips', quantity: 1, payWith: 'money' }],
      paymentMethod: 'cash',
    }),
  );
  const second = { ...kasia, orderId: hers.orderId };
  must('accept', await till.orders.accept(second));
  const unpaid = must('complete', await till.orders.complete(second));
  const olaWallet = must('wallet', await till.wallets.get('cafe', olaK));
  print(
    `order ${second.orderId} completed unpaid (${unpaid.order.lifecycle}): Ola owes ${eur(olaWallet.debt)}`,
  );

  // 5. A paid order is voided: the money goes back to the deposit, the points are taken back.
  const third = must(
    'place',
    await till.orders.place({
      ...kasia,
      customerId: marek,
      lines: [{ productId: 'play-3h', quantity: 1, payWith: 'money' }],
      paymentMethod: 'deposit',
    }),
  );
  const voidable = { ...kasia, orderId: third.orderId };
  must('accept', await till.orders.accept(voidable));
  must('pay', await till.orders.pay({ ...voidable, method: 'deposit' }));
  const voided = must('void', await till.orders.void({ ...voidable, reason: 'PC 7 broke down' }));
  const marekWallet = must('wallet', await till.wallets.get('cafe', marek));
  print(
    `order ${voidable.orderId} ${voided.order.lifecycle}: Marek has ${eur(marekWallet.balance)} and ${marekWallet.points} points`,
  );

  // 6. The read side: customer search is a projection, built from the log by the runner.
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
  print(
    `searching "4567" finds: ${hits.map((h) => `${h.customer.firstName ?? '?'} ${h.customer.lastName ?? ''} (${h.matchedBy})`).join(', ')}`,
  );
  await search.stop();

  return {
    marekBalance: marekWallet.balance,
    marekPoints: marekWallet.points,
    olaDebt: olaWallet.debt,
    paidOrder: paid.order.lifecycle,
    unpaidOrder: unpaid.order.lifecycle,
    voidedOrder: voided.order.lifecycle,
    found: hits.map((h) => h.customerId),
  };
};

if (require.main === module) void main();

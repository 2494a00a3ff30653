import {
  defaultWalletPolicy,
  handleCommand,
  handleWalletCommand,
  manualClock,
  orderDecider,
  orderEvents,
  sampleCatalogItems,
  seededIds,
  streamName,
  transferInFrom,
  walletsFacade,
  type Actor,
  type EventStore,
  type OrderCommand,
  type PaymentMethod,
} from '@tillstream/domain';
import * as E from 'fp-ts/Either';

const anna: Actor = { role: 'operator', id: 'anna' };
// Merge transfers are the merge process's own steps, not a person's.
const mergeProcess: Actor = { role: 'system', id: 'merge' };

const must = <A>(result: E.Either<Error, A>): A => {
  if (E.isLeft(result)) throw result.left;
  return result.right;
};

/**
 * Writes a small café's day into a store, through the real deciders: top-ups, an order paid from the
 * wallet, one paid by card, one completed unpaid (debt), points, and a merge of a duplicate customer.
 * Deterministic: the same day gives the same events, ids and times.
 */
export const writeSampleShopDay = async (store: EventStore, tenantId = 'shop1'): Promise<void> => {
  const clock = manualClock('2026-03-01T09:00:00.000Z');
  const tick = () => clock.advance(7 * 60 * 1000);
  let n = 0;
  const key = (what: string) => `${tenantId}:${what}:${++n}`;
  const wallets = walletsFacade({
    store,
    clock,
    ids: seededIds(tenantId),
    policyFor: () => defaultWalletPolicy,
  });
  const wallet = (customerId: string, actor: Actor = anna) => ({
    tenantId,
    customerId,
    actor,
    idempotencyKey: key(customerId),
  });

  const order = async (command: Omit<OrderCommand, 'metadata'>, actor: Actor = anna) => {
    tick();
    const meta = { commandId: key('order'), tenantId, actor, now: clock.now() };
    const orderId = (command.data as { orderId: string }).orderId;
    must(
      await handleCommand(
        store,
        { decider: orderDecider, events: orderEvents },
        streamName('order', tenantId, orderId),
        {
          ...command,
          metadata: meta,
        } as OrderCommand,
      ),
    );
  };
  const place = (
    orderId: string,
    customerId: string,
    paymentMethod: PaymentMethod,
    products: readonly string[],
  ) =>
    order(
      {
        type: 'PlaceOrder',
        data: {
          orderId,
          customerId,
          currency: 'EUR',
          paymentMethod,
          lines: products.map((productId) => ({ productId, quantity: 1, payWith: 'money' as const })),
          catalog: sampleCatalogItems.filter((i) => products.includes(i.productId)),
          discountRules: [],
        },
      },
      { role: 'customer', id: customerId },
    );

  must(await wallets.topUp({ ...wallet('alice'), amount: 5000, method: 'cash' }));
  tick();
  must(await wallets.topUp({ ...wallet('bob'), amount: 1000, method: 'card' }));

  // Alice pays from her deposit.
  await place('o-1', 'alice', 'deposit', ['cola', 'play-3h']);
  await order({ type: 'AcceptOrder', data: { orderId: 'o-1' } });
  await order({ type: 'PayOrder', data: { orderId: 'o-1', method: 'deposit', pointsToEarn: 11 } });
  must(await wallets.spend({ ...wallet('alice'), orderId: 'o-1', amount: 1150 }));
  must(
    await wallets.earnPoints({ ...wallet('alice'), points: 11, source: { kind: 'order', orderId: 'o-1' } }),
  );
  await order({ type: 'ConfirmOrderPayment', data: { orderId: 'o-1', paymentNumber: 1 } });
  await order({ type: 'CompleteOrder', data: { orderId: 'o-1' } });

  // Bob's order is completed before he pays: it becomes debt.
  await place('o-2', 'bob', 'cash', ['chips']);
  await order({ type: 'AcceptOrder', data: { orderId: 'o-2' } });
  await order({ type: 'CompleteOrder', data: { orderId: 'o-2' } });
  // Debt is the order process's to write (system), as `orders.complete` does.
  must(
    await wallets.recordDebt({
      ...wallet('bob', { role: 'system', id: 'order-process' }),
      orderId: 'o-2',
      amount: 199,
    }),
  );

  // Bob registered twice: "bob-2" is merged into "bob", with everything on his account.
  must(await wallets.topUp({ ...wallet('bob-2'), amount: 300, method: 'cash' }));
  tick();
  const mergeMeta = (customer: string) => ({
    commandId: key(`merge-${customer}`),
    tenantId,
    actor: mergeProcess,
    now: clock.now(),
  });
  const out = must(
    await handleWalletCommand(store, defaultWalletPolicy, {
      type: 'TransferOut',
      data: { customerId: 'bob-2', mergeId: 'merge-1', toCustomerId: 'bob' },
      metadata: mergeMeta('bob-2'),
    }),
  );
  must(
    await handleWalletCommand(store, defaultWalletPolicy, {
      type: 'TransferIn',
      data: transferInFrom('bob-2', 'bob', 'merge-1', 'EUR', out.events),
      metadata: mergeMeta('bob'),
    }),
  );
};

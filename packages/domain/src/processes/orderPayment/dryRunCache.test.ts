import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { EventStore } from '../../kernel/eventStore';
import { stateCache } from '../../kernel/handleCommand';
import { inMemoryEventStore } from '../../kernel/inMemoryEventStore';
import type { RequestedLine } from '../../order/orderCommands';
import { defaultWalletPolicy } from '../../wallet/walletPolicy';
import { handleWalletCommand } from '../../wallet/walletStream';
import { payOrder, type OrderProcessDeps } from './orderPayment';
import { opMeta, orderWorld } from './testKit';

const right = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

const lines: readonly RequestedLine[] = [{ productId: 'cola', quantity: 1, payWith: 'money' }];

const pay = (deps: OrderProcessDeps) =>
  payOrder(deps, { type: 'PayOrder', data: { orderId: 'o1', method: 'deposit' }, metadata: opMeta('pay') });

/** A store that counts reads of wallet streams from their start. */
const watched = () => {
  const base = inMemoryEventStore();
  const seen = { wholeWalletReads: 0 };
  const store: EventStore = {
    ...base,
    readStream: (stream, options) => {
      if (stream.startsWith('wallet-') && options?.fromRevision === undefined) seen.wholeWalletReads++;
      return base.readStream(stream, options);
    },
  };
  return { base, store, seen };
};

describe("a payment's dry run with a state cache", () => {
  it('folds the wallet from where the cache left it: the give-back check is the only whole read', async () => {
    const { store, seen } = watched();
    const w = orderWorld(store);
    const deps = { ...w.deps, cache: stateCache() };
    await w.topUp(10_000);
    right(await w.place(lines));
    right(await w.send('AcceptOrder', {}, 'accept'));
    // A wallet command files the wallet's fold, as a till's top-up through the facade does.
    right(
      await handleWalletCommand(
        store,
        defaultWalletPolicy,
        {
          type: 'TopUp',
          data: { customerId: 'alice', amount: 100, currency: 'EUR', method: 'cash' },
          metadata: opMeta('top-up-cached'),
        },
        { cache: deps.cache },
      ),
    );
    seen.wholeWalletReads = 0;
    right(await pay(deps));
    expect(seen.wholeWalletReads).toBe(1);
  });

  it('still sees what another writer took from the wallet after the cached fold, and writes nothing', async () => {
    const { base, store } = watched();
    const w = orderWorld(store);
    const deps = { ...w.deps, cache: stateCache() };
    right(await w.place(lines));
    right(await w.send('AcceptOrder', {}, 'accept'));
    const topUp = (amount: number, commandId: string) =>
      handleWalletCommand(
        store,
        defaultWalletPolicy,
        {
          type: 'TopUp',
          data: { customerId: 'alice', amount, currency: 'EUR', method: 'cash' },
          metadata: opMeta(commandId),
        },
        { cache: deps.cache },
      );
    right(await topUp(10_000, 'top-up'));
    // Another till, without this cache, spends the whole balance on another order.
    right(
      await handleWalletCommand(base, defaultWalletPolicy, {
        type: 'Spend',
        data: { customerId: 'alice', orderId: 'other', amount: 10_000, currency: 'EUR' },
        metadata: opMeta('other-till'),
      }),
    );
    const before = (await w.order()).events.length;
    const paid = await pay(deps);
    expect(E.isLeft(paid) ? paid.left.code : 'paid').toBe('wallet.insufficient_balance');
    expect((await w.order()).events.length).toBe(before);
  });
});

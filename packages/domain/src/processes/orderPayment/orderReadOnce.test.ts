import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { EventStore } from '../../kernel/eventStore';
import { handleCommand, stateCache } from '../../kernel/handleCommand';
import { inMemoryEventStore } from '../../kernel/inMemoryEventStore';
import type { OrderCommand, PayOrder, RequestedLine } from '../../order/orderCommands';
import { orderAggregate, orderStreamName } from '../../order/orderStream';
import { sampleCatalogItems } from '../../order/sampleCatalog';
import { handleOrderCommand, payOrder } from './orderPayment';
import { opMeta, orderWorld } from './testKit';

const right = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

const lines: readonly RequestedLine[] = [
  { productId: 'cola', quantity: 1, payWith: 'money' },
  { productId: 'chips', quantity: 2, payWith: 'money' },
];

/** A store that counts reads of order streams and can run something right after one (a writer slipping in). */
const watched = () => {
  const base = inMemoryEventStore();
  const seen = { orderReads: 0, afterRead: undefined as (() => Promise<void>) | undefined };
  const store: EventStore = {
    ...base,
    readStream: async (stream, options) => {
      const read = await base.readStream(stream, options);
      if (stream.startsWith('order-')) {
        seen.orderReads++;
        const then = seen.afterRead;
        seen.afterRead = undefined;
        await then?.();
      }
      return read;
    },
  };
  return { base, store, seen };
};

const placeData = {
  customerId: 'alice',
  currency: 'EUR',
  paymentMethod: 'deposit',
  lines,
  catalog: sampleCatalogItems,
  discountRules: [],
};

const command = (type: string, data: object, commandId: string) =>
  ({ type, data: { ...data, orderId: 'o1' }, metadata: opMeta(commandId) }) as Exclude<
    OrderCommand,
    PayOrder
  >;

const lineIds = async (w: ReturnType<typeof orderWorld>): Promise<readonly string[]> => {
  const { state } = await w.order();
  return state.status === 'absent' ? [] : state.lines.map((l) => l.lineId);
};

describe('an order command', () => {
  it.each([false, true])(
    'reads the order stream once and returns what a fresh read folds to (state cache: %s)',
    async (cached) => {
      const { store, seen } = watched();
      const w = orderWorld(store);
      const deps = cached ? { ...w.deps, cache: stateCache() } : w.deps;
      right(await handleOrderCommand(deps, command('PlaceOrder', placeData, 'place')));
      const [first] = await lineIds(w);
      const steps: [string, object][] = [
        ['AcceptOrder', {}],
        ['DeliverOrderLine', { lineId: first }],
        ['CompleteOrder', {}],
      ];
      for (const [type, data] of steps) {
        seen.orderReads = 0;
        const done = right(await handleOrderCommand(deps, command(type, data, type)));
        expect([type, seen.orderReads]).toEqual([type, 1]);
        expect(done.state).toEqual((await w.order()).state);
      }
      // Completing the unpaid order put its invoice on the customer's account.
      expect((await w.wallet()).debt).toBeGreaterThan(0);
    },
  );

  it.each([false, true])(
    'pays reading the order once before and once to confirm, and returns what a fresh read folds to (state cache: %s)',
    async (cached) => {
      const { store, seen } = watched();
      const w = orderWorld(store);
      const deps = cached ? { ...w.deps, cache: stateCache() } : w.deps;
      await w.topUp(10_000);
      right(await handleOrderCommand(deps, command('PlaceOrder', placeData, 'place')));
      right(await handleOrderCommand(deps, command('AcceptOrder', {}, 'accept')));
      seen.orderReads = 0;
      const paid = right(
        await payOrder(deps, {
          type: 'PayOrder',
          data: { orderId: 'o1', method: 'deposit' },
          metadata: opMeta('pay'),
        }),
      );
      expect(seen.orderReads).toBe(2);
      expect(paid.state).toEqual((await w.order()).state);
      expect(paid.state.status === 'absent' ? undefined : paid.state.payment?.method).toBe('deposit');
      // The points the payment earns were granted from the history the payment left.
      expect((await w.wallet()).pointsBalance).toBeGreaterThan(0);
    },
  );

  it('shows what another writer wrote between its read and its append: it reads the order again', async () => {
    const { base, store, seen } = watched();
    const w = orderWorld(store);
    right(await w.place(lines));
    right(await w.send('AcceptOrder', {}, 'accept'));
    const [first, second] = await lineIds(w);
    seen.afterRead = async () => {
      right(
        await handleCommand(base, orderAggregate, orderStreamName('shop1', 'o1'), {
          type: 'DeliverOrderLine',
          data: { orderId: 'o1', lineId: second as string },
          metadata: opMeta('other-till'),
        }),
      );
    };
    const done = right(await w.send('DeliverOrderLine', { lineId: first as string }, 'deliver'));
    expect(done.state).toEqual((await w.order()).state);
    expect(done.state.status === 'absent' ? [] : done.state.delivered).toEqual([second, first]);
  });
});

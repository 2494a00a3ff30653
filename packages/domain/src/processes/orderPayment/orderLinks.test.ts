import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { EventToAppend } from '../../kernel/envelope';
import { handleCommand } from '../../kernel/handleCommand';
import { inMemoryEventStore } from '../../kernel/inMemoryEventStore';
import { readCustomerOrderIndex } from '../../order/customerOrderIndex';
import { orderAggregate, orderStreamName } from '../../order/orderStream';
import { resumeOrder } from './orderPayment';
import { opMeta, orderWorld } from './testKit';

const right = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

const indexOf = async (w: ReturnType<typeof orderWorld>, customerId: string) => {
  const { index } = right(await readCustomerOrderIndex(w.store, 'shop1', customerId));
  return { linked: [...index.linked], ever: [...index.ever] };
};

const cola = [{ productId: 'cola', quantity: 1, payWith: 'money' as const }];

describe("a customer's order index", () => {
  it('lists an order under its customer when placed, and under the new one when it changes customer', async () => {
    const w = orderWorld();
    right(await w.place(cola));
    expect(await indexOf(w, 'alice')).toEqual({ linked: ['o1'], ever: ['o1'] });
    right(await w.send('ChangeOrderCustomer', { customerId: 'bob', reason: 'wrong seat' }, 'change'));
    expect(await indexOf(w, 'bob')).toEqual({ linked: ['o1'], ever: ['o1'] });
    expect(await indexOf(w, 'alice')).toEqual({ linked: [], ever: ['o1'] });
  });

  it('lists the order before the order exists, so a crash between the two writes never hides it', async () => {
    const base = inMemoryEventStore();
    const store = {
      ...base,
      appendToStream: async (
        stream: string,
        events: readonly EventToAppend[],
        options: Parameters<typeof base.appendToStream>[2],
      ) => {
        if (stream.startsWith('order-')) throw new Error('crash');
        return base.appendToStream(stream, events, options);
      },
    };
    const crashing = orderWorld(store);
    await expect(crashing.place(cola)).rejects.toThrow('crash');
    const w = orderWorld(base);
    expect(await indexOf(w, 'alice')).toEqual({ linked: ['o1'], ever: ['o1'] });
    // Sent again, the place goes through; the link is not written twice.
    right(await w.place(cola));
    expect(base.allEvents().filter((e) => e.type === 'OrderLinked')).toHaveLength(1);
  });

  it('is not read by commands on a placed order: its link was written before the order', async () => {
    const base = inMemoryEventStore();
    const indexReads: string[] = [];
    const store = {
      ...base,
      readStream: (stream: string, options?: Parameters<typeof base.readStream>[1]) => {
        if (stream.startsWith('customerorders-')) indexReads.push(stream);
        return base.readStream(stream, options);
      },
    };
    const w = orderWorld(store);
    right(await w.place(cola));
    indexReads.length = 0;
    right(await w.send('AcceptOrder', {}, 'accept'));
    right(await resumeOrder(w.deps, opMeta('resume'), 'o1'));
    expect(indexReads).toEqual([]);
    expect(await indexOf(w, 'alice')).toEqual({ linked: ['o1'], ever: ['o1'] });
  });

  it('is settled by the next command on the order when a crash cut off the unlink', async () => {
    const store = inMemoryEventStore();
    const w = orderWorld(store);
    right(await w.place(cola));
    // The change is written straight to the order stream, as if the process died right after.
    right(
      await handleCommand(w.store, orderAggregate, orderStreamName('shop1', 'o1'), {
        type: 'ChangeOrderCustomer',
        data: { orderId: 'o1', customerId: 'bob', reason: 'wrong seat' },
        metadata: opMeta('change'),
      }),
    );
    right(await resumeOrder(w.deps, opMeta('resume'), 'o1'));
    expect(await indexOf(w, 'bob')).toEqual({ linked: ['o1'], ever: ['o1'] });
    expect(await indexOf(w, 'alice')).toEqual({ linked: [], ever: ['o1'] });
    const indexWrites = () => store.allEvents().filter((e) => e.streamName.startsWith('customerorders-'));
    const writes = indexWrites().length;
    right(await resumeOrder(w.deps, opMeta('resume-2'), 'o1'));
    expect(indexWrites()).toHaveLength(writes);
  });
});

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { manualClock } from '../../kernel/clock';
import { ConcurrencyError } from '../../kernel/errors';
import type { EventStore } from '../../kernel/eventStore';
import { seededIds } from '../../kernel/ids';
import { inMemoryEventStore } from '../../kernel/inMemoryEventStore';
import { sampleCatalog } from '../../order/sampleCatalog';
import { createTillstream } from '../../tillstream';

const op = { tenantId: 'cafe', actor: { role: 'operator' as const, id: 'kasia' } };
const play = [{ productId: 'play-3h', quantity: 1, payWith: 'money' as const }];

/** A store whose wallet streams refuse every append while `down` is set. */
const walletsDown = (inner: EventStore) => {
  const state = { down: false };
  const store: EventStore = {
    ...inner,
    appendToStream: (stream, events, options) =>
      state.down && stream.startsWith('wallet-')
        ? Promise.resolve(E.left(new ConcurrencyError(stream, options.expectedRevision, 'no_stream')))
        : inner.appendToStream(stream, events, options),
  };
  return { store, state };
};

const setup = async (eventStore: EventStore = inMemoryEventStore()) => {
  const till = createTillstream({
    eventStore,
    keys: false,
    clock: manualClock('2026-05-01T09:00:00Z'),
    ids: seededIds('namespace'),
    catalog: sampleCatalog('cafe'),
  });
  const registered = await till.customers.register(op, { card: 'A-1' });
  if (E.isLeft(registered)) throw registered.left;
  const customerId = registered.right.customerId;
  await till.wallets.topUp({ ...op, customerId, amount: 5000, method: 'cash' });
  const placed = await till.orders.place({ ...op, customerId, paymentMethod: 'deposit', lines: play });
  if (E.isLeft(placed)) throw placed.left;
  const orderId = placed.right.orderId;
  await till.orders.accept({ ...op, orderId });
  return {
    till,
    customerId,
    orderId,
    me: { tenantId: 'cafe', actor: { role: 'customer' as const, id: customerId } },
  };
};

const balance = async (till: Awaited<ReturnType<typeof setup>>['till'], customerId: string) => {
  const wallet = await till.wallets.get('cafe', customerId);
  return E.isRight(wallet) ? wallet.right.balance : undefined;
};

describe("a caller's idempotency key never pre-empts a step of the order process", () => {
  it("a spend under the void's refund key does not stop the void from refunding", async () => {
    const { till, customerId, orderId, me } = await setup();
    await till.orders.pay({ ...op, orderId, method: 'deposit' });
    const trap = await till.wallets.spend({
      ...me,
      customerId,
      orderId: 'x',
      amount: 1,
      idempotencyKey: `order:${orderId}:void:wallet-refund`,
    });
    expect(E.isRight(trap)).toBe(true);
    const voided = await till.orders.void({ ...op, orderId, reason: 'wrong item' });
    expect(E.isRight(voided) && voided.right.order.lifecycle).toBe('voided');
    expect(await balance(till, customerId)).toBe(5000 - 1);
  });

  it("a spend under a payment's revert key does not break the payment", async () => {
    const { till, customerId, orderId, me } = await setup();
    await till.wallets.spend({
      ...me,
      customerId,
      orderId: 'y',
      amount: 1,
      idempotencyKey: `order:${orderId}:payment:1:wallet-debit:revert`,
    });
    const paid = await till.orders.pay({ ...op, orderId, method: 'deposit' });
    expect(E.isRight(paid) && paid.right.order.lifecycle).toBe('paid');
    expect(await balance(till, customerId)).toBe(5000 - 1 - 900);
  });
});

describe('a void whose order event is written but whose refund is not', () => {
  it('says the order is voided and the refund pending, and resume finishes it', async () => {
    const broken = walletsDown(inMemoryEventStore());
    const { till, customerId, orderId } = await setup(broken.store);
    await till.orders.pay({ ...op, orderId, method: 'deposit' });
    broken.state.down = true;
    const voided = await till.orders.void({ ...op, orderId, reason: 'wrong item' });
    expect(E.isLeft(voided) && voided.left).toMatchObject({
      code: 'order.wallet_effect_pending',
      details: { orderId, written: ['OrderVoided'], cause: 'stream.concurrency_conflict' },
    });
    const order = await till.orders.get('cafe', orderId);
    expect(E.isRight(order) && order.right.lifecycle).toBe('voided');
    broken.state.down = false;
    const resumed = await till.orders.resume({ ...op, orderId });
    expect(E.isRight(resumed)).toBe(true);
    expect(await balance(till, customerId)).toBe(5000);
  });

  it('a refusal before anything was written stays a plain refusal', async () => {
    const broken = walletsDown(inMemoryEventStore());
    const { till, orderId } = await setup(broken.store);
    const cancelled = await till.orders.cancel({ ...op, orderId });
    expect(E.isLeft(cancelled) && cancelled.left.code).toBe('order.is_accepted');
  });
});

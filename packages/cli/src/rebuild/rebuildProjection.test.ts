import { describe, expect, it } from '@jest/globals';
import { inMemoryEventStore, type EventStore } from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { writeSampleShopDay } from '../testing/sampleShopDay';
import { formatRebuild } from './formatRebuild';
import { rebuildableProjections } from './rebuildableProjections';
import { rebuildProjection, rebuildProjections } from './rebuildProjection';

const projection = (name: string) => {
  const make = rebuildableProjections[name];
  if (make === undefined) throw new Error(`no projection ${name}`);
  return make();
};
const rebuild = (name: string) => (store: EventStore) => rebuildProjection(store, projection(name));

/** The sample day with one `WalletSpent` made undecodable, and how many events came before it. */
const poisonedDay = async () => {
  const store = inMemoryEventStore();
  await writeSampleShopDay(store);
  const events = store.allEvents();
  const spent = events.find((e) => e.type === 'WalletSpent');
  // Idempotency-key reservations (unique-walletkey-…) are no wallet's events.
  const before = events.filter(
    (e) => spent !== undefined && e.position < spent.position && !e.streamName.startsWith('unique-'),
  ).length;
  const poisoned = inMemoryEventStore();
  for (const e of store.allEvents())
    await poisoned.appendToStream(
      e.streamName,
      [
        {
          eventId: e.eventId,
          type: e.type,
          metadata: e.metadata,
          data: e === spent ? { ...(e.data as object), amount: 'lots' } : e.data,
        },
      ],
      { expectedRevision: 'any' },
    );

  return { poisoned, before };
};

describe('rebuilding a projection over the log', () => {
  it('applies every event of its streams, from the start, and ends live with nothing behind', async () => {
    const store = inMemoryEventStore();
    await writeSampleShopDay(store);
    const ofWalletsAndOrders = store
      .allEvents()
      .filter((e) => e.streamName.startsWith('wallet-') || e.streamName.startsWith('order-')).length;
    const orders = store.allEvents().filter((e) => e.streamName.startsWith('order-')).length;

    const audit = await rebuild('audit-trail')(store);
    const board = await rebuild('order-board')(store);
    expect(E.isRight(audit) && audit.right.applied).toBe(ofWalletsAndOrders);
    expect(E.isRight(board) && board.right.applied).toBe(orders);
    expect(E.isRight(audit) && audit.right.status).toMatchObject({
      state: 'live',
      lag: { events: 0, atLeast: false },
    });
  });

  it('stops at a poison event, naming its stream, revision and cause, with the events applied before it', async () => {
    const { poisoned, before } = await poisonedDay();
    const done = await rebuild('wallet-views')(poisoned);
    if (E.isRight(done)) throw new Error('a poison event was applied');
    expect(done.left.applied).toBe(before);
    expect(done.left.status.state).toBe('failed');
    expect([done.left.error.streamName, done.left.error.revision]).toEqual(['wallet-shop1.alice', 1n]);
    expect(done.left.error.message).toContain('field "amount"');
    expect(formatRebuild([done.left])).toMatch(new RegExp(`^wallet-views +${before} .* failed$`, 'm'));
  });

  it('rebuilds several projections in one pass, each as alone; a poison event stops only its own', async () => {
    const { poisoned } = await poisonedDay();
    const names = ['customer-search', 'order-board', 'wallet-views', 'audit-trail'];
    const alone = await Promise.all(names.map((name) => rebuild(name)(poisoned)));
    const together = await rebuildProjections(poisoned, names.map(projection));
    const summary = (r: (typeof together)[number]) =>
      E.isLeft(r)
        ? { failed: r.left.name, applied: r.left.applied, at: r.left.error.position }
        : { name: r.right.name, applied: r.right.applied, state: r.right.status.state };
    expect(together.map(summary)).toEqual(alone.map(summary));
    expect(together.map((r) => E.isLeft(r))).toEqual([false, false, true, true]);
    const shared = new Set(together.map((r) => (E.isLeft(r) ? r.left.milliseconds : r.right.milliseconds)));
    expect(shared.size).toBe(1);
  });
});

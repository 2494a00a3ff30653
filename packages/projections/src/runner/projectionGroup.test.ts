import { describe, expect, it } from '@jest/globals';
import * as t from 'io-ts';
import {
  combineCatalogs,
  eventCatalog,
  inMemoryEventStore,
  integer,
  parseStreamName,
  streamName,
  type Event,
  type EventCatalog,
  type EventStore,
} from '@tillstream/domain';
import { auditTrailProjection } from '../audit';
import {
  customerSearchProjection,
  defaultCustomerSearchPolicy,
  domainIdentifierReaders,
} from '../customerSearch';
import { orderBoardProjection } from '../orderBoard';
import { uniquenessRegistryProjection } from '../registry';
import { operator, replay, right, shop, SHOP } from '../testing/shop';
import { walletViewsProjection } from '../wallet';
import { inMemoryCheckpointStore } from './checkpointStore';
import { PoisonEventError } from './errors';
import type { Projection } from './projection';
import { createProjectionGroup } from './projectionGroup';

type Counted = Event<'Counted', { readonly n: number }>;
const catalog = eventCatalog<Counted>({ Counted: { codec: t.type({ n: integer }) } });

let seq = 0;
const metadataOf = (eventId: string) => ({
  eventId,
  commandId: eventId,
  commandHash: 'h',
  correlationId: eventId,
  causationId: eventId,
  tenantId: 'shop1',
  actor: { role: 'system' as const, id: 'test' },
  occurredAt: '2026-03-01T10:00:00.000Z',
  schemaVersion: 1,
});
const append = async (store: EventStore, data: unknown, category = 'tally') => {
  const eventId = `e-${++seq}`;
  const metadata = metadataOf(eventId);
  await store.appendToStream(
    streamName(category, 'shop1', 'a'),
    [{ eventId, type: 'Counted', data, metadata }],
    {
      expectedRevision: 'any',
    },
  );
};

/** A durable tally of one stream category: a table that outlives runs, as a database would. */
const tally = (name: string, category: string, table: number[]): Projection<number[], Counted> => ({
  name,
  version: 1,
  events: catalog,
  filter: { kind: 'streamPrefix', prefixes: [`${category}-`] },
  init: () => {
    table.length = 0;
    return table;
  },
  resume: () => table,
  apply: (model, { event }) => {
    if (event.data.n < 0) throw new Error(`negative ${event.data.n}`);
    model.push(event.data.n);
    return model;
  },
});

/** Counts the subscriptions opened on a store. */
const counting = (inner: EventStore) => {
  const opened = { count: 0 };
  const store: EventStore = {
    ...inner,
    subscribeToAll: (options, handler) => {
      opened.count++;
      return inner.subscribeToAll(options, handler);
    },
  };
  return { store, opened };
};

/** A shop day over every projection: registrations, a profile change, money, orders, a merge. */
const shopDay = async () => {
  const s = shop();
  const ctx = { tenantId: SHOP, actor: operator };
  const anna = right(
    await s.customers.register(ctx, { phone: '8 916 123-45-67', firstName: 'Анна', lastName: 'Иванова' }),
  ).customerId;
  const ivan = right(await s.customers.register(ctx, { card: 'C-77', firstName: 'Ivan' })).customerId;
  const olga = right(
    await s.customers.register(ctx, { phone: '8 903 111-22-33', firstName: 'Ольга' }),
  ).customerId;
  right(await s.customers.changePhone(ctx, olga, '8 903 765-43-21'));
  right(await s.wallets.topUp({ ...ctx, customerId: anna, amount: 5_000, method: 'cash' }));
  for (const customerId of [anna, ivan]) {
    const { orderId } = right(
      await s.orders.place({
        ...ctx,
        customerId,
        lines: [{ productId: 'cola', quantity: 2, payWith: 'money' }],
        paymentMethod: customerId === anna ? 'deposit' : 'cash',
      }),
    );
    right(await s.orders.accept({ ...ctx, orderId }));
    if (customerId === anna) right(await s.orders.pay({ ...ctx, orderId, method: 'deposit' }));
    s.clock.advance(60_000);
  }
  right(
    await s.merges.merge({
      tenantId: SHOP,
      actor: { role: 'manager', id: 'mgr-1' },
      sourceCustomerId: olga,
      targetCustomerId: anna,
      choices: {},
      reason: 'same person',
      mergeId: 'm1',
    }),
  );
  return { s, customers: [anna, ivan, olga] };
};

/** The five projections as `tillstream rebuild` configures them. */
const fiveProjections = (s: ReturnType<typeof shop>) =>
  [
    customerSearchProjection({
      policyFor: () => defaultCustomerSearchPolicy,
      readers: domainIdentifierReaders,
    }),
    uniquenessRegistryProjection({ secretFor: s.secret, policyFor: () => s.policy }),
    orderBoardProjection(),
    walletViewsProjection(),
    auditTrailProjection({ identifiers: { secretFor: s.secret, policyFor: () => s.policy } }),
  ] as const;

describe('projection group', () => {
  it('builds every model from one subscription, each equal to what its own runner builds', async () => {
    const { s, customers } = await shopDay();
    const { store, opened } = counting(s.eventStore);
    const group = createProjectionGroup({
      store,
      checkpoints: inMemoryCheckpointStore(),
      projections: fiveProjections(s),
    });
    await group.start();
    await group.waitFor();
    expect(opened.count).toBe(1);
    const [search, registry, board, wallets, audit] = group.members;
    const [aloneSearch, aloneRegistry, aloneBoard, aloneWallets, aloneAudit] = fiveProjections(s);
    const own = {
      search: await replay(s.eventStore, aloneSearch),
      registry: await replay(s.eventStore, aloneRegistry),
      board: await replay(s.eventStore, aloneBoard),
      wallets: await replay(s.eventStore, aloneWallets),
      audit: await replay(s.eventStore, aloneAudit),
    };
    const orders = (await s.eventStore.readAll()).flatMap((e) =>
      e.streamName.startsWith('order-') ? [parseStreamName(e.streamName)?.id ?? ''] : [],
    );
    expect(orders.length).toBeGreaterThan(0);
    for (const id of customers) {
      expect(search.model().index(SHOP).get(id)).toEqual(own.search.index(SHOP).get(id));
      expect(search.model().resolve(SHOP, id)).toEqual(own.search.resolve(SHOP, id));
      expect(registry.model().heldBy(SHOP, id)).toEqual(own.registry.heldBy(SHOP, id));
      expect(wallets.model().wallet(SHOP, id)).toEqual(own.wallets.wallet(SHOP, id));
      expect(wallets.model().purchases(SHOP, id)).toEqual(own.wallets.purchases(SHOP, id));
    }
    expect(search.model().search(SHOP, 'Анна').hits.length).toBeGreaterThan(0);
    expect(search.model().search(SHOP, 'Анна')).toEqual(own.search.search(SHOP, 'Анна'));
    expect(registry.model().check(SHOP)).toEqual(own.registry.check(SHOP));
    expect(board.model().openOrders(SHOP)).toEqual(own.board.openOrders(SHOP));
    expect(audit.model().entries(SHOP).length).toBeGreaterThan(0);
    expect(audit.model().entries(SHOP)).toEqual(own.audit.entries(SHOP));
    expect(audit.model().violations(SHOP)).toEqual(own.audit.violations(SHOP));
    expect(audit.model().merges(SHOP)).toEqual(own.audit.merges(SHOP));
    const statuses = await group.status();
    expect(statuses.map((x) => [x.name, x.state, x.lag.events])).toEqual(
      ['customer-search', 'uniqueness-registry', 'order-board', 'wallet-views', 'audit-trail'].map((n) => [
        n,
        'live',
        0,
      ]),
    );
    await group.stop();
  });

  it('stops only the projection that met a poison event; the others read on to the head', async () => {
    const store = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore();
    const a: number[] = [];
    const b: number[] = [];
    await append(store, { n: 1 }, 'left');
    await append(store, { n: 2 }, 'right');
    await append(store, { n: -3 }, 'left');
    await append(store, { n: 4 }, 'right');
    await append(store, { n: 5 }, 'left');
    const group = createProjectionGroup({
      store,
      checkpoints,
      projections: [tally('left', 'left', a), tally('right', 'right', b)],
    });
    await group.start();
    await group.waitFor();
    const [left, right] = group.members;
    expect([a, b]).toEqual([[1], [2, 4]]);
    const failed = await left.status();
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toBeInstanceOf(PoisonEventError);
    expect(failed.lastError?.message).toContain('negative -3');
    await expect(left.waitFor()).rejects.toThrow('negative -3');
    expect((await right.status()).state).toBe('live');
    // The poison's checkpoint stays on the last good event of its own projection.
    expect(await checkpoints.load('left')).toEqual({ position: 1n, version: 1 });
    expect(await checkpoints.load('right')).toEqual({ position: 4n, version: 1 });
    await group.stop();
  });

  it('parks poison events per projection when asked to, and goes on', async () => {
    const store = inMemoryEventStore();
    const a: number[] = [];
    const b: number[] = [];
    await append(store, { n: -1 }, 'left');
    await append(store, { n: 'two' }, 'right');
    await append(store, { n: 3 }, 'left');
    const parked: string[] = [];
    const group = createProjectionGroup({
      store,
      checkpoints: inMemoryCheckpointStore(),
      projections: [tally('left', 'left', a), tally('right', 'right', b)],
      poison: 'dead-letter',
      onDeadLetter: ({ error }) => parked.push(error.projection),
    });
    await group.start();
    await group.waitFor();
    expect([a, b]).toEqual([[3], []]);
    expect(parked).toEqual(['left', 'right']);
    const [left, right] = group.members;
    expect(left.deadLetters().map((l) => l.event.position)).toEqual([1n]);
    expect(right.deadLetters().map((l) => l.error.message)).toEqual([expect.stringContaining('field "n"')]);
    expect((await group.status()).map((x) => [x.state, x.deadLetters])).toEqual([
      ['live', 1],
      ['live', 1],
    ]);
    await group.stop();
  });

  it('resumes each projection after its own checkpoint: nothing lost, nothing applied twice', async () => {
    const inner = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore();
    const a: number[] = [];
    const b: number[] = [];
    await append(inner, { n: 1 }, 'left');
    await append(inner, { n: 2 }, 'right');
    const onlyLeft = createProjectionGroup({
      store: inner,
      checkpoints,
      projections: [tally('left', 'left', a)],
    });
    await onlyLeft.start();
    await onlyLeft.waitFor();
    await onlyLeft.stop();
    await append(inner, { n: 3 }, 'left');
    await append(inner, { n: 4 }, 'right');
    // `right` has no checkpoint yet: the group reads from the start, `left` drops what it has.
    const { store, opened } = counting(inner);
    const both = createProjectionGroup({
      store,
      checkpoints,
      projections: [tally('left', 'left', a), tally('right', 'right', b)],
      checkpointEvery: 100,
    });
    await both.start();
    await both.waitFor();
    expect([a, b]).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(opened.count).toBe(1);
    expect(await checkpoints.load('left')).toEqual({ position: 3n, version: 1 });
    expect(await checkpoints.load('right')).toEqual({ position: 4n, version: 1 });
    await append(inner, { n: 5 }, 'right');
    await both.members[1].waitFor();
    expect(b).toEqual([2, 4, 5]);
    await both.stop();
    expect(await checkpoints.load('right')).toEqual({ position: 5n, version: 1 });
  });

  it('decodes an event once for the projections reading its type through the same catalog or part', async () => {
    const store = inMemoryEventStore();
    for (const n of [1, 2, 3]) await append(store, { n }, 'left');
    const decoded = { count: 0 };
    const counted: EventCatalog<Counted> = {
      ...catalog,
      decode: (type, data, version) => {
        decoded.count++;
        return catalog.decode(type, data, version);
      },
    };
    type Other = Event<'Other', { readonly x: string }>;
    const other = eventCatalog<Other>({ Other: { codec: t.type({ x: t.string }) } });
    const reading = (name: string, events: EventCatalog<Counted>): Projection<number[], Counted> => ({
      ...tally(name, 'left', []),
      events,
    });
    const run = async (...projections: Projection<number[], Counted>[]) => {
      decoded.count = 0;
      const group = createProjectionGroup({ store, checkpoints: inMemoryCheckpointStore(), projections });
      await group.start();
      await group.waitFor();
      await group.stop();
      return group.members.map((m) => m.model());
    };
    const shared = combineCatalogs<Counted | Other>(
      counted as EventCatalog<Counted | Other>,
      other as EventCatalog<Counted | Other>,
    ) as unknown as EventCatalog<Counted>;
    expect(await run(reading('a', counted), reading('b', shared))).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(decoded.count).toBe(3);
    // A catalog that delegates without being made by combineCatalogs cannot tell its parts: it decodes on its own.
    const opaque: EventCatalog<Counted> = { ...shared };
    await run(reading('a', counted), reading('c', opaque));
    expect(decoded.count).toBe(6);
  });

  it('selects by the start of the event type: a selected type outside the catalog passes by, settled', async () => {
    const store = inMemoryEventStore();
    const typed = async (type: string, data: unknown) => {
      const eventId = `e-${++seq}`;
      await store.appendToStream(
        streamName('tally', 'shop1', 'a'),
        [{ eventId, type, data, metadata: metadataOf(eventId) }],
        { expectedRevision: 'any' },
      );
    };
    await typed('Counted', { n: 1 });
    await typed('Other', { x: 'a' });
    await typed('Counted', { n: 3 });
    await typed('CountedTwice', { n: 'not a number' });
    await typed('Other', { x: 'b' });
    const byType: Projection<number[], Counted> = {
      ...tally('by-type', 'tally', []),
      filter: { kind: 'eventType', prefixes: ['Counted'] },
    };
    // Alone (the subscription selects) and beside another projection (the lane selects): the same.
    for (const projections of [[byType], [byType, tally('by-stream', 'tally', [])]]) {
      const group = createProjectionGroup({ store, checkpoints: inMemoryCheckpointStore(), projections });
      await group.start();
      await group.waitFor();
      const [status] = await group.status();
      expect(group.members[0]?.model()).toEqual([1, 3]);
      expect([status?.state, status?.position]).toEqual(['live', 4n]);
      await group.stop();
    }
  });

  it('can start again after a projection failed to open', async () => {
    const store = inMemoryEventStore();
    await append(store, { n: 1 }, 'left');
    let opens = 0;
    const flaky: Projection<number[], Counted> = {
      ...tally('left', 'left', []),
      init: () => {
        if (++opens === 1) throw new Error('database down');
        return [];
      },
    };
    const group = createProjectionGroup({
      store,
      checkpoints: inMemoryCheckpointStore(),
      projections: [flaky],
    });
    await expect(group.start()).rejects.toThrow('database down');
    await group.start();
    await group.waitFor();
    expect(group.members[0].model()).toEqual([1]);
    await group.stop();
  });

  it('refuses two projections of one name: they would share a checkpoint', () => {
    const store = inMemoryEventStore();
    expect(() =>
      createProjectionGroup({
        store,
        checkpoints: inMemoryCheckpointStore(),
        projections: [tally('same', 'left', []), tally('same', 'right', [])],
      }),
    ).toThrow('twice');
  });
});

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startEventStoreDBTestServer, type EventStoreDBTestServer } from '@tillstream/adapters/testing';
import { inMemoryEventStore, inMemoryKeyStore, type InMemoryEventStore } from '@tillstream/domain';
import type { FastifyInstance } from 'fastify';
import { eventStoreFromEnvironment, tenantSecretFromEnvironment } from './eventStoreFromEnvironment';
import { createPosServer } from './posServer';
import { sampleMenu } from './server';
import { call, readEvents, staff } from './testClient';

// fastify.inject (light-my-request) requires the ESM-only `cookie` 2 for its `cookies` option: Node
// loads it, Jest's module system cannot. These tests send no cookies; the stand-in says so if one does.
jest.mock('cookie', () => ({
  stringifySetCookie: () => {
    throw new Error('the POS server tests send no cookies');
  },
}));

const tenantSecret = tenantSecretFromEnvironment({ TILLSTREAM_TENANT_SECRET: 'test-secret' });

const customer = (id: string) => staff({ 'x-actor-role': 'customer', 'x-actor-id': id });

describe('the POS server over the in-memory store (fastify.inject)', () => {
  let store: InMemoryEventStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = inMemoryEventStore();
    app = await createPosServer({
      eventStore: store,
      keys: inMemoryKeyStore(),
      tenantSecret,
      catalog: sampleMenu,
    });
  });
  afterAll(() => app.close());

  const register = async (body: Record<string, unknown>) => {
    const reply = await call(app, 'POST', '/customers', body);
    expect(reply.status).toBe(201);
    return reply.body['customerId'] as string;
  };

  it('keeps what a customer typed out of the stored events: personal fields are encrypted at rest', async () => {
    await register({ phone: '603 777 888', firstName: 'Bożena', email: 'bozena@example.pl' });
    const raw = JSON.stringify(store.allEvents().map((e) => [e.streamName, e.data]));
    for (const typed of ['603777888', 'Bożena', 'bozena@example.pl']) expect(raw).not.toContain(typed);
    const found = await call(app, 'GET', '/customers?q=Bożena');
    expect(found.body['hits']).toMatchObject([
      { customer: { firstName: 'Bożena', phones: ['+48603777888'] } },
    ]);
  });

  it('runs a till day: register, search, top up, place → accept → deliver → pay by deposit, complete unpaid, void', async () => {
    const marek = await register({ phone: '601 234 567', firstName: 'Marek', lastName: 'Nowak' });
    const ola = await register({ phone: '602 000 111', firstName: 'Ola' });

    const found = await call(app, 'GET', '/customers?q=4567');
    expect(found.body['hits']).toMatchObject([{ customerId: marek, matchedBy: 'phoneEnding' }]);
    expect((await call(app, 'GET', `/customers/${marek}`)).body).toMatchObject({
      profile: { firstName: 'Marek' },
    });

    const topUp = await call(app, 'POST', `/customers/${marek}/wallet/top-ups`, {
      amount: 3000,
      method: 'cash',
    });
    expect(topUp).toMatchObject({ status: 201, body: { balance: 3000, currency: 'EUR' } });

    const placed = await call(app, 'POST', '/orders', {
      customerId: marek,
      lines: [
        { productId: 'cola', quantity: 2, payWith: 'money' },
        { productId: 'chips', quantity: 1, payWith: 'money' },
      ],
      paymentMethod: 'deposit',
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body['orderId'] as string;
    expect((await call(app, 'POST', `/orders/${orderId}/accept`)).body).toMatchObject({
      order: { lifecycle: 'accepted' },
    });
    expect((await call(app, 'POST', `/orders/${orderId}/lines/1/deliver`)).status).toBe(200);
    const paid = await call(app, 'POST', `/orders/${orderId}/pay`, { method: 'deposit' });
    expect(paid.body).toMatchObject({ order: { lifecycle: 'paid' } });
    expect((await call(app, 'GET', `/customers/${marek}/wallet`)).body).toMatchObject({
      balance: 3000 - 699,
    });
    // The customer reads its own wallet through its own screen.
    expect((await call(app, 'GET', `/customers/${marek}/wallet`, undefined, customer(marek))).status).toBe(
      200,
    );

    const hers = await call(app, 'POST', '/orders', {
      customerId: ola,
      lines: [{ productId: 'chips', quantity: 1, payWith: 'money' }],
      paymentMethod: 'cash',
    });
    const second = hers.body['orderId'] as string;
    await call(app, 'POST', `/orders/${second}/accept`);
    expect((await call(app, 'POST', `/orders/${second}/complete`)).body).toMatchObject({
      order: { lifecycle: 'completed_unpaid' },
    });
    expect((await call(app, 'GET', `/customers/${ola}/wallet`)).body).toMatchObject({ debt: 199 });

    const third = (
      await call(app, 'POST', '/orders', {
        customerId: marek,
        lines: [{ productId: 'play-3h', quantity: 1, payWith: 'money' }],
        paymentMethod: 'deposit',
      })
    ).body['orderId'] as string;
    await call(app, 'POST', `/orders/${third}/accept`);
    await call(app, 'POST', `/orders/${third}/pay`, { method: 'deposit' });
    const voided = await call(app, 'POST', `/orders/${third}/void`, { reason: 'PC 7 broke down' });
    expect(voided.body).toMatchObject({ order: { lifecycle: 'voided' } });
    expect((await call(app, 'GET', `/customers/${marek}/wallet`)).body).toMatchObject({
      balance: 3000 - 699,
    });
    expect((await call(app, 'GET', `/orders/${third}`)).body).toMatchObject({ lifecycle: 'voided' });
  });

  it('answers a bad request with 4xx, the code and the message, and writes nothing', async () => {
    const holder = await register({ phone: '603 111 222' });
    const written = store.allEvents().length;
    const refusals: [
      number,
      string,
      Promise<{ status: number; body: { code?: string; message?: string } }>,
    ][] = [
      [
        400,
        'request.invalid',
        call(app, 'POST', '/customers', { phone: '603 111 223' }, { 'x-tenant-id': 'cafe' }),
      ],
      [
        400,
        'request.invalid',
        call(app, 'POST', `/customers/${holder}/wallet/top-ups`, { amount: '50', method: 'cash' }),
      ],
      [
        400,
        'request.invalid',
        call(app, 'POST', `/customers/${holder}/wallet/top-ups`, { amount: 0, method: 'cash' }),
      ],
      [
        400,
        'request.invalid',
        call(app, 'POST', '/orders', {
          customerId: holder,
          lines: [{ productId: 'cola', quantity: 1, payWith: 'money', price: 1 }],
          paymentMethod: 'cash',
        }),
      ],
      [400, 'phone.too_short', call(app, 'POST', '/customers', { phone: '12' })],
      [409, 'customer.phone_taken', call(app, 'POST', '/customers', { phone: '+48 603 111 222' })],
      [404, 'customer.not_found', call(app, 'GET', '/customers/nobody')],
      [404, 'order.not_found', call(app, 'POST', '/orders/nothing/accept')],
      [
        403,
        'wallet.forbidden',
        call(
          app,
          'POST',
          `/customers/${holder}/wallet/top-ups`,
          { amount: 500, method: 'cash' },
          customer(holder),
        ),
      ],
      [
        403,
        'customer.actor_not_allowed',
        call(app, 'GET', `/customers/${holder}`, undefined, customer('someone-else')),
      ],
    ];
    for (const [status, code, reply] of refusals) {
      const { status: got, body } = await reply;
      expect([got, body.code]).toEqual([status, code]);
      expect(body.message).toEqual(expect.any(String));
    }
    expect(store.allEvents()).toHaveLength(written);
  });

  it("shows a customer's screen its own record and orders, and nobody else's, nor the search or the board", async () => {
    const victim = await register({ phone: '605 111 222', firstName: 'Marek', lastName: 'Nowak' });
    const eve = await register({ phone: '605 333 444', firstName: 'Eve' });
    const orderOf = async (customerId: string) =>
      (
        await call(app, 'POST', '/orders', {
          customerId,
          note: 'table 4, allergy: nuts',
          lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
          paymentMethod: 'cash',
        })
      ).body['orderId'] as string;
    const [hisOrder, herOrder] = [await orderOf(victim), await orderOf(eve)];
    const asEve = customer(eve);
    const answers = await Promise.all(
      [
        `/customers/${eve}`,
        `/orders/${herOrder}`,
        `/customers/${victim}`,
        `/orders/${hisOrder}`,
        '/customers?q=Marek',
        '/order-board',
        '/order-board/events',
      ].map(async (url) => {
        const { status, body } = await call(app, 'GET', url, undefined, asEve);
        return [url, status, body.code ?? 'read'];
      }),
    );
    expect(answers).toEqual([
      [`/customers/${eve}`, 200, 'read'],
      [`/orders/${herOrder}`, 200, 'read'],
      [`/customers/${victim}`, 403, 'customer.actor_not_allowed'],
      [`/orders/${hisOrder}`, 403, 'order.forbidden'],
      ['/customers?q=Marek', 403, 'request.staff_only'],
      ['/order-board', 403, 'request.staff_only'],
      ['/order-board/events', 403, 'request.staff_only'],
    ]);
  });

  it('tells the cashier why a payment is refused: the balance and the amount', async () => {
    const poor = await register({ phone: '604 000 999' });
    const orderId = (
      await call(app, 'POST', '/orders', {
        customerId: poor,
        lines: [{ productId: 'play-3h', quantity: 1, payWith: 'money' }],
        paymentMethod: 'deposit',
      })
    ).body['orderId'] as string;
    await call(app, 'POST', `/orders/${orderId}/accept`);
    const refused = await call(app, 'POST', `/orders/${orderId}/pay`, { method: 'deposit' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ kind: 'domain', code: 'wallet.insufficient_balance' });
  });

  it('merges a duplicate customer: the preview shows what moves, the merge moves it', async () => {
    const survivor = await register({ phone: '605 100 100', firstName: 'Piotr' });
    const duplicate = await register({ card: '77001', firstName: 'Piotrek' });
    await call(app, 'POST', `/customers/${duplicate}/wallet/top-ups`, { amount: 500, method: 'card' });
    const request = { sourceCustomerId: duplicate, targetCustomerId: survivor };

    const preview = await call(app, 'POST', '/customers/merges/preview', request);
    expect(preview).toMatchObject({ status: 200, body: { wallet: { money: 500 }, blockers: [] } });
    const merged = await call(
      app,
      'POST',
      '/customers/merges',
      { ...request, reason: 'same person' },
      staff({ 'idempotency-key': 'merge-piotr' }),
    );
    expect(merged).toMatchObject({ status: 201, body: { mergeId: 'merge-piotr' } });

    expect((await call(app, 'GET', `/customers/${survivor}/wallet`)).body).toMatchObject({ balance: 500 });
    expect((await call(app, 'GET', `/customers/${duplicate}`)).body).toMatchObject({
      status: { kind: 'merged', survivorId: survivor },
    });
    const again = await call(app, 'POST', `/customers/${duplicate}/wallet/top-ups`, {
      amount: 100,
      method: 'cash',
    });
    expect([again.status, again.body.code]).toEqual([409, 'customer.merged']);
    const badChoice = await call(app, 'POST', '/customers/merges/preview', {
      ...request,
      choices: { firstName: 'both' },
    });
    expect([badChoice.status, badChoice.body.code]).toEqual([400, 'request.invalid']);
  });
});

/** Opens the board feed of shop "cafe", places an order once it is following, and returns what the feed said. */
const feedSeesNewOrder = async (app: FastifyInstance): Promise<{ text: string; orderId: string }> => {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const customerId = (await call(app, 'POST', '/customers', { phone: '606 555 444' })).body[
    'customerId'
  ] as string;
  let orderId = '';
  const text = await readEvents(
    `${address}/order-board/events`,
    staff(),
    (received) => orderId !== '' && received.includes(orderId),
    async () => {
      const placed = await call(app, 'POST', '/orders', {
        customerId,
        lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
        paymentMethod: 'cash',
      });
      orderId = placed.body['orderId'] as string;
    },
  );
  return { text, orderId };
};

describe('the order board feed (Server-Sent Events)', () => {
  it('sends the open orders, then every new order as it is placed', async () => {
    const app = await createPosServer({
      eventStore: inMemoryEventStore(),
      keys: inMemoryKeyStore(),
      tenantSecret,
      catalog: sampleMenu,
    });
    try {
      const { text, orderId } = await feedSeesNewOrder(app);
      expect(text).toMatch(/^event: snapshot\ndata: \{"placed":\[\],"accepted":\[\],"paid":\[\]\}\n\n/);
      expect(text).toContain(`event: upsert\ndata: {"type":"upsert","order":{"orderId":"${orderId}"`);
    } finally {
      await app.close();
    }
  });
});

describe('the POS server on EventStoreDB (EVENTSTORE_CONNECTION_STRING)', () => {
  let server: EventStoreDBTestServer;
  beforeAll(async () => {
    server = await startEventStoreDBTestServer();
  });
  afterAll(() => server.stop());

  it('writes to the store the environment names, and the board feed follows it live', async () => {
    const { eventStore, keys, close } = eventStoreFromEnvironment({
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
    });
    const app = await createPosServer({
      eventStore,
      keys,
      tenantSecret,
      catalog: sampleMenu,
      onClose: close,
    });
    try {
      const { text, orderId } = await feedSeesNewOrder(app);
      expect(text).toContain(`"orderId":"${orderId}"`);
      const stored = await eventStore.readAll({ maxCount: 100 });
      expect(stored.map((e) => e.type)).toContain('OrderPlaced');
      expect((await call(app, 'GET', `/orders/${orderId}`)).body).toMatchObject({ lifecycle: 'placed' });
    } finally {
      await app.close();
    }
  });
});

import type { OrderResult, PaymentMethod, RequestedLine } from '@tillstream/domain';
import type { FastifyInstance } from 'fastify';
import { send } from './httpErrors';
import { contextHeadersSchema, requestOf, type ContextHeaders } from './requestContext';
import type { ServerDeps } from './serverDeps';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const paymentMethod = { type: 'string', enum: ['cash', 'card', 'deposit'] } as const;

// Lines name products and quantities, never prices: prices come from the shop's catalogue.
const placeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'lines', 'paymentMethod'],
  properties: {
    orderId: id,
    customerId: id,
    paymentMethod,
    note: { type: 'string', maxLength: 500 },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['productId', 'quantity', 'payWith'],
        properties: {
          productId: id,
          quantity: { type: 'integer', minimum: 1, maximum: 1000 },
          payWith: { type: 'string', enum: ['money', 'points'] },
        },
      },
    },
  },
} as const;

interface PlaceBody {
  readonly orderId?: string;
  readonly customerId: string;
  readonly lines: readonly RequestedLine[];
  readonly paymentMethod: PaymentMethod;
  readonly note?: string;
}

type OrderRoute = { Headers: ContextHeaders; Params: { orderId: string } };

const shown = ({ orderId, order, idempotent }: OrderResult) => ({ orderId, order, idempotent });

/** Orders through their lifecycle: place, accept, deliver line by line, pay, complete (unpaid is debt), void. */
export const orderRoutes = (app: FastifyInstance, { till }: ServerDeps): void => {
  const target = (request: { headers: ContextHeaders; params: { orderId: string } }) => ({
    ...requestOf(request.headers),
    orderId: request.params.orderId,
  });
  const step = (path: string, run: (t: ReturnType<typeof target>) => ReturnType<typeof till.orders.accept>) =>
    app.post<OrderRoute>(
      `/orders/:orderId/${path}`,
      { schema: { headers: contextHeadersSchema } },
      async (request, reply) => send(reply, await run(target(request)), shown),
    );

  app.post<{ Headers: ContextHeaders; Body: PlaceBody }>(
    '/orders',
    { schema: { headers: contextHeadersSchema, body: placeSchema } },
    async (request, reply) =>
      send(reply, await till.orders.place({ ...requestOf(request.headers), ...request.body }), shown, 201),
  );

  app.get<OrderRoute>(
    '/orders/:orderId',
    { schema: { headers: contextHeadersSchema } },
    async (request, reply) => {
      const { tenantId, actor } = requestOf(request.headers);
      // With the actor the shop's rules decide: a customer's screen sees only its own orders.
      return send(reply, await till.orders.get(tenantId, request.params.orderId, actor));
    },
  );

  step('accept', (t) => till.orders.accept(t));
  step('complete', (t) => till.orders.complete(t));

  app.post<{ Headers: ContextHeaders; Params: { orderId: string; lineId: string } }>(
    '/orders/:orderId/lines/:lineId/deliver',
    { schema: { headers: contextHeadersSchema } },
    async (request, reply) =>
      send(reply, await till.orders.deliver({ ...target(request), lineId: request.params.lineId }), shown),
  );

  app.post<OrderRoute & { Body: { method: PaymentMethod } }>(
    '/orders/:orderId/pay',
    {
      schema: {
        headers: contextHeadersSchema,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['method'],
          properties: { method: paymentMethod },
        },
      },
    },
    async (request, reply) =>
      send(reply, await till.orders.pay({ ...target(request), method: request.body.method }), shown),
  );

  app.post<OrderRoute & { Body: { reason: string } }>(
    '/orders/:orderId/void',
    {
      schema: {
        headers: contextHeadersSchema,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
        },
      },
    },
    async (request, reply) =>
      send(reply, await till.orders.void({ ...target(request), reason: request.body.reason }), shown),
  );
};

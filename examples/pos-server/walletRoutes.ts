import type { FastifyInstance } from 'fastify';
import { send } from './httpErrors';
import { contextHeadersSchema, requestOf, type ContextHeaders } from './requestContext';
import type { ServerDeps } from './serverDeps';

interface TopUpBody {
  readonly amount: number;
  readonly method: 'cash' | 'card';
}

/** A customer's wallet: money in at the till, and the balance (money, points and debt side by side). */
export const walletRoutes = (app: FastifyInstance, { till }: ServerDeps): void => {
  app.post<{ Headers: ContextHeaders; Params: { customerId: string }; Body: TopUpBody }>(
    '/customers/:customerId/wallet/top-ups',
    {
      schema: {
        headers: contextHeadersSchema,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['amount', 'method'],
          properties: {
            // Minor units (cents): money is never a float.
            amount: { type: 'integer', minimum: 1 },
            method: { type: 'string', enum: ['cash', 'card'] },
          },
        },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await till.wallets.topUp({
          ...requestOf(request.headers),
          customerId: request.params.customerId,
          amount: request.body.amount,
          method: request.body.method,
        }),
        (done) => done.wallet,
        201,
      ),
  );

  app.get<{ Headers: ContextHeaders; Params: { customerId: string } }>(
    '/customers/:customerId/wallet',
    { schema: { headers: contextHeadersSchema } },
    async (request, reply) => {
      const { tenantId, actor } = requestOf(request.headers);
      // With the actor: a customer may read only its own wallet.
      return send(reply, await till.wallets.get(tenantId, request.params.customerId, actor));
    },
  );
};

import type { BoardChange } from '@tillstream/projections';
import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/Either';
import { send } from './httpErrors';
import { contextHeadersSchema, staffOnly, type ContextHeaders } from './requestContext';
import type { ServerDeps } from './serverDeps';

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * The operators' order board: the open orders now, and a Server-Sent Events feed of every change.
 * The board is a projection the runner keeps following the store, so a change made by any
 * server over the same store reaches every screen. It shows every customer's orders, so it is
 * staff's alone: a customer's screen reads its own orders one by one (`GET /orders/:orderId`).
 */
export const orderBoardRoutes = (app: FastifyInstance, { board }: ServerDeps): void => {
  const feeds = new Set<AsyncIterableIterator<BoardChange>>();
  // Open feeds never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    await Promise.all([...feeds].map((feed) => feed.return?.()));
  });

  app.get<{ Headers: ContextHeaders }>(
    '/order-board',
    { schema: { headers: contextHeadersSchema } },
    async (request, reply) => {
      const allowed = staffOnly(request.headers, 'the order board');
      return E.isLeft(allowed)
        ? send(reply, allowed)
        : board.model().openOrders(request.headers['x-tenant-id']);
    },
  );

  app.get<{ Headers: ContextHeaders }>(
    '/order-board/events',
    { schema: { headers: contextHeadersSchema } },
    async (request, reply) => {
      const allowed = staffOnly(request.headers, 'the order board');
      if (E.isLeft(allowed)) return send(reply, allowed);
      const tenantId = request.headers['x-tenant-id'];
      // Follow first, then take the snapshot: no change can fall between the two.
      const changes = board.model().follow(tenantId);
      feeds.add(changes);
      request.raw.on('close', () => void changes.return?.());
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      reply.raw.write(event('snapshot', board.model().openOrders(tenantId)));
      try {
        for await (const change of changes) reply.raw.write(event(change.type, change));
      } catch {
        // A screen too far behind was dropped by the board: it reconnects and gets a fresh snapshot.
        reply.raw.write(event('reload', {}));
      } finally {
        feeds.delete(changes);
        reply.raw.end();
      }
    },
  );
};

import {
  createTillstream,
  type Catalog,
  type EventStore,
  type KeyStore,
  type Tillstream,
} from '@tillstream/domain';
import {
  createProjectionRunner,
  customerSearchProjection,
  defaultCustomerSearchPolicy,
  domainIdentifierReaders,
  inMemoryCheckpointStore,
  orderBoardProjection,
} from '@tillstream/projections';
import Fastify, { type FastifyInstance } from 'fastify';
import { customerRoutes } from './customerRoutes';
import { errorHandler } from './httpErrors';
import { orderBoardRoutes } from './orderBoardRoutes';
import { orderRoutes } from './orderRoutes';
import { walletRoutes } from './walletRoutes';

/** What the server is built from; everything but the catalogue has a default. */
export interface PosServerOptions {
  readonly eventStore: EventStore;
  /** Customers' data keys: personal fields are encrypted in events and erased by forgetting. */
  readonly keys: KeyStore;
  /** Each shop's secret for identifier hashes (reservation stream names). */
  readonly tenantSecret: (tenantId: string) => string;
  /** The shops' products and prices: the backend's own product database behind the `Catalog` port. */
  readonly catalog: Catalog;
  /** Called when the server closes, after the runners stop (e.g. to close the store's connection). */
  readonly onClose?: () => Promise<void>;
  readonly logger?: boolean;
}

/** A POS backend's HTTP API over one tillstream: customers, wallets, orders and the order board feed. */
export const createPosServer = async (options: PosServerOptions): Promise<FastifyInstance> => {
  // One library object for the whole process, shared by every request and every shop.
  const till: Tillstream = createTillstream({
    eventStore: options.eventStore,
    keys: options.keys,
    tenantSecret: options.tenantSecret,
    catalog: options.catalog,
    policy: { customer: { defaultCountry: 'PL' } },
  });

  // Read models live in memory here, so each start rebuilds them from the log and then follows it.
  const search = createProjectionRunner({
    store: till.eventStore,
    checkpoints: inMemoryCheckpointStore(),
    projection: customerSearchProjection({
      policyFor: (tenantId) => ({
        ...defaultCustomerSearchPolicy,
        ...(till.policyFor(tenantId).customer.defaultCountry === undefined
          ? {}
          : { defaultCountry: till.policyFor(tenantId).customer.defaultCountry }),
      }),
      readers: domainIdentifierReaders,
    }),
  });
  const board = createProjectionRunner({
    store: till.eventStore,
    checkpoints: inMemoryCheckpointStore(),
    projection: orderBoardProjection(),
  });
  await Promise.all([search.start(), board.start()]);
  await Promise.all([search.waitFor(), board.waitFor()]);

  const app = Fastify({
    logger: options.logger ?? false,
    // Board feeds keep their connections open; on shutdown they are cut, and screens reconnect
    // (to this server restarted, or another) and take a fresh snapshot.
    forceCloseConnections: true,
    // Refuse what the schemas do not allow instead of quietly dropping or converting it: an unknown
    // field (a line carrying its own price) or "5" for an amount is a bad request.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });
  // Positions and revisions are bigints; JSON carries them as decimal strings.
  app.setReplySerializer((payload) =>
    JSON.stringify(payload, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
  );
  app.setErrorHandler(errorHandler);
  app.addHook('onClose', async () => {
    await Promise.all([search.stop(), board.stop()]);
    await options.onClose?.();
  });

  const deps = { till, search, board };
  customerRoutes(app, deps);
  walletRoutes(app, deps);
  orderRoutes(app, deps);
  orderBoardRoutes(app, deps);
  return app;
};

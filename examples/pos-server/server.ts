// A POS backend embedding tillstream: `npm run build`, then
//   npx ts-node examples/pos-server/server.ts                 (in-memory store)
//   EVENTSTORE_CONNECTION_STRING="esdb://localhost:2113?tls=false" npx ts-node examples/pos-server/server.ts
// Every shop sells the sample café menu; a real backend plugs its product database into `Catalog`.
import { sampleCatalogItems, type Catalog } from '@tillstream/domain';
import { eventStoreFromEnvironment, tenantSecretFromEnvironment } from './eventStoreFromEnvironment';
import { createPosServer } from './posServer';

/** The sample café menu, for every shop. */
export const sampleMenu: Catalog = {
  find: async (_tenantId, productId) => sampleCatalogItems.find((item) => item.productId === productId),
};

/** Starts the server on `PORT` (3000) with the store the environment names. */
export const main = async (env: NodeJS.ProcessEnv = process.env) => {
  const { eventStore, keys, close, description } = eventStoreFromEnvironment(env);
  const app = await createPosServer({
    eventStore,
    keys,
    tenantSecret: tenantSecretFromEnvironment(env),
    catalog: sampleMenu,
    onClose: close,
    logger: true,
  });
  const address = await app.listen({ port: Number(env['PORT'] ?? 3000), host: env['HOST'] ?? '127.0.0.1' });
  app.log.info(`tillstream POS server on ${address}, events in ${description}`);
  const shutdown = () => void app.close();
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return app;
};

if (require.main === module) void main();

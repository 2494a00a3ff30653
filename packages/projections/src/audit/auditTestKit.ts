import {
  createTillstream,
  inMemoryEventStore,
  sampleCatalog,
  type StoredEvent,
  type Tillstream,
} from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { createProjectionRunner, inMemoryCheckpointStore } from '../runner';
import { auditTrailProjection, type AuditTrail, type AuditTrailOptions } from './auditTrail';

/** Test support: the café's operator. */
export const op = { tenantId: 'cafe', actor: { role: 'operator', id: 'kasia' } } as const;

/** Test support: the value of a facade call that must succeed. */
export const right = <A>(result: E.Either<Error, A>): A => {
  if (E.isLeft(result)) throw result.left;
  return result.right;
};

/** Test support: a café on the real facades, with its store's log at hand. */
export const cafe = () => {
  const store = inMemoryEventStore();
  const till: Tillstream = createTillstream({
    eventStore: store,
    keys: false,
    catalog: sampleCatalog('cafe'),
  });
  return {
    till,
    log: (): readonly StoredEvent[] => store.allEvents(),
    customer: async (card: string) => right(await till.customers.register(op, { card })).customerId,
    /** An accepted order of 4 colas (1000) or a 3-hour play (900), to pay by `paymentMethod`. */
    acceptedOrder: async (
      customerId: string,
      product: 'cola' | 'play-3h',
      paymentMethod: 'cash' | 'deposit',
    ) => {
      const { orderId } = right(
        await till.orders.place({
          ...op,
          customerId,
          paymentMethod,
          lines: [{ productId: product, quantity: product === 'cola' ? 4 : 1, payWith: 'money' }],
        }),
      );
      right(await till.orders.accept({ ...op, orderId }));
      return orderId;
    },
  };
};

/** Test support: replays a log (as stored, or tampered with) through a fresh audit trail. */
export const audit = async (
  log: readonly StoredEvent[],
  options: AuditTrailOptions = {},
): Promise<AuditTrail> => {
  const store = inMemoryEventStore();
  for (const { eventId, type, data, metadata, streamName } of log) {
    const appended = await store.appendToStream(streamName, [{ eventId, type, data, metadata }], {
      expectedRevision: 'any',
    });
    if (E.isLeft(appended)) throw appended.left;
  }
  const runner = createProjectionRunner({
    store,
    checkpoints: inMemoryCheckpointStore(),
    projection: auditTrailProjection(options),
  });
  await runner.start();
  await runner.waitFor();
  await runner.stop();
  return runner.model();
};

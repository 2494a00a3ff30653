import * as E from 'fp-ts/Either';
import {
  createTillstream,
  defaultMergePolicy,
  inMemoryCatalog,
  inMemoryEventStore,
  inMemoryKeyStore,
  manualClock,
  mergeFacade,
  personalDataStore,
  privacyFacade,
  sampleCatalogItems,
  seededIds,
  shopPolicy,
  type Event,
  type EventStore,
} from '@tillstream/domain';
import { createProjectionRunner, inMemoryCheckpointStore, type Projection } from '../runner';

/** The tenant of every shop-level test. */
export const SHOP = 'shop1';
/** Its reservation secret. */
export const SHOP_SECRET = 'secret-of-shop1';
/** The operator at the till. */
export const operator = { role: 'operator' as const, id: 'till-1' };

/** Test support: the unwrapped value of a facade call, or the refusal thrown. */
export const right = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

/**
 * Test support: a Russian shop run through the real facades (customers, wallets, orders, merges,
 * privacy) on one store that seals personal data, as a deployed shop's does.
 */
export const shop = () => {
  const keys = inMemoryKeyStore();
  const eventStore = personalDataStore(inMemoryEventStore(), { keys });
  const clock = manualClock('2026-03-01T10:00:00Z');
  const ids = seededIds('projections-shop');
  const settings = { customer: { defaultCountry: 'RU' as const }, wallet: { currency: 'RUB' } };
  const tenantSecret = () => SHOP_SECRET;
  const ts = createTillstream({
    eventStore,
    clock,
    ids,
    policy: settings,
    tenantSecret,
    catalog: inMemoryCatalog({ [SHOP]: sampleCatalogItems }),
  });
  const policy = shopPolicy(settings);
  const merges = mergeFacade({
    store: eventStore,
    clock,
    ids,
    policyFor: () => ({ ...defaultMergePolicy, customer: policy.customer, wallet: policy.wallet }),
    tenantSecret,
  });
  const privacy = privacyFacade({
    store: eventStore,
    keys,
    clock,
    ids,
    policyFor: () => policy.customer,
    tenantSecret,
  });
  return { ...ts, merges, privacy, clock, policy: policy.customer, secret: tenantSecret };
};

/** Test support: replays the whole log through a projection and returns its model. */
export const replay = async <M, Ev extends Event>(
  store: EventStore,
  projection: Projection<M, Ev>,
): Promise<M> => {
  const runner = createProjectionRunner({ store, checkpoints: inMemoryCheckpointStore(), projection });
  await runner.start();
  await runner.waitFor();
  await runner.stop();
  return runner.model();
};

import * as E from 'fp-ts/Either';
import { admission } from './customer/customerAdmission';
import { customersFacade, type CustomersFacade } from './customer/facade';
import type { CompanyRegistry } from './customer/companyRegistry';
import { defaultCustomerPolicy, type CustomerPolicy } from './customer/customerPolicy';
import { systemClock, type Clock } from './kernel/clock';
import type { TillstreamError } from './kernel/errors';
import type { EventStore } from './kernel/eventStore';
import { randomIds, type IdGenerator } from './kernel/ids';
import { stateCache } from './kernel/handleCommand';
import { inMemoryEventStore } from './kernel/inMemoryEventStore';
import { inMemoryCatalog, type Catalog } from './order/catalog';
import { ordersFacade, type OrdersFacade } from './order/facade';
import { defaultOrderPolicy, type OrderPolicy } from './order/orderPolicy';
import { mergeFacade, type MergeFacade } from './processes/merge/facade';
import type { MergePolicy } from './processes/merge/mergePolicy';
import { inMemoryKeyStore, type KeyStore } from './privacy/keyStore';
import { personalDataStore } from './privacy/personalDataStore';
import { privacyFacade, type PrivacyFacade } from './privacy/privacyFacade';
import { checkShopPolicy } from './shopPolicyChecks';
import { walletsFacade, type WalletsFacade } from './wallet/facade';
import { defaultWalletPolicy, type WalletPolicy } from './wallet/walletPolicy';

/** One shop's settings; anything left out takes the library's default. */
export interface ShopSettings {
  readonly customer?: Partial<CustomerPolicy>;
  readonly wallet?: Partial<WalletPolicy>;
  /** Order rules; their wallet part is always the shop's wallet policy. */
  readonly order?: Partial<Omit<OrderPolicy, 'wallet'>>;
  /** Merge rules; their customer and wallet parts are always the shop's. */
  readonly merge?: Partial<Pick<MergePolicy, 'requireManager'>>;
}

/** One shop's complete policy, every context's part filled in. */
export interface ShopPolicy {
  readonly customer: CustomerPolicy;
  readonly wallet: WalletPolicy;
  readonly order: OrderPolicy;
  readonly merge: MergePolicy;
}

/** What `createTillstream` needs; only what differs from the defaults must be given. */
export interface TillstreamOptions {
  /** Where events go; the embedded in-memory store when omitted. */
  readonly eventStore?: EventStore;
  /**
   * Holds each customer's data key: personal fields are encrypted in events and a forgotten
   * customer's key is destroyed (docs/privacy.md). Defaults to an in-memory key store only
   * with the default in-memory event store; with your own event store, pass a durable key
   * store (e.g. `eventStoreDBKeyStore`) or `false` to keep personal fields in clear — a key
   * store that forgets its keys on restart would make every customer unreadable.
   */
  readonly keys?: KeyStore | false;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /**
   * Settings for every shop, or per shop (tenant id). Out-of-range settings (e.g. a fractional
   * `wallet.earning.pointsPerUnit`) throw a `ValidationError` (`policy.invalid`, naming the setting
   * and value): fixed settings when `createTillstream` runs, per-shop ones from that shop's calls.
   */
  readonly policy?: ShopSettings | ((tenantId: string) => ShopSettings);
  /**
   * The secret that keys each tenant's identifier hashes (reservation stream names). Keep it
   * stable: a changed secret makes held phones and cards look free (see docs/privacy.md). When
   * omitted the tenant id is used, which hides values from stream names but is guessable.
   */
  readonly tenantSecret?: (tenantId: string) => string;
  /** A company registry (e.g. Poland's GUS) for registration by tax id. */
  readonly companyRegistry?: CompanyRegistry;
  /** What the shops sell, with prices: orders take prices only from here. Empty when omitted. */
  readonly catalog?: Catalog;
  /**
   * How many streams' folded states to keep between commands, least recently used forgotten
   * first, so a command on a long stream reads only the events appended since (default 10,000;
   * 0 turns the cache off).
   */
  readonly stateCacheStreams?: number;
}

/** The library, wired: one object per backend, shared by every request and tenant. */
export interface Tillstream {
  /** The store every facade writes through (decrypting personal fields when keys are in use). */
  readonly eventStore: EventStore;
  readonly policyFor: (tenantId: string) => ShopPolicy;
  /** Customers and groups, plus merging duplicates (`previewMerge`, `merge`, `resolve`…). */
  readonly customers: CustomersFacade & MergeFacade;
  readonly wallets: WalletsFacade;
  readonly orders: OrdersFacade;
  /** Forgetting a customer and exporting its data; undefined when personal fields are kept in clear. */
  readonly privacy: PrivacyFacade | undefined;
}

/** Fills a shop's settings in with the defaults. */
export const shopPolicy = (settings: ShopSettings = {}): ShopPolicy => {
  const wallet = { ...defaultWalletPolicy, ...settings.wallet };
  const customer = { ...defaultCustomerPolicy, ...settings.customer };
  return {
    customer,
    wallet,
    order: { ...defaultOrderPolicy, ...settings.order, wallet },
    merge: { requireManager: settings.merge?.requireManager ?? false, customer, wallet },
  };
};

/** Builds the library over one event store: customers, wallets and orders, one import away. */
export const createTillstream = (options: TillstreamOptions = {}): Tillstream => {
  const keys = options.keys ?? (options.eventStore === undefined ? inMemoryKeyStore() : false);
  const rawStore = options.eventStore ?? inMemoryEventStore();
  const eventStore = keys === false ? rawStore : personalDataStore(rawStore, { keys });
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const settings = options.policy;
  // A shop whose settings are out of range (a fractional points rate, an unknown payment method)
  // must not run on them: a fixed policy is refused here, a per-shop one when that shop is first used.
  const checkedPolicy = (tenantId: string, given: ShopSettings | undefined): ShopPolicy => {
    const checked = checkShopPolicy(tenantId, shopPolicy(given));
    if (E.isLeft(checked)) throw checked.left;
    return checked.right;
  };
  // Settings are values: each settings object is filled in and checked once, not on every call.
  const checkedSettings = new WeakMap<ShopSettings, ShopPolicy>();
  const fixed = typeof settings === 'function' ? undefined : checkedPolicy('*', settings);
  const policyFor = (tenantId: string): ShopPolicy => {
    if (fixed !== undefined) return fixed;
    const given = (settings as (tenantId: string) => ShopSettings)(tenantId);
    let policy = checkedSettings.get(given);
    if (policy === undefined) checkedSettings.set(given, (policy = checkedPolicy(tenantId, given)));
    return policy;
  };
  const tenantSecret = options.tenantSecret ?? ((tenantId: string) => tenantId);
  // Safe to share: every decider's evolve returns new states and never changes the one it is given.
  const cacheStreams = options.stateCacheStreams ?? 10_000;
  const cache = cacheStreams > 0 ? { cache: stateCache({ maxStreams: cacheStreams }) } : {};
  const shared = { store: eventStore, clock, ids, ...cache };

  const customers = customersFacade({
    ...shared,
    policyFor: (tenantId) => policyFor(tenantId).customer,
    tenantSecret,
    ...(options.companyRegistry === undefined ? {} : { companyRegistry: options.companyRegistry }),
  });

  // Wallets and orders belong to live customers: money or debt never lands on a missing, merged-away or erased account.
  const admit = async (tenantId: string, customerId: string): Promise<E.Either<TillstreamError, void>> => {
    const customer = await customers.get(tenantId, customerId);
    if (E.isLeft(customer)) return customer;
    return E.map(() => undefined)(admission(customerId, customer.right));
  };

  const wallets = walletsFacade({
    ...shared,
    policyFor: (tenantId) => policyFor(tenantId).wallet,
    tenantSecret,
    admit,
  });

  const orders = ordersFacade({
    ...shared,
    catalog: options.catalog ?? inMemoryCatalog({}),
    policyFor: (tenantId) => policyFor(tenantId).order,
    customers,
    admit,
    admittedModifiers: customers.admittedModifiers,
  });

  const merges = mergeFacade({
    ...shared,
    policyFor: (tenantId) => policyFor(tenantId).merge,
    tenantSecret,
  });

  const privacy =
    keys === false
      ? undefined
      : privacyFacade({
          ...shared,
          keys,
          policyFor: (tenantId) => policyFor(tenantId).customer,
          tenantSecret,
        });

  return { eventStore, policyFor, customers: { ...customers, ...merges }, wallets, orders, privacy };
};

import * as E from 'fp-ts/Either';
import { defaultCustomerPolicy, type CustomerPolicy } from '../customer/customerPolicy';
import { customersFacade } from '../customer/facade';
import { manualClock } from '../kernel/clock';
import type { Role } from '../kernel/envelope';
import { seededIds } from '../kernel/ids';
import { inMemoryEventStore } from '../kernel/inMemoryEventStore';
import { mergeFacade, type MergeFacade } from '../processes/merge/facade';
import { defaultMergePolicy } from '../processes/merge/mergePolicy';
import { cachedKeyStore } from './cachedKeyStore';
import { inMemoryKeyStore } from './keyStore';
import { personalDataStore } from './personalDataStore';
import { privacyFacade } from './privacyFacade';

/** The tenant of the privacy tests. */
export const TENANT = 'shop1';

/** A shop whose raw log, keys, and facades over the personal-data store a test can look into. */
export const privateShop = (policy: Partial<CustomerPolicy> = {}) => {
  const raw = inMemoryEventStore();
  // Cached, as a production wiring would be: every forget test also proves the cache never serves a destroyed key.
  const keys = cachedKeyStore(inMemoryKeyStore());
  const store = personalDataStore(raw, { keys });
  const clock = manualClock('2026-03-01T10:00:00Z');
  const deps = {
    store,
    clock,
    ids: seededIds('privacy'),
    policyFor: (): CustomerPolicy => ({ ...defaultCustomerPolicy, defaultCountry: 'RU', ...policy }),
    tenantSecret: () => 'privacy-test-secret',
  };
  return {
    raw,
    keys,
    store,
    clock,
    customers: customersFacade(deps),
    privacy: privacyFacade({ ...deps, keys }),
  };
};

/** The merge facade over a private shop, with the shop's country and tenant secret. */
export const mergesOf = (shop: ReturnType<typeof privateShop>): MergeFacade =>
  mergeFacade({
    store: shop.store,
    clock: shop.clock,
    ids: seededIds('merge'),
    policyFor: () => ({
      ...defaultMergePolicy,
      customer: { ...defaultCustomerPolicy, defaultCountry: 'RU' },
    }),
    tenantSecret: () => 'privacy-test-secret',
  });

/** Who acts, in the test tenant. */
export const as = (role: Role, id = `${role}-1`) => ({ tenantId: TENANT, actor: { role, id } });

/** The value of a Right; throws the Left. */
export const right = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

/** The error of a Left, with its code. */
export const left = <A>(either: E.Either<Error & { readonly code?: string }, A>) => {
  if (E.isRight(either)) throw new Error(`expected a refusal, got ${JSON.stringify(either.right)}`);
  return either.left as Error & { readonly code: string };
};

/** Anything as text, bigints included, to search for bytes of a value. */
export const serialised = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** Annushka Smirnova's data, and the ways its pieces could be spelled in a log (none short enough to turn up in base64 by chance). */
export const anna = {
  input: {
    phone: '8 916 123-45-67',
    card: '4242 7777 0001',
    firstName: 'Annushka',
    lastName: 'Smirnova',
    email: 'Annushka.Smirnova@example.ru',
    address: { street: 'Tverskaya', houseNumber: '12', postalCode: '125009', city: 'Moskva' },
    whatsApp: '+7 926 555-01-99',
    gender: 'female',
    comments: 'Prefers the corner table',
  },
  spellings: [
    '+79161234567',
    '79161234567',
    '89161234567',
    '9161234567',
    '916 123',
    '123-45-67',
    '1234567',
    '424277770001',
    '4242 7777',
    '77770001',
    'Annushka',
    'Smirnova',
    'annushka.smirnova@example.ru',
    'Smirnova@example',
    'example.ru',
    'Tverskaya',
    'tverskaya',
    '125009',
    'Moskva',
    '+79265550199',
    '9265550199',
    'corner table',
  ],
} as const;

/** The spellings of Annushka's data that occur in a text, whatever the case. */
export const leaks = (text: string): readonly string[] =>
  anna.spellings.filter((s) => text.toLowerCase().includes(s.toLowerCase()));

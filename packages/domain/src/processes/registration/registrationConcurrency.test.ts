import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { CustomerRegistered } from '../../customer/customerEvents';
import { defaultCustomerPolicy } from '../../customer/customerPolicy';
import { inMemoryEventStore, type InMemoryEventStore } from '../../kernel/inMemoryEventStore';
import { runCustomerCommand } from './customerProcess';
import { SECRET, card, holderOf, registration, ruPhone } from './testFixtures';

const phones = Array.from({ length: 20 }, (_, i) => ruPhone(`8 916 000-00-${String(i).padStart(2, '0')}`));
const cards = Array.from({ length: 20 }, (_, i) => card(`CARD-${i}`));

const race = async (store: InMemoryEventStore, cardIndex: (k: number) => number) => {
  const deps = { store, policy: defaultCustomerPolicy, tenantSecret: SECRET };
  return Promise.all(
    Array.from({ length: 200 }, (_, k) =>
      runCustomerCommand(
        deps,
        `c${k}`,
        registration(`c${k}`, `r${k}`, { phone: phones[k % 20]!, card: cards[cardIndex(k)]! }),
      ),
    ),
  );
};

const registeredProfiles = (store: InMemoryEventStore) =>
  store
    .allEvents()
    .filter((e) => e.type === 'CustomerRegistered')
    .map((e) => e.data as CustomerRegistered['data']);

/** Every value is held by at most one registered customer, and its reservation says exactly that. */
const expectOneHolderPerValueAndNoOrphans = async (store: InMemoryEventStore) => {
  const registered = registeredProfiles(store);
  for (const [kind, values, valueOf] of [
    ['phone', phones.map((p) => p.e164 as string), (c: CustomerRegistered['data']) => c.profile.phone?.e164],
    ['card', cards as string[], (c: CustomerRegistered['data']) => c.profile.card],
  ] as const) {
    for (const value of values) {
      const holders = registered.filter((c) => valueOf(c) === value).map((c) => c.customerId);
      expect(holders.length).toBeLessThanOrEqual(1);
      const reservation = await holderOf(store, kind, value);
      expect(reservation).toEqual(
        holders[0] === undefined
          ? { status: 'free' }
          : expect.objectContaining({ status: 'confirmed', holderId: holders[0] }),
      );
    }
  }
};

describe('registrations racing for the same phones and cards', () => {
  it('give each of 20 phones and 20 cards exactly one holder; the 180 others get the duplicate error', async () => {
    const store = inMemoryEventStore();
    // Phone i always comes with card (7i mod 20): whoever wins the phone can win its card.
    const results = await race(store, (k) => (7 * k) % 20);
    const winners = results.filter(E.isRight);
    const losers = results.filter(E.isLeft).map((r) => r.left);
    expect(winners).toHaveLength(20);
    expect(losers).toHaveLength(180);
    for (const error of losers) {
      expect(['customer.phone_taken', 'customer.card_taken']).toContain(error.code);
      expect(typeof error.details['holderId']).toBe('string');
    }
    const registered = registeredProfiles(store);
    expect(new Set(registered.map((c) => c.profile.phone?.e164)).size).toBe(20);
    expect(new Set(registered.map((c) => c.profile.card)).size).toBe(20);
    await expectOneHolderPerValueAndNoOrphans(store);
  });

  it('never share a value and leave no orphan when phones and cards come in crossing pairs', async () => {
    const store = inMemoryEventStore();
    const results = await race(store, (k) => (k + Math.floor(k / 20)) % 20);
    for (const result of results)
      if (E.isLeft(result))
        expect(['customer.phone_taken', 'customer.card_taken']).toContain(result.left.code);
    expect(results.filter(E.isRight).length).toBe(registeredProfiles(store).length);
    await expectOneHolderPerValueAndNoOrphans(store);
  });
});

// The customer context's registration race (packages/domain/src/processes/registration/
// registrationConcurrency.test.ts) on EventStoreDB: 200 registrations over 20 phones and 20 cards,
// through the public customers facade, the real client and the test server.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { customersFacade, defaultCustomerPolicy, randomIds, systemClock } from '@tillstream/domain';
import type { StoredEvent } from '@tillstream/domain';
import { startEventStoreDBTestServer } from '@tillstream/adapters/testing';
import type { EventStoreDBTestServer } from '@tillstream/adapters/testing';
import type { EventStoreDBEventStore } from './eventStoreDBEventStore';
import { createEventStoreDBEventStore } from './eventStoreDBEventStore';

// 200 concurrent processes of several round trips each over a socket; room for a loaded machine.
jest.setTimeout(30_000);

let server: EventStoreDBTestServer;
let store: EventStoreDBEventStore & { readonly close: () => Promise<void> };
beforeAll(async () => {
  server = await startEventStoreDBTestServer();
  store = createEventStoreDBEventStore({ connectionString: server.connectionString });
});
afterAll(async () => {
  await store.close();
  await server.stop();
});

const phones = Array.from({ length: 20 }, (_, i) => `+7 916 000-00-${String(i).padStart(2, '0')}`);
const cards = Array.from({ length: 20 }, (_, i) => `CARD-${i}`);

const race = async (tenantId: string, cardIndex: (k: number) => number) => {
  const customers = customersFacade({
    store,
    clock: systemClock,
    ids: randomIds,
    policyFor: () => defaultCustomerPolicy,
    tenantSecret: () => 'test-secret',
  });
  return Promise.all(
    Array.from({ length: 200 }, (_, k) =>
      customers.register(
        { tenantId, actor: { role: 'operator', id: 'op-1' }, commandId: `r${k}` },
        { customerId: `c${k}`, phone: phones[k % 20] as string, card: cards[cardIndex(k)] as string },
      ),
    ),
  );
};

const inStreams = (prefix: string) => store.readAll({ filter: { kind: 'streamPrefix', prefixes: [prefix] } });

interface Registered {
  readonly customerId: string;
  readonly profile: { readonly phone?: { readonly e164: string }; readonly card?: string };
}

const registeredProfiles = async (tenantId: string) =>
  (await inStreams(`customer-${tenantId}.`))
    .filter((e) => e.type === 'CustomerRegistered')
    .map((e) => e.data as Registered);

/** Each reservation stream folded to where it ended: who holds the value, and whether for good. */
const reservations = async (kind: string, tenantId: string) => {
  const last = new Map<string, StoredEvent>();
  for (const event of await inStreams(`unique-${kind}-${tenantId}.`)) last.set(event.streamName, event);
  return [...last.values()].map((e) => ({
    status: e.type,
    holderId: (e.data as { holderId: string }).holderId,
  }));
};

/**
 * Every value is held by at most one registered customer; every reservation ends released or
 * confirmed (no orphan); the confirmed ones are exactly the registered customers, one per value.
 */
const expectOneHolderPerValueAndNoOrphans = async (tenantId: string) => {
  const registered = await registeredProfiles(tenantId);
  const ids = registered.map((c) => c.customerId).sort();
  for (const [kind, valueOf] of [
    ['phone', (c: Registered) => c.profile.phone?.e164],
    ['card', (c: Registered) => c.profile.card],
  ] as const) {
    expect(new Set(registered.map(valueOf)).size).toBe(registered.length);
    const ended = await reservations(kind, tenantId);
    expect(ended.filter((r) => r.status === 'IdentifierReserved')).toEqual([]);
    const confirmed = ended.filter((r) => r.status === 'ReservationConfirmed').map((r) => r.holderId);
    expect(confirmed.sort()).toEqual(ids);
  }
};

const tenant = () => `shop_${Math.random().toString(36).slice(2, 10)}`;

describe('registrations racing for the same phones and cards on EventStoreDB', () => {
  it('give each of 20 phones and 20 cards exactly one holder; the 180 others get the duplicate error', async () => {
    const tenantId = tenant();
    // Phone i always comes with card (7i mod 20): whoever wins the phone can win its card.
    const results = await race(tenantId, (k) => (7 * k) % 20);
    const winners = results.filter(E.isRight);
    const losers = results.filter(E.isLeft).map((r) => r.left);
    expect(winners).toHaveLength(20);
    expect(losers).toHaveLength(180);
    for (const error of losers) {
      expect(['customer.phone_taken', 'customer.card_taken']).toContain(error.code);
      expect(typeof error.details['holderId']).toBe('string');
    }
    expect(await registeredProfiles(tenantId)).toHaveLength(20);
    await expectOneHolderPerValueAndNoOrphans(tenantId);
  });

  it('never share a value and leave no orphan when phones and cards come in crossing pairs', async () => {
    const tenantId = tenant();
    const results = await race(tenantId, (k) => (k + Math.floor(k / 20)) % 20);
    for (const result of results)
      if (E.isLeft(result))
        expect(['customer.phone_taken', 'customer.card_taken']).toContain(result.left.code);
    expect(results.filter(E.isRight).length).toBe((await registeredProfiles(tenantId)).length);
    await expectOneHolderPerValueAndNoOrphans(tenantId);
  });
});

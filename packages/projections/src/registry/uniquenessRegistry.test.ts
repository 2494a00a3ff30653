import { describe, expect, it } from '@jest/globals';
import {
  customerEvents,
  defaultPreferences,
  parsePhone,
  reservationEvents,
  reservationKey,
  type EventStore,
} from '@tillstream/domain';
import { appendEvent } from '../testing/appendEvent';
import { operator, replay, right, shop, SHOP, SHOP_SECRET } from '../testing/shop';
import { uniquenessRegistryProjection } from './uniquenessRegistryProjection';

const registryOf = (s: ReturnType<typeof shop>) =>
  replay(s.eventStore, uniquenessRegistryProjection({ secretFor: s.secret, policyFor: () => s.policy }));

/** A reservation written by hand, as a registration that died after claiming would leave it. */
const reserve = (store: EventStore, kind: string, value: string, holderId: string, reservedAt: string) =>
  appendEvent(
    store,
    reservationEvents,
    { category: `unique-${kind}`, tenantId: SHOP, id: reservationKey(SHOP_SECRET, kind, value) },
    { type: 'IdentifierReserved', data: { kind, holderId, reservedAt } },
  );

describe('uniqueness registry', () => {
  it('names the customer holding a phone, card, tax id and email, looked up as a person types them', async () => {
    const s = shop();
    const ctx = { tenantId: SHOP, actor: operator };
    const anna = right(
      await s.customers.register(ctx, {
        phone: '8 916 123-45-67',
        card: '555001',
        taxId: 'PL 123-456-32-18',
        email: 'Anna@Example.com',
      }),
    ).customerId;
    const registry = await registryOf(s);
    for (const [kind, typed] of [
      ['phone', '+7 (916) 123 45 67'],
      ['card', '555001'],
      ['taxid', 'PL1234563218'],
      ['email', 'anna@example.COM'],
    ] as const)
      expect(registry.holderOf(SHOP, kind, typed)).toMatchObject({
        holderId: anna,
        holder: 'live',
        status: 'confirmed',
      });
    expect(registry.holderOf(SHOP, 'phone', '8 916 000-00-00')).toBeUndefined();
    expect(
      registry
        .heldBy(SHOP, anna)
        .map((h) => h.kind)
        .sort(),
    ).toEqual(['card', 'email', 'phone', 'taxid']);
    expect(registry.check(SHOP)).toEqual([]);
  });

  it('follows a changed phone: the new number is held, the old one is free', async () => {
    const s = shop();
    const ctx = { tenantId: SHOP, actor: operator };
    const id = right(await s.customers.register(ctx, { phone: '89161234567' })).customerId;
    right(await s.customers.changePhone(ctx, id, '89037654321'));
    const registry = await registryOf(s);
    expect(registry.holderOf(SHOP, 'phone', '89037654321')?.holderId).toBe(id);
    expect(registry.holderOf(SHOP, 'phone', '89161234567')).toBeUndefined();
  });

  it('shows a reservation never confirmed as an orphan only once the shop’s grace period has passed', async () => {
    const s = shop();
    await reserve(s.eventStore, 'phone', '+79161234567', 'ghost', '2026-03-01T10:00:00.000Z');
    const registry = await registryOf(s);
    const graceEnds = Date.parse('2026-03-01T10:00:00.000Z') + s.policy.orphanGraceMs;
    expect(registry.orphans(SHOP, new Date(graceEnds - 1))).toEqual([]);
    expect(registry.orphans(SHOP, new Date(graceEnds))).toMatchObject([
      { kind: 'phone', holderId: 'ghost', holder: 'unknown', status: 'reserved' },
    ]);
    expect(registry.holderOf(SHOP, 'phone', '8 916 123 45 67')?.holderId).toBe('ghost');
  });

  it('does not count a confirmed reservation as an orphan, however old', async () => {
    const s = shop();
    right(await s.customers.register({ tenantId: SHOP, actor: operator }, { card: 'C-1' }));
    const registry = await registryOf(s);
    expect(registry.orphans(SHOP, new Date('2030-01-01T00:00:00Z'))).toEqual([]);
  });

  it('reports a phone held by two live customers, with the customer and reservation events behind it', async () => {
    const s = shop();
    const anna = right(
      await s.customers.register({ tenantId: SHOP, actor: operator }, { phone: '89161234567' }),
    ).customerId;
    // Tampered: a second customer written straight to its stream with Anna's phone, no reservation.
    await appendEvent(
      s.eventStore,
      customerEvents,
      { category: 'customer', tenantId: SHOP, id: 'intruder' },
      {
        type: 'CustomerRegistered',
        data: {
          customerId: 'intruder',
          profile: {
            phone: right(parsePhone('89161234567', { defaultCountry: 'RU' })),
            preferences: defaultPreferences,
          },
        },
      },
    );
    const [violation, ...rest] = (await registryOf(s)).check(SHOP);
    expect(rest).toEqual([]);
    expect(violation?.rule).toBe('identifier.held_by_two_live_customers');
    expect(violation?.message).toContain(`phone number with reservation key`);
    expect(violation?.message).toContain(`${anna}, intruder`);
    expect(violation?.message).not.toContain('9161234567');
    expect(violation?.events.map((e) => [e.streamName.split('.')[0], e.type])).toEqual([
      ['unique-phone-shop1', 'IdentifierReserved'],
      ['customer-shop1', 'CustomerRegistered'],
      ['unique-phone-shop1', 'ReservationConfirmed'],
      ['customer-shop1', 'CustomerRegistered'],
    ]);
  });

  it('lets two customers share a tax id when the shop does not make it unique', async () => {
    const s = shop();
    const ctx = { tenantId: SHOP, actor: operator };
    right(await s.customers.register(ctx, { card: 'C-1', taxId: 'PL 123-456-32-18' }));
    right(await s.customers.register(ctx, { card: 'C-2', taxId: 'PL 123-456-32-18' }));
    expect((await registryOf(s)).check(SHOP)).toEqual([]);
  });

  it('hashes profile values only when a check reads them, under the shop’s policy of that moment', async () => {
    const s = shop();
    const ctx = { tenantId: SHOP, actor: operator };
    right(await s.customers.register(ctx, { card: 'C-1', email: 'anna@example.com' }));
    right(await s.customers.register(ctx, { card: 'C-2', email: 'Anna@Example.com' }));
    const asked: string[] = [];
    let uniqueEmail = false;
    const registry = await replay(
      s.eventStore,
      uniquenessRegistryProjection({
        secretFor: (tenantId) => {
          asked.push(tenantId);
          return s.secret();
        },
        policyFor: () => ({ ...s.policy, uniqueEmail }),
      }),
    );
    // Replaying the log hashed nothing: the secret is first asked for by the check.
    expect(asked).toEqual([]);
    expect(registry.check(SHOP)).toEqual([]);
    expect(asked).toEqual([SHOP]);
    uniqueEmail = true;
    const [violation, ...rest] = registry.check(SHOP);
    expect(rest).toEqual([]);
    expect(violation?.message).toContain(
      `email address with reservation key ${reservationKey(SHOP_SECRET, 'email', 'anna@example.com')}`,
    );
    expect(registry.check(SHOP)).toEqual([violation]);
  });
});

describe('uniqueness registry and a forgotten customer', () => {
  it('names a forgotten customer as the holder of nothing: its values are free again', async () => {
    const s = shop();
    const anna = right(
      await s.customers.register(
        { tenantId: SHOP, actor: operator },
        { phone: '8 916 123-45-67', card: '555001' },
      ),
    ).customerId;
    right(
      await s.privacy.forget({ tenantId: SHOP, actor: { role: 'manager', id: 'mgr-1' } }, anna, 'GDPR-17'),
    );
    const registry = await registryOf(s);
    expect(registry.heldBy(SHOP, anna)).toEqual([]);
    expect(registry.holderOf(SHOP, 'phone', '8 916 123-45-67')).toBeUndefined();
    expect(registry.holderOf(SHOP, 'card', '555001')).toBeUndefined();
    expect(registry.check(SHOP)).toEqual([]);
  });

  it('shows a reservation a forgotten customer still holds (an interrupted erasure) as held by a forgotten holder', async () => {
    const s = shop();
    const id = 'ghost-of-anna';
    await reserve(s.eventStore, 'phone', '+79161234567', id, '2026-03-01T10:00:00.000Z');
    await appendEvent(
      s.eventStore,
      customerEvents,
      { category: 'customer', tenantId: SHOP, id },
      {
        type: 'CustomerForgotten',
        data: {
          requestReference: 'GDPR-18',
          forgottenBy: { role: 'manager', id: 'mgr-1' },
          forgottenAt: '2026-03-01T10:05:00.000Z',
        },
      },
    );
    const registry = await registryOf(s);
    expect(registry.holderOf(SHOP, 'phone', '89161234567')?.holder).toBe('forgotten');
  });
});

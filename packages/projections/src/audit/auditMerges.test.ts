import { describe, expect, it } from '@jest/globals';
import { customerEvents, parsePhone } from '@tillstream/domain';
import { appendEvent } from '../testing/appendEvent';
import { operator, replay, right, shop, SHOP } from '../testing/shop';
import { auditTrailProjection } from './auditTrail';

const manager = { role: 'manager' as const, id: 'mgr-1' };

/** Two records of one person: the source has a phone, money, an open order; the target a card. */
const duplicates = async () => {
  const s = shop();
  const ctx = { tenantId: SHOP, actor: operator };
  const source = right(
    await s.customers.register(ctx, { phone: '8 916 123-45-67', firstName: 'Анна' }),
  ).customerId;
  const target = right(await s.customers.register(ctx, { card: 'C-77', firstName: 'Anna' })).customerId;
  right(await s.wallets.topUp({ ...ctx, customerId: source, amount: 5_000, method: 'cash' }));
  const { orderId } = right(
    await s.orders.place({
      ...ctx,
      customerId: source,
      lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
      paymentMethod: 'cash',
    }),
  );
  s.clock.advance(60_000);
  right(
    await s.merges.merge({
      tenantId: SHOP,
      actor: manager,
      sourceCustomerId: source,
      targetCustomerId: target,
      choices: { phone: 'source' },
      reason: 'same person, registered twice',
      mergeId: 'm1',
    }),
  );
  return { s, source, target, orderId };
};

const auditOf = (s: ReturnType<typeof shop>) =>
  replay(
    s.eventStore,
    auditTrailProjection({ identifiers: { secretFor: s.secret, policyFor: () => s.policy } }),
  );

describe('audit trail: merges and identifiers', () => {
  it('records a merge: who asked, when, why, and the orders, money and identifiers it moved', async () => {
    const { s, source, target, orderId } = await duplicates();
    const trail = await auditOf(s);
    const [merge, ...others] = trail.merges(SHOP);
    expect(others).toEqual([]);
    expect(merge).toMatchObject({
      mergeId: 'm1',
      sourceCustomerId: source,
      targetCustomerId: target,
      requestedBy: manager,
      requestedAt: '2026-03-01T10:01:00.000Z',
      reason: 'same person, registered twice',
      status: 'completed',
      orders: [{ orderId, moved: true }],
      wallet: { money: 5_000, currency: 'RUB' },
    });
    expect(merge?.identifiers?.kept.map((k) => k.kind)).toEqual(['phone']);
    expect(merge?.events[0]?.streamName).toBe('merge-shop1.m1');
    const lines = trail
      .entries(SHOP)
      .filter((e) => e.event.streamName === 'merge-shop1.m1')
      .map((e) => e.summary);
    expect(lines[0]).toBe(
      `merge m1 of ${source} into ${target} requested by manager mgr-1: same person, registered twice`,
    );
    expect(lines).toContain(
      `merge m1 of ${source} into ${target}: wallet moved 5000 RUB, 0 points in 0 lots (0 expired), 0 debt`,
    );
    expect(lines[lines.length - 1]).toBe(`merge m1 of ${source} into ${target} completed`);
    // The phone passed to the survivor, the source is closed: nobody holds a value twice.
    expect(trail.violations(SHOP)).toEqual([]);
  });

  it('reports a phone given to a second live customer behind the registry’s back, with the events behind it', async () => {
    const { s, target } = await duplicates();
    const other = right(
      await s.customers.register({ tenantId: SHOP, actor: operator }, { card: 'C-88' }),
    ).customerId;
    const phone = right(parsePhone('89161234567', { defaultCountry: 'RU' }));
    await appendEvent(
      s.eventStore,
      customerEvents,
      { category: 'customer', tenantId: SHOP, id: other },
      { type: 'CustomerPhoneChanged', data: { phone } },
    );
    const [violation, ...rest] = (await auditOf(s)).violations(SHOP);
    expect(rest).toEqual([]);
    expect(violation?.rule).toBe('identifier.held_by_two_live_customers');
    expect(violation?.message).toContain([target, other].sort().join(', '));
    const behind = violation?.events.map((e) => `${e.type} ${e.streamName.split('.')[0]}`);
    // The survivor's profile change and its hand-over of the reservation, then the tampered event.
    expect(behind).toContain('CustomerPhoneChanged customer-shop1');
    expect(behind).toContain('ReservationConfirmed unique-phone-shop1');
    expect(violation?.events[violation.events.length - 1]?.streamName).toBe(`customer-shop1.${other}`);
  });

  it('skips the identifier rule when no secret is given, and still records merges', async () => {
    const { s } = await duplicates();
    const other = right(
      await s.customers.register({ tenantId: SHOP, actor: operator }, { card: 'C-88' }),
    ).customerId;
    await appendEvent(
      s.eventStore,
      customerEvents,
      { category: 'customer', tenantId: SHOP, id: other },
      {
        type: 'CustomerPhoneChanged',
        data: { phone: right(parsePhone('89161234567', { defaultCountry: 'RU' })) },
      },
    );
    const trail = await replay(s.eventStore, auditTrailProjection());
    expect(trail.violations(SHOP)).toEqual([]);
    expect(trail.merges(SHOP).map((m) => m.status)).toEqual(['completed']);
  });
});

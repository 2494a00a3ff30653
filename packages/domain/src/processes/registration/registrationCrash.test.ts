import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { defaultCustomerPolicy } from '../../customer/customerPolicy';
import type { EventStore } from '../../kernel/eventStore';
import { inMemoryEventStore } from '../../kernel/inMemoryEventStore';
import { runCustomerCommand } from './customerProcess';
import { SECRET, card, holderOf, registration, ruPhone } from './testFixtures';

const GRACE = defaultCustomerPolicy.orphanGraceMs;
const T0 = new Date('2026-03-01T10:00:00Z');
const afterGrace = new Date(T0.getTime() + GRACE);
const PHONE = '+79161234567';

/** A store that throws on customer-stream appends while `failing` says so, and also on releases when told. */
const flaky = (inner: EventStore, options: { readonly alsoReleases: boolean }) => {
  const control = { failing: true };
  const store: EventStore = {
    ...inner,
    appendToStream: async (name, events, opts) => {
      const releasing = events.some((e) => e.type === 'ReservationReleased');
      if (control.failing && (name.startsWith('customer-') || (options.alsoReleases && releasing)))
        throw new Error('connection lost');
      return inner.appendToStream(name, events, opts);
    },
  };
  return { store, control };
};
const deps = (store: EventStore) => ({ store, policy: defaultCustomerPolicy, tenantSecret: SECRET });
const profile = { phone: ruPhone('8 916 123-45-67'), card: card('C-7') };

describe('a registration that fails between reserving and registering', () => {
  it('gives its reservations back when the store still answers, and completes when retried', async () => {
    const inner = inMemoryEventStore();
    const { store, control } = flaky(inner, { alsoReleases: false });
    const command = registration('c1', 'r1', profile, T0);
    await expect(runCustomerCommand(deps(store), 'c1', command)).rejects.toThrow('connection lost');
    expect(await holderOf(inner, 'phone', PHONE)).toEqual({ status: 'free' });
    expect(await holderOf(inner, 'card', 'C7')).toEqual({ status: 'free' });

    control.failing = false;
    const retried = await runCustomerCommand(deps(store), 'c1', command);
    expect(E.isRight(retried)).toBe(true);
    expect(await holderOf(inner, 'phone', PHONE)).toMatchObject({ status: 'confirmed', holderId: 'c1' });
  });

  it('leaves an orphan that blocks nobody once the grace period has passed', async () => {
    const inner = inMemoryEventStore();
    const { store } = flaky(inner, { alsoReleases: true });
    await expect(
      runCustomerCommand(deps(store), 'c1', registration('c1', 'r1', profile, T0)),
    ).rejects.toThrow();
    expect(await holderOf(inner, 'phone', PHONE)).toMatchObject({ status: 'reserved', holderId: 'c1' });

    const tooSoon = new Date(afterGrace.getTime() - 1);
    const early = await runCustomerCommand(deps(inner), 'c2', registration('c2', 'r2', profile, tooSoon));
    expect(E.isLeft(early) && early.left.code).toBe('customer.phone_taken');

    const later = await runCustomerCommand(deps(inner), 'c2', registration('c2', 'r3', profile, afterGrace));
    expect(E.isRight(later)).toBe(true);
    expect(await holderOf(inner, 'phone', PHONE)).toMatchObject({ status: 'confirmed', holderId: 'c2' });
    expect(await holderOf(inner, 'card', 'C7')).toMatchObject({ status: 'confirmed', holderId: 'c2' });
  });

  it('completes when the same command is retried after the grace period, if nobody took the values', async () => {
    const inner = inMemoryEventStore();
    const { store } = flaky(inner, { alsoReleases: true });
    await expect(
      runCustomerCommand(deps(store), 'c1', registration('c1', 'r1', profile, T0)),
    ).rejects.toThrow();
    const retried = await runCustomerCommand(
      deps(inner),
      'c1',
      registration('c1', 'r1', profile, afterGrace),
    );
    expect(E.isRight(retried)).toBe(true);
    expect(await holderOf(inner, 'phone', PHONE)).toMatchObject({ status: 'confirmed', holderId: 'c1' });
    expect(await holderOf(inner, 'card', 'C7')).toMatchObject({ status: 'confirmed', holderId: 'c1' });
  });

  it('confirms the reservations when it died after registering', async () => {
    const inner = inMemoryEventStore();
    let confirmations = 0;
    const dying: EventStore = {
      ...inner,
      appendToStream: async (name, events, opts) => {
        if (events.some((e) => e.type === 'ReservationConfirmed') && confirmations++ === 0)
          throw new Error('process killed');
        return inner.appendToStream(name, events, opts);
      },
    };
    const command = registration('c1', 'r1', profile, T0);
    await expect(runCustomerCommand(deps(dying), 'c1', command)).rejects.toThrow('process killed');
    expect(await holderOf(inner, 'phone', PHONE)).toMatchObject({ status: 'reserved', holderId: 'c1' });
    const retried = await runCustomerCommand(deps(inner), 'c1', command);
    expect(E.isRight(retried) && retried.right.idempotent).toBe(true);
    expect(await holderOf(inner, 'phone', PHONE)).toMatchObject({ status: 'confirmed', holderId: 'c1' });
    expect(await holderOf(inner, 'card', 'C7')).toMatchObject({ status: 'confirmed', holderId: 'c1' });
  });
});

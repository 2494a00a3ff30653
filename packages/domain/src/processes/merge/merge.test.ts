import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { customerAggregate } from '../../customer/customerDecider';
import { defaultCustomerPolicy } from '../../customer/customerPolicy';
import { handleCommand } from '../../kernel/handleCommand';
import { readOrder } from '../../order/orderStream';
import { lotsOf } from '../../wallet/lotLedger';
import { customerStream } from '../registration/customerProcess';
import { readReservation, reservationTarget } from '../reservation/reservations';
import { readCustomerSnapshot } from './customerResolution';
import { mergeStream } from './mergeProcess';
import { mergeEvents } from './mergeEvents';
import { decodeEvent } from '../../kernel/handleCommand';
import { as, card, duplicates, phone, SECRET, shop, TENANT, testMergePolicy } from './mergeTestKit';

const JAN = {
  tenantId: TENANT,
  actor: as('operator', 'anna'),
  sourceCustomerId: 'jan-phone',
  targetCustomerId: 'jan-card',
};

const holder = async (store: Parameters<typeof readReservation>[0], kind: string, value: string) => {
  const read = await readReservation(store, reservationTarget(SECRET, kind, TENANT, value));
  if (E.isLeft(read)) throw read.left;
  return read.right.state;
};

const right = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

describe('previewing a merge', () => {
  it('says what would move, what is released and what blocks it, writing nothing', async () => {
    const s = await duplicates();
    const before = s.store.allEvents().length;
    const preview = right(await s.merges.previewMerge({ ...JAN, choices: { address: 'source' } }));
    expect(s.store.allEvents()).toHaveLength(before);
    expect(preview.blockers).toEqual([]);
    expect(preview.wallet).toMatchObject({ currency: 'EUR', money: 5000, points: 40, debt: 250 });
    expect(preview.orders).toEqual([
      { orderId: 'o-cancelled', lifecycle: 'cancelled', moves: true, debt: 0 },
      { orderId: 'o-open', lifecycle: 'accepted', moves: true, debt: 0 },
      { orderId: 'o-unpaid', lifecycle: 'completed_unpaid', moves: true, debt: 250 },
    ]);
    expect(preview.identifiers.kept.map((i) => [i.kind, i.value])).toEqual([
      ['phone', '+31612345678'],
      ['email', 'jan@example.nl'],
    ]);
    expect(preview.survivor).toMatchObject({
      address: { street: 'Voorstraat', houseNumber: '12' },
      card: 'CARD7001',
    });
    expect(preview.changes).toEqual(['details', 'phone']);
  });

  it('lists blockers instead of refusing: a merge into itself', async () => {
    const s = await duplicates();
    const preview = right(await s.merges.previewMerge({ ...JAN, targetCustomerId: 'jan-phone' }));
    expect(preview.blockers.map((b) => b.code)).toEqual(['merge.into_itself']);
  });
});

describe('merging duplicates', () => {
  it('moves money, points (naming the source), debt and open orders to the target, in their state', async () => {
    const s = await duplicates();
    right(await s.merges.merge({ ...JAN, mergeId: 'm1', reason: 'same person' }));
    const target = await s.walletOf('jan-card');
    expect([target.balance, target.pointsBalance, target.debt]).toEqual([6000, 40, 250]);
    expect(target.debts).toEqual({ 'o-unpaid': 250 });
    expect(lotsOf(target.lots)).toEqual([
      expect.objectContaining({
        lotId: 'm1:earn:welcome',
        remaining: 40,
        source: { kind: 'manual', reason: 'welcome' },
        transferredFrom: { customerId: 'jan-phone', mergeId: 'm1', lotId: 'earn:welcome' },
      }),
    ]);
    const source = await s.walletOf('jan-phone');
    expect([source.balance, source.pointsBalance, source.debt]).toEqual([0, 0, 0]);
    const open = right(await readOrder(s.store, TENANT, 'o-open')).state;
    const unpaid = right(await readOrder(s.store, TENANT, 'o-unpaid')).state;
    expect(open).toMatchObject({ customerId: 'jan-card', status: 'accepted' });
    expect(unpaid).toMatchObject({ customerId: 'jan-card', status: 'completed', debt: 250 });
  });

  it('applies the field choices and re-reserves the surviving identifiers for the target', async () => {
    const s = await duplicates();
    right(await s.merges.merge({ ...JAN, choices: { address: 'source' } }));
    const target = right(await readCustomerSnapshot(s.store, TENANT, 'jan-card')).state;
    expect(target.exists && target.profile).toMatchObject({
      firstName: 'Jan',
      lastName: 'Kowalski',
      address: { street: 'Voorstraat', houseNumber: '12' },
      phone: { e164: '+31612345678' },
      card: 'CARD7001',
      email: 'jan@example.nl',
    });
    expect(await holder(s.store, 'phone', '+31612345678')).toMatchObject({
      holderId: 'jan-card',
      status: 'confirmed',
    });
    expect(await holder(s.store, 'email', 'jan@example.nl')).toMatchObject({ holderId: 'jan-card' });
    const handedOver = s.store
      .allEvents()
      .filter((e) => e.type === 'ReservationReleased' && e.metadata.actor.id.startsWith('merge:'));
    expect(handedOver.map((e) => e.data)).toEqual([
      { holderId: 'jan-phone', reason: 'merged' },
      { holderId: 'jan-phone', reason: 'merged' },
    ]);
  });

  it('releases the identifiers that do not survive and lists them in the merge record', async () => {
    const s = shop();
    await s.register('a', { phone: phone('0611111111'), card: card('A-1') });
    await s.register('b', { phone: phone('0622222222') });
    const done = right(await s.merges.merge({ ...JAN, sourceCustomerId: 'a', targetCustomerId: 'b' }));
    expect(await holder(s.store, 'phone', '+31611111111')).toEqual({ status: 'free' });
    expect(await holder(s.store, 'card', 'A1')).toMatchObject({ holderId: 'b' });
    const key = (kind: string, v: string) => reservationTarget(SECRET, kind, TENANT, v).key;
    expect(done.record.identifiers).toEqual({
      kept: [{ kind: 'card', key: key('card', 'A1') }],
      released: [{ kind: 'phone', key: key('phone', '+31611111111'), holderId: 'a' }],
    });
    // The released phone is free for a new customer.
    const registered = await s.register('c', { phone: phone('06 1111 1111') }).then(
      () => true,
      () => false,
    );
    expect(registered).toBe(true);
  });
});

describe('the merged-away customer', () => {
  it('ends its stream with the merged-into tombstone and refuses commands naming the survivor', async () => {
    const s = await duplicates();
    right(await s.merges.merge(JAN));
    const events = await s.store.readStream(customerStream(TENANT, 'jan-phone'));
    expect(events[events.length - 1]).toMatchObject({
      type: 'CustomerMergedInto',
      data: { survivorId: 'jan-card' },
    });
    const edit = await handleCommand(
      s.store,
      customerAggregate(defaultCustomerPolicy),
      customerStream(TENANT, 'jan-phone'),
      {
        type: 'SetComments',
        data: { comments: 'late' },
        metadata: { commandId: 'late', tenantId: TENANT, actor: as('operator'), now: new Date() },
      },
    );
    expect(E.isLeft(edit) && [edit.left.code, edit.left.details['survivorId']]).toEqual([
      'customer.merged',
      'jan-card',
    ]);
    const topUp = await s.topUp('jan-phone', 100, 'late-top-up').catch((e: Error & { details: object }) => e);
    expect(topUp).toMatchObject({ code: 'wallet.merged', details: { survivorCustomerId: 'jan-card' } });
  });

  it('resolves to the survivor, also through a chain of merges', async () => {
    const s = shop();
    await s.register('a', { card: card('A') });
    await s.register('b', { card: card('B') });
    await s.register('c', { card: card('C') });
    right(await s.merges.merge({ ...JAN, sourceCustomerId: 'a', targetCustomerId: 'b' }));
    right(await s.merges.merge({ ...JAN, sourceCustomerId: 'b', targetCustomerId: 'c' }));
    const resolved = right(await s.merges.resolveCustomer(TENANT, 'a'));
    expect([resolved.customerId, resolved.chain]).toEqual(['c', ['a', 'b', 'c']]);
  });
});

describe('irreversibility', () => {
  it('refuses a merge into itself and writes nothing', async () => {
    const s = await duplicates();
    const before = s.store.allEvents().length;
    const self = await s.merges.merge({ ...JAN, targetCustomerId: 'jan-phone' });
    expect(E.isLeft(self) && self.left.code).toBe('merge.into_itself');
    expect(s.store.allEvents()).toHaveLength(before);
  });

  it('refuses a merge into a merged customer, naming its survivor, and of a merged customer again', async () => {
    const s = await duplicates();
    await s.register('third', { card: card('T-3') });
    right(await s.merges.merge(JAN));
    const into = await s.merges.merge({ ...JAN, sourceCustomerId: 'third', targetCustomerId: 'jan-phone' });
    expect(E.isLeft(into) && [into.left.code, into.left.details['survivorId']]).toEqual([
      'merge.target_merged',
      'jan-card',
    ]);
    const again = await s.merges.merge({ ...JAN, targetCustomerId: 'third' });
    expect(E.isLeft(again) && again.left.code).toBe('merge.source_merged');
  });

  it('lets exactly one of two merges racing over the same pair in opposite directions succeed', async () => {
    for (let round = 0; round < 5; round++) {
      const s = await duplicates();
      const results = await Promise.all([
        s.merges.merge({ ...JAN, mergeId: 'ab' }),
        s.merges.merge({
          ...JAN,
          mergeId: 'ba',
          sourceCustomerId: 'jan-card',
          targetCustomerId: 'jan-phone',
        }),
      ]);
      expect(results.filter(E.isRight)).toHaveLength(1);
      const loser = results.find(E.isLeft);
      expect(['merge.customer_busy', 'merge.source_merged', 'merge.target_merged']).toContain(
        loser?.left.code,
      );
      const a = right(await readCustomerSnapshot(s.store, TENANT, 'jan-phone')).state;
      const b = right(await readCustomerSnapshot(s.store, TENANT, 'jan-card')).state;
      const merged = [a, b].filter((c) => c.exists && c.status.kind === 'merged');
      expect(merged).toHaveLength(1);
    }
  });

  it('undoes what it did when a blocker appears before its point of no return', async () => {
    const base = await duplicates();
    const store = base.store;
    let locksTaken = 0;
    const racing = {
      ...store,
      appendToStream: async (...args: Parameters<typeof store.appendToStream>) => {
        const done = await store.appendToStream(...args);
        // A till starts paying the source's open order right after the merge took both locks.
        if (args[1][0]?.type === 'MergeLockTaken' && ++locksTaken === 2) await base.startPayment('o-open');
        return done;
      },
    };
    const s = shop(racing);
    const refused = await s.merges.merge({ ...JAN, mergeId: 'm-undo' });
    expect(E.isLeft(refused) && refused.left.code).toBe('merge.order_payment_pending');
    const record = right(await s.merges.getMerge(TENANT, 'm-undo'));
    expect(record).toMatchObject({ status: 'abandoned', abandoned: { code: 'merge.order_payment_pending' } });
    // Only the code and ids are stored: a refusal's sentence may quote personal data.
    expect(store.allEvents().find((e) => e.type === 'MergeAbandoned')?.data).toEqual({
      code: 'merge.order_payment_pending',
      details: { orderId: 'o-open' },
    });
    expect(store.allEvents().filter((e) => e.type === 'MergeLockReleased')).toHaveLength(2);
    const source = right(await readCustomerSnapshot(store, TENANT, 'jan-phone')).state;
    expect(source.exists && source.status).toEqual({ kind: 'active' });
    expect((await base.walletOf('jan-phone')).balance).toBe(5000);
  });
});

describe('permission', () => {
  it('is never a customer’s', async () => {
    const s = await duplicates();
    const merged = await s.merges.merge({ ...JAN, actor: as('customer', 'jan-phone') });
    expect(E.isLeft(merged) && merged.left.code).toBe('merge.forbidden');
    const preview = await s.merges.previewMerge({ ...JAN, actor: as('customer', 'jan-phone') });
    expect(E.isLeft(preview) && preview.left.code).toBe('merge.forbidden');
  });

  it('is a manager’s only when the shop requires it', async () => {
    const s = await duplicates(undefined, { ...testMergePolicy, requireManager: true });
    const byOperator = await s.merges.merge(JAN);
    expect(E.isLeft(byOperator) && byOperator.left.code).toBe('merge.forbidden');
    expect(E.isRight(await s.merges.merge({ ...JAN, actor: as('manager') }))).toBe(true);
  });
});

describe('the audit record', () => {
  it('tells who, when, why, the choices and every moved amount, lot, order and identifier from the merge stream alone', async () => {
    const s = await duplicates();
    right(
      await s.merges.merge({ ...JAN, mergeId: 'm1', reason: 'same person', choices: { address: 'source' } }),
    );
    const stream = await s.store.readStream(mergeStream(TENANT, 'm1'));
    const events = stream.map((e) => right(decodeEvent(mergeEvents, e)).event);
    expect(events.map((e) => e.type)).toEqual([
      'MergeRequested',
      'MergeSourceClosed',
      'MergeOrdersMoved',
      'MergeWalletMoved',
      'MergeIdentifiersSettled',
      'MergeSurvivorUpdated',
      'MergeCompleted',
    ]);
    expect(events[0]?.data).toEqual({
      mergeId: 'm1',
      sourceCustomerId: 'jan-phone',
      targetCustomerId: 'jan-card',
      choices: { address: 'source' },
      reason: 'same person',
      requestedBy: { role: 'operator', id: 'anna' },
      requestedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(events[2]?.data).toEqual({
      orders: [
        { orderId: 'o-cancelled', lifecycle: 'cancelled', moved: true, debtMoved: 0 },
        { orderId: 'o-open', lifecycle: 'accepted', moved: true, debtMoved: 0 },
        { orderId: 'o-unpaid', lifecycle: 'completed_unpaid', moved: true, debtMoved: 250 },
      ],
    });
    expect(events[3]?.data).toEqual({
      currency: 'EUR',
      money: 5000,
      points: 40,
      lots: [
        {
          fromLotId: 'earn:welcome',
          lotId: 'm1:earn:welcome',
          points: 40,
          source: { kind: 'manual', reason: 'welcome' },
        },
      ],
      pointsExpired: 0,
      debt: 250,
      debtOrders: [{ orderId: 'o-unpaid', amount: 250 }],
    });
    expect(events[5]?.data).toEqual({ changes: ['details', 'phone'] });
    expect(JSON.stringify(events)).not.toContain('612345678');
  });
});

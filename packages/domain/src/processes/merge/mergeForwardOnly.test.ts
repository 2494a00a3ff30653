import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { resumeOrder } from '../orderPayment/orderPayment';
import { deciderSpecification } from '../../testing/deciderSpecification';
import { mergeDecider } from './mergeDecider';
import type { MergeEvent } from './mergeEvents';
import { as, duplicates, shop, TENANT, testMergePolicy } from './mergeTestKit';

const JAN = {
  tenantId: TENANT,
  actor: as('operator', 'anna'),
  sourceCustomerId: 'jan-phone',
  targetCustomerId: 'jan-card',
  mergeId: 'm-forward',
};

describe('past the point of no return', () => {
  it('waits for a payment that started on the source instead of undoing, then finishes when resumed', async () => {
    const base = await duplicates();
    const store = base.store;
    const racing = {
      ...store,
      appendToStream: async (...args: Parameters<typeof store.appendToStream>) => {
        const done = await store.appendToStream(...args);
        // A till presses Pay on the source's open order just after the source was closed.
        if (args[1][0]?.type === 'CustomerMergedInto') await base.startPayment('o-open');
        return done;
      },
    };
    const stalled = await shop(racing).merges.merge(JAN);
    expect(E.isLeft(stalled) && stalled.left.code).toBe('merge.order_payment_pending');
    const record = await base.merges.getMerge(TENANT, 'm-forward');
    expect(E.isRight(record) && record.right.status).toBe('closed');

    const meta = { commandId: 'till-resume', tenantId: TENANT, actor: as('operator'), now: base.clock.now() };
    const paid = await resumeOrder({ store, walletPolicy: testMergePolicy.wallet }, meta, 'o-open');
    expect(E.isRight(paid)).toBe(true);
    const resumed = await base.merges.resumeMerge(TENANT, 'm-forward', as('manager'));
    expect(E.isRight(resumed) && resumed.right.record.status).toBe('completed');
    expect((await base.walletOf('jan-card')).balance).toBe(6000);
  });

  it('cannot be abandoned, and its steps are recorded only in order', () => {
    const spec = deciderSpecification(mergeDecider);
    const at = { commandId: 'c', tenantId: TENANT, actor: as('system'), now: new Date() };
    const step = (s: MergeEvent) => ({ type: 'RecordMergeStep' as const, data: { step: s }, metadata: at });
    const requested: MergeEvent = {
      type: 'MergeRequested',
      data: {
        mergeId: 'm',
        sourceCustomerId: 'a',
        targetCustomerId: 'b',
        choices: {},
        requestedBy: as('operator'),
        requestedAt: '2026-03-01T10:00:00.000Z',
      },
    };
    const closed: MergeEvent = {
      type: 'MergeSourceClosed',
      data: { sourceCustomerId: 'a', survivorId: 'b' },
    };
    spec
      .given([requested, closed])
      .when(step({ type: 'MergeAbandoned', data: { code: 'x', details: {} } }))
      .thenFails('merge.past_point_of_no_return');
    spec
      .given([requested, closed])
      .when(step({ type: 'MergeSurvivorUpdated', data: { changes: [] } }))
      .thenFails('merge.out_of_order');
    spec
      .given([requested, { type: 'MergeAbandoned', data: { code: 'x', details: {} } }])
      .when(step(closed))
      .thenFails('merge.not_running');
  });
});

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { CommandError } from '../../kernel/handleCommand';
import { handleWalletCommand } from '../../wallet/walletStream';
import { as, card, duplicates, TENANT, testMergePolicy } from './mergeTestKit';

const REQUEST = {
  tenantId: TENANT,
  actor: as('operator', 'anna'),
  sourceCustomerId: 'jan-phone',
  targetCustomerId: 'jan-card',
};

describe('top-ups racing a merge', () => {
  it('land before the transfer and move, or are refused naming the survivor: none is lost', async () => {
    const s = await duplicates();
    // A till retries a top-up that lost a write race, as it would after any busy-stream error.
    const topUp = async (i: number): Promise<E.Either<CommandError, number>> => {
      for (;;) {
        const done = await handleWalletCommand(s.store, testMergePolicy.wallet, {
          type: 'TopUp',
          data: { customerId: 'jan-phone', amount: 100 + i, currency: 'EUR', method: 'cash' },
          metadata: { commandId: `race-${i}`, tenantId: TENANT, actor: as('operator'), now: s.clock.now() },
        });
        if (E.isRight(done)) return E.right(100 + i);
        if (done.left.code !== 'stream.concurrency_conflict') return E.left(done.left);
      }
    };
    const [merged, ...topUps] = await Promise.all([
      s.merges.merge(REQUEST),
      ...Array.from({ length: 100 }, (_, i) => topUp(i)),
    ]);
    expect(merged !== undefined && E.isRight(merged)).toBe(true);
    const landed = topUps.filter(E.isRight).reduce((sum, t) => sum + t.right, 0);
    const refused = topUps.filter(E.isLeft).map((t) => [t.left.code, t.left.details['survivorCustomerId']]);
    expect(refused.every(([code, survivor]) => code === 'wallet.merged' && survivor === 'jan-card')).toBe(
      true,
    );
    expect(topUps.filter(E.isRight).length + refused.length).toBe(100);
    const target = await s.walletOf('jan-card');
    const source = await s.walletOf('jan-phone');
    expect(target.balance).toBe(5000 + 1000 + landed);
    expect(source.balance).toBe(0);
    // Both sides of the race happened: some top-ups moved with the wallet, later ones were refused.
    expect([landed > 0, refused.length > 0]).toEqual([true, true]);
  });
});

describe('an identifier change racing a merge', () => {
  it('lands before the source closes and is carried over, or is refused naming the survivor', async () => {
    const s = await duplicates();
    const [merged, edited] = await Promise.all([
      s.merges.merge({ ...REQUEST, choices: { card: 'source' } }),
      s.edit('jan-phone', { type: 'AssignCard', data: { card: card('LATE-1') } }, 'late-card'),
    ]);
    expect(merged !== undefined && E.isRight(merged)).toBe(true);
    const survivor = await s.merges.resolveCustomer(TENANT, 'jan-phone');
    if (E.isLeft(survivor)) throw survivor.left;
    const profile = survivor.right.state.exists ? survivor.right.state.profile : undefined;
    if (E.isRight(edited)) expect(profile?.card).toBe('LATE1');
    else
      expect([edited.left.code, edited.left.details['survivorId']]).toEqual(['customer.merged', 'jan-card']);
  });
});

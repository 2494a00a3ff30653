import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import type { InMemoryEventStore } from '../../kernel/inMemoryEventStore';
import { as, duplicates, shop, TENANT } from './mergeTestKit';

const REQUEST = {
  tenantId: TENANT,
  actor: as('operator', 'anna'),
  sourceCustomerId: 'jan-phone',
  targetCustomerId: 'jan-card',
  mergeId: 'm-crash',
  choices: { address: 'source' as const },
};

class Killed extends Error {}

/** The store as the merge sees it: dies (every call throws) right after its `n`th append succeeded. */
const killedAfter = (inner: InMemoryEventStore, n: number): InMemoryEventStore => {
  let appends = 0;
  let dead = false;
  const alive = () => {
    if (dead) throw new Killed(`killed after write ${n}`);
  };
  return {
    ...inner,
    readStream: async (...args) => (alive(), inner.readStream(...args)),
    readAll: async (...args) => (alive(), inner.readAll(...args)),
    appendToStream: async (...args) => {
      alive();
      const done = await inner.appendToStream(...args);
      if (E.isRight(done) && ++appends === n) {
        dead = true;
        throw new Killed(`killed after write ${n}`);
      }
      return done;
    },
  };
};

/** Every stream's events (type and data), and the three ledgers of both wallets. */
const finalState = async (store: InMemoryEventStore) => {
  const s = shop(store);
  const streams: Record<string, unknown[]> = {};
  for (const e of store.allEvents()) (streams[e.streamName] ??= []).push([e.type, e.data]);
  const ledgers = async (id: string) => {
    const w = await s.walletOf(id);
    return { balance: w.balance, points: w.pointsBalance, debt: w.debt };
  };
  return { streams, source: await ledgers('jan-phone'), target: await ledgers('jan-card') };
};

describe('a merge killed after any of its writes', () => {
  it('re-runs to the same final state and ledger totals as an uninterrupted merge, moving nothing twice', async () => {
    const reference = await duplicates();
    const before = reference.store.allEvents().length;
    const done = await reference.merges.merge(REQUEST);
    expect(E.isRight(done)).toBe(true);
    const expected = await finalState(reference.store);
    expect(expected.target).toEqual({ balance: 6000, points: 40, debt: 250 });
    const writes = new Set(
      reference.store
        .allEvents()
        .slice(before)
        .map((e) => e.metadata.commandId + e.streamName),
    ).size;
    expect(writes).toBeGreaterThan(15);

    for (let n = 1; n <= writes; n++) {
      const world = await duplicates();
      const killed = await shop(killedAfter(world.store, n))
        .merges.merge(REQUEST)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(killed).toBeInstanceOf(Killed);
      const resumed = await world.merges.merge(REQUEST);
      if (E.isLeft(resumed)) throw resumed.left;
      expect({ n, ...(await finalState(world.store)) }).toEqual({ n, ...expected });
    }
  });
});

import { manualClock } from '../kernel/clock';
import { seededIds } from '../kernel/ids';
import { inMemoryEventStore } from '../kernel/inMemoryEventStore';
import { walletsFacade } from './facade';
import { testPolicy } from './walletTestKit';

/** A wallets facade on a fresh in-memory store, for the facade tests. */
export const testWallets = () => {
  const store = inMemoryEventStore();
  const wallets = walletsFacade({
    store,
    clock: manualClock('2026-03-01T10:00:00.000Z'),
    ids: seededIds('wallet-test'),
    policyFor: () => testPolicy,
    tenantSecret: () => 'test-secret',
  });
  return { store, wallets };
};

// The shape of the command workload, shared by every scenario so that ratios compare like with like.

/** Tenant of every benchmark stream. */
export const TENANT = 'shop1';

/** A store is replaced after this many registrations, so every case sees up to 1,000 customer streams. */
export const CUSTOMERS_PER_STORE = 1000;

/** Wallets the wallet cases spread their commands over. */
export const WALLETS = 100;

/** A store is replaced after this many wallet commands: wallets hold 0–19 events, about 10 on average. */
export const WALLET_COMMANDS_PER_STORE = 2000;

/** The instant every benchmark command carries. */
export const NOW = new Date('2026-03-01T10:00:00.000Z');

/** What the n-th registration types (half by phone, a quarter by card, a quarter with both). */
export const registration = (n: number) => {
  const customerId = `c${n}`;
  const phone = `+4860${String(1000000 + (n % 9000000)).padStart(7, '0')}`;
  const cardNumber = `CARD${n}`;
  const names = { customerId, firstName: 'Anna', lastName: 'Kowalska' };
  switch (n % 4) {
    case 0:
    case 1:
      return { ...names, phone };
    case 2:
      return { ...names, cardNumber };
    default:
      return { ...names, phone, cardNumber };
  }
};

/** The n-th wallet command: two top-ups of 400 then a spend of 500, so spends never overdraw. */
export const walletStep = (n: number): { readonly kind: 'TopUp' | 'Spend'; readonly amount: number } =>
  Math.floor((n % WALLET_COMMANDS_PER_STORE) / WALLETS) % 3 === 2
    ? { kind: 'Spend', amount: 500 }
    : { kind: 'TopUp', amount: 400 };

/** Events the w-th wallet holds when a long-stream store is filled: 50 to 200, a regular's months of visits. */
export const longWalletLength = (w: number): number => 50 + Math.floor((150 * w) / (WALLETS - 1));

/** The population note of the long-stream wallet cases. */
export const LONG_WALLETS = `${WALLETS} wallets, 50–200 events each (+ ≤ ${WALLET_COMMANDS_PER_STORE / WALLETS} during a fill)`;

/** The k-th event of a prefilled wallet: the same rhythm as `walletStep`, so no spend overdraws. */
export const prefillStep = (k: number): { readonly kind: 'TopUp' | 'Spend'; readonly amount: number } =>
  k % 3 === 2 ? { kind: 'Spend', amount: 500 } : { kind: 'TopUp', amount: 400 };

/**
 * Refills a long-stream store every `WALLET_COMMANDS_PER_STORE` commands (outside the timing,
 * through the harness's `beforeEach`), so wallets stay 50–200 events long whatever the run's length.
 */
export const refillEvery = (fill: () => Promise<void>) => {
  let n = 0;
  return {
    next: () => n++,
    beforeEach: async () => {
      if (n % WALLET_COMMANDS_PER_STORE === 0) await fill();
    },
  };
};

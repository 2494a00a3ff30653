// `node --expose-gc bench/dist/compare.mjs <other checkout>`: the bench deciders' registration and
// wallet loops on another checkout's built kernel and on this one, in interleaved rounds, so that a
// change to the kernel can be judged on a machine whose speed drifts. Prepare the other checkout
// with `git worktree add /tmp/old <commit> && ln -s "$PWD/node_modules" /tmp/old/node_modules &&
// (cd /tmp/old && npx tsc -b packages/domain)`.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { EventStore, HandleCommandOptions, handleCommand as HandleCommand } from '@tillstream/domain';
import { customerAggregate, walletAggregate } from './deciders/tillstreamDeciders.mjs';
import { median } from './harness.mjs';
import {
  CUSTOMERS_PER_STORE,
  NOW,
  TENANT,
  WALLETS,
  WALLET_COMMANDS_PER_STORE,
  registration,
  walletStep,
} from './workload.mjs';

interface Kernel {
  readonly handleCommand: typeof HandleCommand;
  readonly inMemoryEventStore: () => EventStore;
}

const require = createRequire(import.meta.url);
const other = process.argv[2];
if (other === undefined) {
  console.error('usage: node --expose-gc bench/dist/compare.mjs <other checkout> [rounds]');
  process.exit(2);
}
const kernels: Readonly<Record<string, Kernel>> = {
  other: require(join(resolve(other), 'packages/domain/dist/index.js')) as Kernel,
  this: require('@tillstream/domain') as Kernel,
};
const rounds = Number(process.argv[3] ?? 12);
const perRound = 10_000;

const meta = (commandId: string) => ({
  commandId,
  tenantId: TENANT,
  actor: { role: 'operator' as const, id: 'op-1' },
  now: NOW,
});

/** Mean µs per command of `perRound` commands of one loop on one kernel. */
const loops: Readonly<Record<string, (k: Kernel, options: HandleCommandOptions) => Promise<number>>> = {
  register: async (k, options) => {
    let store = k.inMemoryEventStore();
    const started = process.hrtime.bigint();
    for (let n = 0; n < perRound; n++) {
      if (n % CUSTOMERS_PER_STORE === 0) store = k.inMemoryEventStore();
      const data = registration(n);
      const command = { type: 'RegisterCustomer' as const, data, metadata: meta(`reg-${n}`) };
      await k.handleCommand(
        store,
        customerAggregate,
        `customer-${TENANT}.${data.customerId}`,
        command,
        options,
      );
    }
    return Number(process.hrtime.bigint() - started) / 1000 / perRound;
  },
  wallet: async (k, options) => {
    let store = k.inMemoryEventStore();
    const started = process.hrtime.bigint();
    for (let n = 0; n < perRound; n++) {
      if (n % WALLET_COMMANDS_PER_STORE === 0) store = k.inMemoryEventStore();
      const step = walletStep(n);
      const command = { type: step.kind, data: { amount: step.amount }, metadata: meta(`wal-${n}`) };
      await k.handleCommand(store, walletAggregate, `wallet-${TENANT}.w${n % WALLETS}`, command, options);
    }
    return Number(process.hrtime.bigint() - started) / 1000 / perRound;
  },
};

const times: Record<string, number[]> = {};
for (let round = 0; round < rounds; round++) {
  for (const [loop, run] of Object.entries(loops))
    for (const [name, kernel] of Object.entries(kernels)) {
      global.gc?.();
      const us = await run(kernel, {});
      // The first two rounds warm both kernels up.
      if (round >= 2) (times[`${loop} ${name}`] ??= []).push(us);
    }
}
for (const loop of Object.keys(loops)) {
  const a = times[`${loop} other`] ?? [];
  const b = times[`${loop} this`] ?? [];
  const speedup = median(a.map((t, i) => t / (b[i] ?? Number.NaN)));
  console.log(
    `${loop}: other ${median(a).toFixed(1)} µs, this ${median(b).toFixed(1)} µs per command; this is ${speedup.toFixed(2)}× as fast (median of ${a.length} interleaved rounds)`,
  );
}

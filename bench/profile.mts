// A plain loop over one command workload, for `node --cpu-prof bench/dist/profile.mjs <workload>`;
// `node bench/dist/profile.mjs --top <file.cpuprofile>` prints the functions with the most self time.
import { readFileSync } from 'node:fs';
import { inMemoryEventStore, stateCache } from '@tillstream/domain';
import { registerOne, walletOne } from './scenarios/commands.mjs';
import { contextWalletOne } from './scenarios/contexts.mjs';
import { CUSTOMERS_PER_STORE, WALLET_COMMANDS_PER_STORE } from './workload.mjs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
}

const top = (file: string, count = 30) => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    const where = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')}:${frame.lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + 1);
  }
  const total = profile.samples.length;
  for (const [where, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, count))
    console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${where}`);
};

const workloads: Record<string, (n: number) => Promise<void>> = (() => {
  let store = inMemoryEventStore();
  let cache = stateCache();
  return {
    register: async (n) => {
      if (n % CUSTOMERS_PER_STORE === 0) store = inMemoryEventStore();
      await registerOne(store, n);
    },
    wallet: async (n) => {
      if (n % WALLET_COMMANDS_PER_STORE === 0) store = inMemoryEventStore();
      await walletOne(store, n);
    },
    'wallet-context': async (n) => {
      if (n % WALLET_COMMANDS_PER_STORE === 0) store = inMemoryEventStore();
      await contextWalletOne(store, n);
    },
    'wallet-cached': async (n) => {
      if (n % WALLET_COMMANDS_PER_STORE === 0) [store, cache] = [inMemoryEventStore(), stateCache()];
      await walletOne(store, n, { cache });
    },
  };
})();

const [first, second] = process.argv.slice(2);
if (first === '--top' && second !== undefined) top(second);
else {
  const run = workloads[first ?? 'wallet'];
  if (run === undefined) throw new Error(`workloads: ${Object.keys(workloads).join(', ')}`);
  const count = Number(second ?? 300_000);
  const started = process.hrtime.bigint();
  for (let n = 0; n < count; n++) await run(n);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${first ?? 'wallet'}: ${count} commands in ${seconds.toFixed(2)} s, ${Math.round(count / seconds)} cmd/s`,
  );
}

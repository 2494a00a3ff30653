// `node --expose-gc bench/dist/caseChild.mjs <side>`: one side's cases, measured slice by slice as
// the parent asks (see processes.mts). Only that side's modules are loaded into this process.
import type { CaseSpec } from './harness.mjs';
import { slice } from './harness.mjs';
import type { FromChild, Side, ToChild } from './processes.mjs';
import type { StoreOps } from './scenarios/facades.mjs';

interface Built {
  readonly specs: readonly CaseSpec[];
  readonly ops?: Readonly<Record<string, StoreOps>>;
}

const sides: Readonly<Record<Side, () => Promise<Built>>> = {
  baseline: async () => ({ specs: await (await import('./scenarios/baseline.mjs')).baselineCases() }),
  commands: async () => ({ specs: await (await import('./scenarios/commands.mjs')).commandCases() }),
  peer: async () => ({ specs: await (await import('./scenarios/peer.mjs')).peerCases() }),
  domain: async () => {
    const contexts = await (await import('./scenarios/contexts.mjs')).contextCases();
    const facades = await (await import('./scenarios/facades.mjs')).facadeCases();
    return { specs: [...contexts, ...facades.specs], ops: facades.ops };
  },
};

const send = (message: FromChild) => process.send?.(message);
const side = process.argv[2] as Side;
const build = sides[side];
if (build === undefined) {
  send({ kind: 'error', message: `unknown side "${side}"` });
  process.exit(2);
}
const built = await build();
send({
  kind: 'ready',
  cases: built.specs.map(({ scenario, label, unit, extra }) => ({
    scenario,
    label,
    unit,
    ...(extra === undefined ? {} : { extra }),
  })),
});

process.on('message', (message: ToChild) => {
  void (async () => {
    try {
      if (message.kind === 'finish') {
        send({ kind: 'finish', ops: built.ops ?? {} });
        process.disconnect();
        return;
      }
      const spec = built.specs[message.index];
      if (spec === undefined) throw new Error(`no case ${message.index}`);
      global.gc?.();
      send({ kind: 'slice', slice: await slice(spec, message.time, message.warmupTime) });
    } catch (error) {
      send({
        kind: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  })();
});

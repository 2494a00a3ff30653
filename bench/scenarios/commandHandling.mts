import type { CaseResult, Scenario, TargetCheck } from '../harness.mjs';
import { find, measureInterleaved, ratioTarget } from '../harness.mjs';
import { BASELINE, baselineCases } from './baseline.mjs';
import { commandCases } from './commands.mjs';
import { contextCases } from './contexts.mjs';
import { PEER, peerCases } from './peer.mjs';

const baselineFor = (label: string): string =>
  label.startsWith('register')
    ? BASELINE.registration
    : label.includes('50–200')
      ? BASELINE.longWallet
      : BASELINE.wallet;

const peerFor = (label: string): string =>
  label.startsWith('register') ? PEER.registration : label.includes('50–200') ? PEER.longWallet : PEER.wallet;

const targets = (cases: readonly CaseResult[]): TargetCheck[] => {
  const ofScenario = (name: string) => cases.filter((c) => c.scenario === name);
  const keeps = [...ofScenario('commands'), ...ofScenario('contexts')].flatMap((c) =>
    ratioTarget(
      `${c.label}: keeps ≥ 25% of the raw read+append rate`,
      c,
      find(cases, 'baseline', baselineFor(c.label)),
      0.25,
    ),
  );
  const beats = ofScenario('commands').flatMap((c) =>
    ratioTarget(
      `${c.label} ≥ 1.5× Emmett on the same decider`,
      c,
      find(cases, 'peer', peerFor(c.label)),
      1.5,
    ),
  );
  return [...keeps, ...beats];
};

/**
 * Scenarios 1–3: the physical baseline, the kernel with the bench deciders, the wallet context and
 * Emmett on the same deciders, all measured in the same interleaved rounds so that every ratio
 * compares figures taken side by side.
 */
export const commandHandling: Scenario = {
  name: 'commands',
  title: 'Command handling: raw store baseline, kernel, wallet context and Emmett, in interleaved rounds',
  run: async (mode) => {
    const specs = [
      ...(await baselineCases()),
      ...(await commandCases()),
      ...(await contextCases()),
      ...(await peerCases()),
    ];
    const cases = await measureInterleaved(mode, specs);
    return { cases, targets: targets(cases) };
  },
};

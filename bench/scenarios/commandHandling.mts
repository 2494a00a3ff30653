import type { CaseResult, Scenario, TargetCheck } from '../harness.mjs';
import { find, formatRate, median, ratioTarget } from '../harness.mjs';
import { measureInProcesses } from '../processes.mjs';
import { BASELINE } from './baseline.mjs';
import type { StoreOps } from './facades.mjs';
import { PEER } from './peer.mjs';

const baselineFor = (label: string): string =>
  label.startsWith('register')
    ? BASELINE.registration
    : label.includes('50–200')
      ? BASELINE.longWallet
      : BASELINE.wallet;

const peerFor = (label: string): string =>
  label.startsWith('register') ? PEER.registration : label.includes('50–200') ? PEER.longWallet : PEER.wallet;

/**
 * A facade call against the raw store doing as many reads and appends: the baseline's operation is
 * one read and one append of a new stream, so a call of R reads and A appends weighs (R + A) / 2 of it.
 */
const keepsForItsOps = (c: CaseResult, raw: CaseResult | undefined, ops: StoreOps): TargetCheck[] => {
  if (raw === undefined || ops.calls === 0) return [];
  const weight = (ops.reads + ops.appends) / 2 / ops.calls;
  const paired = c.group === raw.group && c.roundRates !== undefined && raw.roundRates !== undefined;
  const a = paired ? (c.roundRates ?? []) : [c.rate];
  const b = paired ? (raw.roundRates ?? []) : [raw.rate];
  const ratio = median(a.map((r, i) => (r * weight) / (b[i] ?? raw.rate)));
  const how = paired ? `median of ${a.length} interleaved rounds; ` : '';
  return [
    {
      target: `${c.label}: keeps ≥ 25% of the raw rate for as many reads and appends`,
      measured: `${ratio.toFixed(2)}× (${how}${(ops.reads / ops.calls).toFixed(1)} reads + ${(ops.appends / ops.calls).toFixed(1)} appends per call; ${formatRate(c.rate)} ${c.unit} / ${formatRate(raw.rate)} ${raw.unit})`,
      pass: ratio >= 0.25,
    },
  ];
};

const targets = (cases: readonly CaseResult[], ops: Readonly<Record<string, StoreOps>>): TargetCheck[] => {
  const ofScenario = (name: string) => cases.filter((c) => c.scenario === name && ops[c.label] === undefined);
  const perOps = cases.flatMap((c) => {
    const mine = ops[c.label];
    return mine === undefined ? [] : keepsForItsOps(c, find(cases, 'baseline', BASELINE.registration), mine);
  });
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
  return [...keeps, ...perOps, ...beats];
};

/**
 * Scenarios 1–3: the physical baseline, the kernel with the bench deciders, Emmett on the same
 * deciders, and the wallet context and facades, each in a process of its own and all in one set of
 * interleaved rounds, so that every ratio compares figures taken side by side in the same minutes
 * while no library runs with another's code, heap or collector beside it.
 */
export const commandHandling: Scenario = {
  name: 'commands',
  title:
    'Command handling: raw store baseline, kernel, Emmett, wallet context and facades, a process each, in interleaved rounds',
  run: async (mode) => {
    const { cases: measured, ops } = await measureInProcesses(mode, [
      'baseline',
      'commands',
      'peer',
      'domain',
    ]);
    const cases = measured.map((c) => {
      const mine = ops[c.label];
      return mine === undefined || mine.calls === 0
        ? c
        : {
            ...c,
            extra: {
              ...c.extra,
              'store calls per call': `${(mine.reads / mine.calls).toFixed(1)} reads, ${(mine.appends / mine.calls).toFixed(1)} appends`,
            },
          };
    });
    return { cases, targets: targets(cases, ops) };
  },
};

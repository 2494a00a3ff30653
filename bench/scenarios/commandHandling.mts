import type { CaseResult, Scenario, TargetCheck } from '../harness.mjs';
import { find, formatRate, measureInterleaved, median, ratioTarget } from '../harness.mjs';
import { BASELINE, baselineCases } from './baseline.mjs';
import { commandCases } from './commands.mjs';
import { contextCases } from './contexts.mjs';
import type { StoreOps } from './facades.mjs';
import { facadeCases } from './facades.mjs';
import { PEER, peerCases } from './peer.mjs';

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
 * Scenarios 1–3: the physical baseline, the kernel with the bench deciders and Emmett on the same
 * deciders in one set of interleaved rounds, so that every ratio between them compares figures
 * taken side by side; then the wallet context and the facades in a second set, set against the
 * baseline's overall rate.
 */
export const commandHandling: Scenario = {
  name: 'commands',
  title: 'Command handling: raw store baseline, kernel, wallet context and Emmett, in interleaved rounds',
  run: async (mode) => {
    // Like with like first: the kernel with the bench deciders, Emmett with the same rules, and
    // the raw store, before the contexts' and facades' own events reach the kernel's shared code.
    const kernel = await measureInterleaved(mode, [
      ...(await baselineCases()),
      ...(await commandCases()),
      ...(await peerCases()),
    ]);
    const facades = await facadeCases();
    const domain = await measureInterleaved(mode, [...(await contextCases()), ...facades.specs]);
    const measured = [...kernel, ...domain];
    const cases = measured.map((c) => {
      const ops = facades.ops[c.label];
      return ops === undefined || ops.calls === 0
        ? c
        : {
            ...c,
            extra: {
              ...c.extra,
              'store calls per call': `${(ops.reads / ops.calls).toFixed(1)} reads, ${(ops.appends / ops.calls).toFixed(1)} appends`,
            },
          };
    });
    return { cases, targets: targets(cases, facades.ops) };
  },
};

import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { Bench } from 'tinybench';

/** How long each measured case runs: quick mode is for smoke-testing the suite, not for figures. */
export interface RunMode {
  readonly quick: boolean;
  /** Time budget per case, in ms. */
  readonly time: number;
  /** Warm-up time per case, in ms. */
  readonly warmupTime: number;
}

/** One measured case: a rate and, where each iteration is one operation, its latency. */
export interface CaseResult {
  readonly scenario: string;
  readonly label: string;
  /** Operations per second; `unit` says what one operation is. */
  readonly rate: number;
  readonly unit: string;
  readonly p50Us?: number;
  readonly p99Us?: number;
  /** In %: half the spread of the round rates around their median (how much the machine drifted), or for a case run alone tinybench's margin of error. */
  readonly rmePct?: number;
  readonly samples?: number;
  /** The machine's 1-minute load average when the case finished: above the core count, figures carry others' work. */
  readonly load1?: number;
  /** Anything else a reader needs to interpret the figure (peak heap, population…). */
  readonly extra?: Readonly<Record<string, number | string>>;
  /** Rates of each round when the case was measured in interleaved rounds with others (`measureInterleaved`). */
  readonly roundRates?: readonly number[];
  /** Which `measureInterleaved` call measured it: only cases of one call were measured side by side. */
  readonly group?: number;
}

/** A target of issue 10 checked against this run's figures. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

/** A scenario that was not measured, and why (its code has not landed yet, or it was filtered out). */
export interface Skipped {
  readonly scenario: string;
  readonly reason: string;
}

/** What a scenario hands back to the runner. */
export interface ScenarioOutput {
  readonly cases: readonly CaseResult[];
  readonly targets?: readonly TargetCheck[];
  readonly skipped?: readonly Skipped[];
}

/** A named group of cases, run in the suite's order. */
export interface Scenario {
  readonly name: string;
  readonly title: string;
  /** Scenarios whose figures this one's targets compare against; run first when this one is picked. */
  readonly needs?: readonly string[];
  /** Gets the figures of scenarios that ran before it, e.g. the baseline for a ratio. */
  readonly run: (mode: RunMode, earlier: readonly CaseResult[]) => Promise<ScenarioOutput>;
}

/** The machine and runtime the figures were taken on. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
}

/** Describes this machine. */
export const machine = (): Machine => ({
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  v8: process.versions.v8,
  platform: `${process.platform}-${process.arch}`,
});

/** The commit the figures belong to, with a `+dirty` mark when the tree had changes. */
export const gitCommit = (): string => {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
    return dirty === '' ? sha : `${sha}+dirty`;
  } catch {
    return 'unknown';
  }
};

/** One case to measure: `fn` is one operation; `beforeEach` runs before each, outside its timing. */
export interface CaseSpec {
  readonly scenario: string;
  readonly label: string;
  readonly unit: string;
  readonly fn: () => unknown;
  readonly extra?: CaseResult['extra'];
  readonly beforeEach?: () => unknown;
}

/** The samples of one short run of a case. */
export interface Slice {
  readonly samples: readonly number[];
  readonly meanMs: number;
  /** tinybench's relative margin of error of the mean, in %. */
  readonly rmePct: number;
}

/** Runs `spec` for `time` ms (after `warmupTime` ms) with tinybench, one operation per iteration. */
export const slice = async (spec: CaseSpec, time: number, warmupTime: number): Promise<Slice> => {
  const bench = new Bench({
    time,
    warmupTime,
    timestampProvider: 'hrtimeNow',
    throws: true,
    retainSamples: true,
  });
  const before = spec.beforeEach;
  bench.add(
    spec.label,
    spec.fn,
    before === undefined ? {} : { beforeEach: async () => void (await before()) },
  );
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics'))
    throw new Error(`${spec.scenario}/${spec.label} did not complete (${result?.state ?? 'no result'})`);
  return { samples: result.latency.samples ?? [], meanMs: result.latency.mean, rmePct: result.latency.rme };
};

const quantile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
};

/** The median of a list of numbers. */
export const median = (values: readonly number[]): number =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

const ROUNDS = { quick: 3, full: 8 };
let groups = 0;

/** A case as the rounds see it: what it is, and how to run a slice of it (here or in another process). */
export interface SliceRunner {
  readonly info: Pick<CaseSpec, 'scenario' | 'label' | 'unit' | 'extra'>;
  /** Runs the case for `time` ms after `warmupTime` ms, after a full collection. */
  readonly run: (time: number, warmupTime: number) => Promise<Slice>;
}

/**
 * Measures cases in interleaved rounds (A B C, A B C, …), each round a short tinybench run per case
 * after a full collection, so that a ratio between two of them compares rounds taken side by side:
 * on a shared or throttled machine the speed drifts between runs far more than within one round.
 * Every case gets `mode.time` ms of samples in all; the rate is 1 / mean latency over every sample.
 */
export const measureRounds = async (
  mode: RunMode,
  runners: readonly SliceRunner[],
): Promise<CaseResult[]> => {
  // A case alone is one continuous run: slicing it buys nothing, and a full collection before each
  // slice of a case holding a large heap (a 1M-customer index) spreads collector work over its samples.
  const rounds = runners.length === 1 ? 1 : mode.quick ? ROUNDS.quick : ROUNDS.full;
  const group = ++groups;
  const per = runners.map(() => ({ samples: [] as number[], means: [] as number[], rme: 0 }));
  for (const runner of runners) await runner.run(1, mode.warmupTime);
  for (let round = 0; round < rounds; round++) {
    for (const [i, runner] of runners.entries()) {
      const done = await runner.run(mode.time / rounds, 0);
      const mine = per[i] as { samples: number[]; means: number[]; rme: number };
      for (const sample of done.samples) mine.samples.push(sample);
      mine.means.push(done.meanMs);
      mine.rme = done.rmePct;
    }
  }
  return runners.map(({ info }, i) => {
    const { samples, means, rme } = per[i] as { samples: number[]; means: number[]; rme: number };
    const sorted = samples.sort((a, b) => a - b);
    const mean = sorted.reduce((sum, s) => sum + s, 0) / sorted.length;
    const rates = means.map((m) => 1000 / m);
    return {
      scenario: info.scenario,
      label: info.label,
      rate: 1000 / mean,
      unit: info.unit,
      p50Us: quantile(sorted, 0.5) * 1000,
      p99Us: quantile(sorted, 0.99) * 1000,
      // Rounds: half the spread of their rates around the median (how much the machine drifted);
      // one continuous run: tinybench's margin of error of the mean.
      rmePct: rates.length > 1 ? (100 * (Math.max(...rates) - Math.min(...rates))) / 2 / median(rates) : rme,
      samples: sorted.length,
      load1: loadavg()[0] ?? 0,
      roundRates: rates,
      group,
      ...(info.extra === undefined ? {} : { extra: info.extra }),
    };
  });
};

/** A case run in this process, after a full collection. */
export const localRunner = (spec: CaseSpec): SliceRunner => ({
  info: spec,
  run: (time, warmupTime) => {
    global.gc?.();
    return slice(spec, time, warmupTime);
  },
});

/** `measureRounds` of cases that all run in this process. */
export const measureInterleaved = (mode: RunMode, specs: readonly CaseSpec[]): Promise<CaseResult[]> =>
  measureRounds(mode, specs.map(localRunner));

/** Measures one case alone: `measureInterleaved` of one spec, in one continuous run. */
export const measure = async (
  mode: RunMode,
  scenario: string,
  label: string,
  unit: string,
  fn: () => unknown,
  extra?: CaseResult['extra'],
  beforeEach?: () => unknown,
): Promise<CaseResult> => {
  const [result] = await measureInterleaved(mode, [
    {
      scenario,
      label,
      unit,
      fn,
      ...(extra === undefined ? {} : { extra }),
      ...(beforeEach === undefined ? {} : { beforeEach }),
    },
  ]);
  // Its rounds were not taken beside any other case's, so no ratio may pair them.
  const { roundRates: _alone, ...alone } = result as CaseResult;
  return alone;
};

/** Finds an earlier case by scenario and label. */
export const find = (cases: readonly CaseResult[], scenario: string, label: string): CaseResult | undefined =>
  cases.find((c) => c.scenario === scenario && c.label === label);

/**
 * A ratio target: `numerator / denominator ≥ min`. Cases measured in the same interleaved rounds
 * are compared round by round (the median of the per-round ratios); others by their overall rates.
 */
export const ratioTarget = (
  target: string,
  numerator: CaseResult | undefined,
  denominator: CaseResult | undefined,
  min: number,
): TargetCheck[] => {
  if (numerator === undefined || denominator === undefined) return [];
  const a = numerator.roundRates;
  const b = denominator.roundRates;
  const paired =
    a !== undefined &&
    b !== undefined &&
    numerator.group === denominator.group &&
    a.length === b.length &&
    a.length > 1;
  const ratio = paired ? median(a.map((r, i) => r / (b[i] as number))) : numerator.rate / denominator.rate;
  const how = paired ? `median of ${a.length} interleaved rounds; ` : '';
  return [
    {
      target,
      measured: `${ratio.toFixed(2)}× (${how}${formatRate(numerator.rate)} ${numerator.unit} / ${formatRate(denominator.rate)} ${denominator.unit})`,
      pass: ratio >= min,
    },
  ];
};

/** A rate with thousands grouped, e.g. `123 456`. */
export const formatRate = (rate: number): string =>
  Math.round(rate)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

const micro = (us: number | undefined): string =>
  us === undefined ? '–' : us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`;

/** The markdown tables of one run: machine, cases, targets, skipped scenarios. */
export const markdown = (run: RunReport): string => {
  const m = run.machine;
  const lines = [
    `Run of ${run.date} (${run.mode} mode, commit ${run.commit}) on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (V8 ${m.v8}), ${m.platform}.`,
    '',
    `Load average (1 min) at start ${run.loadStart.toFixed(1)}, at end ${run.loadEnd.toFixed(1)}, on ${m.cores} cores; the Load column is the 1-minute load average after each case (above ${m.cores}, other processes shared the CPU during it).`,
    '',
    '| Scenario | Case | Rate | p50 | p99 | ± | Samples | Load | Notes |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...run.cases.map((c) => {
      const notes = Object.entries(c.extra ?? {})
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ');
      const rme = c.rmePct === undefined ? '–' : `${c.rmePct.toFixed(1)}%`;
      return `| ${c.scenario} | ${c.label} | ${formatRate(c.rate)} ${c.unit} | ${micro(c.p50Us)} | ${micro(c.p99Us)} | ${rme} | ${c.samples ?? '–'} | ${c.load1 === undefined ? '–' : c.load1.toFixed(1)} | ${notes} |`;
    }),
  ];
  if (run.targets.length > 0) {
    lines.push('', '| Target | Measured | Pass |', '| --- | --- | :---: |');
    for (const t of run.targets)
      lines.push(`| ${t.target} | ${t.measured} | ${t.pass ? '✅ pass' : '❌ fail'} |`);
  }
  if (run.skipped.length > 0) {
    lines.push('', 'Not measured in this run:', '');
    for (const s of run.skipped) lines.push(`- **${s.scenario}**: ${s.reason}`);
  }
  return `${lines.join('\n')}\n`;
};

/** Everything one `npm run bench` produced; written to bench/results/*.json. */
export interface RunReport {
  readonly date: string;
  readonly mode: 'full' | 'quick';
  readonly commit: string;
  readonly machine: Machine;
  readonly filter: readonly string[];
  readonly cases: readonly CaseResult[];
  readonly targets: readonly TargetCheck[];
  readonly skipped: readonly Skipped[];
  readonly durationS: number;
  /** 1-minute load average before the first case and after the last. */
  readonly loadStart: number;
  readonly loadEnd: number;
}

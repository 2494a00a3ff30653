import { loadavg } from 'node:os';
import type { CaseResult, Scenario, TargetCheck } from '../harness.mjs';
import { formatRate } from '../harness.mjs';
import { dataset } from '../readSide/dataset.mjs';
import { runTask } from '../readSide/spawn.mjs';

/** What the rebuild task reports (child.mts). */
interface RebuildOutput {
  readonly events: number;
  readonly loadMs: number;
  readonly logHeapMiB: number;
  readonly projections: readonly {
    readonly name: string;
    readonly applied: number;
    readonly ms: number;
    readonly gcS: number;
    readonly peakHeapMiB: number;
    readonly retainedMiB: number;
  }[];
  readonly all: AllAtOnce;
  readonly maxRssMiB: number;
}

/** Every projection rebuilt in one pass by one projection group (child.mts `rebuildAll`). */
interface AllAtOnce {
  readonly ms: number;
  readonly gcS: number;
  readonly applied: number;
  readonly peakHeapMiB: number;
  readonly retainedMiB: number;
}

/** Log events per second of a pass that took `ms`. */
const perSecond = (events: number, ms: number) => (events * 1000) / ms;

const TARGET = 200_000;

/**
 * Rebuild of every projection of `@tillstream/projections` from a JSONL log of whole copies of the
 * template day (about 1,000,000 events over 100 shops), loaded into the in-memory store as
 * `tillstream import` does, in a child process so that its peak memory is its own.
 */
export const rebuild: Scenario = {
  name: 'rebuild',
  title: 'Read side: rebuild of every projection from a 1,000,000-event log',
  run: async (mode) => {
    const data = await dataset({ kind: 'shops', minEvents: mode.quick ? 20_000 : 1_000_000 }, console.error);
    // REBUILD_ALL_ONLY=1 measures only the all-in-one pass (each projection alone takes four fifths of the time).
    const allOnly = process.env['REBUILD_ALL_ONLY'] === '1';
    const out = await runTask<RebuildOutput>('rebuild', { path: data.path, mode, allOnly });
    const load1 = loadavg()[0] ?? 0;
    const log = `${formatRate(out.events)} events, ${data.copies} copies of a ${data.templateEvents}-event day, ${data.tenants} shops`;
    const cases: CaseResult[] = [
      {
        scenario: 'rebuild',
        label: `load: import the JSONL log into the in-memory store (${log})`,
        rate: perSecond(out.events, out.loadMs),
        unit: 'events/s',
        load1,
        extra: { 'log heap': `${out.logHeapMiB} MiB` },
      },
      ...out.projections.map((p): CaseResult => ({
        scenario: 'rebuild',
        label: `rebuild ${p.name} (runner from the start to the head, as \`tillstream rebuild\`)`,
        rate: perSecond(out.events, p.ms),
        unit: 'events/s',
        load1,
        extra: {
          time: `${(p.ms / 1000).toFixed(2)} s (GC ${p.gcS} s)`,
          applied: `${formatRate(p.applied)} (${formatRate(perSecond(p.applied, p.ms))}/s)`,
          'peak heap': `+${p.peakHeapMiB} MiB`,
          model: `${p.retainedMiB} MiB`,
        },
      })),
      {
        scenario: 'rebuild',
        label:
          'rebuild all five projections in one pass (one projection group: one subscription, each projection decodes, applies and checkpoints on its own, as `tillstream rebuild` runs several)',
        rate: perSecond(out.events, out.all.ms),
        unit: 'events/s',
        load1,
        extra: {
          time: `${(out.all.ms / 1000).toFixed(2)} s (GC ${out.all.gcS} s)`,
          applied: formatRate(out.all.applied),
          'peak heap': `+${out.all.peakHeapMiB} MiB`,
          models: `${out.all.retainedMiB} MiB`,
          'process peak RSS (log included)': `${out.maxRssMiB} MiB`,
        },
      },
    ];
    const targets: TargetCheck[] = [
      ...out.projections.map((p) => ({
        target: `Rebuild of ${p.name} ≥ ${formatRate(TARGET)} log events/s (${formatRate(out.events)}-event log)`,
        measured: `${formatRate(perSecond(out.events, p.ms))} events/s`,
        pass: perSecond(out.events, p.ms) >= TARGET,
      })),
      {
        target: `Rebuild of all projections together ≥ ${formatRate(TARGET)} log events/s`,
        measured: `${formatRate(perSecond(out.events, out.all.ms))} events/s (${(out.all.ms / 1000).toFixed(1)} s for all five in one pass)`,
        pass: perSecond(out.events, out.all.ms) >= TARGET,
      },
    ];
    return { cases, targets };
  },
};

import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { auditJsonlFile, defaultAuditThreads } from '@tillstream/cli';
import type { CaseResult, Scenario } from '../harness.mjs';
import { formatRate } from '../harness.mjs';
import { dataset } from '../readSide/dataset.mjs';
import { runScript, runTask } from '../readSide/spawn.mjs';

/** What an audit run reports (child.mts's audit task, or this file run as a child). */
interface AuditOutput {
  readonly events: number;
  readonly ms: number;
  readonly gcS: number;
  readonly wallets: number;
  readonly orders: number;
  readonly merges: number;
  readonly violations: number;
  readonly firstViolation?: string;
  readonly maxRssMiB: number;
  readonly threads?: number;
}

const TARGET = 100_000;
const self = fileURLToPath(import.meta.url);

/** `auditJsonlFile` as `tillstream audit <file>` runs it: run in a child process (this file), so its peak memory is its own. */
const cliAudit = (path: string, threads?: number): Promise<AuditOutput> =>
  runScript(self, [JSON.stringify({ path, threads })], 'the audit child');

/** The child: one audit of the file, timed from the call to the report. */
const child = async (path: string, threads: number | undefined): Promise<AuditOutput> => {
  const collections: { start: number; duration: number }[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) collections.push({ start: e.startTime, duration: e.duration });
  }).observe({ entryTypes: ['gc'] });
  // What the CLI would choose now (its default looks at the load): chosen here to report it.
  const chosen = threads ?? defaultAuditThreads(statSync(path).size);
  const started = performance.now();
  const report = await auditJsonlFile(path, { threads: chosen });
  const ended = performance.now();
  await sleep(50);
  const gcMs = collections.filter((c) => c.start >= started).reduce((sum, c) => sum + c.duration, 0);
  return {
    events: report.events,
    ms: ended - started,
    gcS: Math.round(gcMs / 10) / 100,
    wallets: report.wallets.length,
    orders: report.orders.length,
    merges: report.merges.length,
    violations: report.violations.length,
    ...(report.violations[0] === undefined ? {} : { firstViolation: report.violations[0].message }),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    threads: chosen,
  };
};

if (process.argv[1] === self) {
  const { path, threads } = JSON.parse(process.argv[2] ?? '{}') as { path: string; threads?: number };
  process.stdout.write(`${JSON.stringify(await child(path, threads))}\n`);
}

const caseOf = (label: string, out: AuditOutput, gcNote: string): CaseResult => {
  // A generated day breaks no rule: a violation here means the generator or the audit is wrong.
  if (out.violations > 0)
    throw new Error(`audit found ${out.violations} violations: ${out.firstViolation ?? ''}`);
  return {
    scenario: 'audit',
    label: `${label}, ${formatRate(out.events)} events`,
    rate: (out.events * 1000) / out.ms,
    unit: 'events/s',
    load1: loadavg()[0] ?? 0,
    extra: {
      time: `${(out.ms / 1000).toFixed(2)} s (GC ${out.gcS} s${gcNote})`,
      report: `${formatRate(out.wallets)} wallets, ${formatRate(out.orders)} orders, ${formatRate(out.merges)} merges, 0 violations`,
      'process peak RSS': `${out.maxRssMiB} MiB`,
    },
  };
};

/**
 * `tillstream audit <file>` of the rebuild scenario's log (`auditJsonlFile`: tenants shared among
 * threads, `defaultAuditThreads`), and `auditLog` over one `readJsonlFile` stream (one thread, as
 * for stdin), each in its own child process.
 */
export const audit: Scenario = {
  name: 'audit',
  title: 'Read side: audit replay of a 1,000,000-event JSONL log',
  run: async (mode) => {
    const data = await dataset({ kind: 'shops', minEvents: mode.quick ? 20_000 : 1_000_000 }, console.error);
    const file = await cliAudit(data.path);
    const stream = await runTask<AuditOutput>('audit', { path: data.path, mode });
    const cli = caseOf(
      `tillstream audit <file> (auditJsonlFile, ${file.threads ?? '?'} thread${file.threads === 1 ? '' : 's'})`,
      file,
      ', main thread only',
    );
    return {
      cases: [
        cli,
        caseOf('audit replay from a JSONL stream (readJsonlFile + auditLog, one thread)', stream, ''),
      ],
      targets: [
        {
          target: `Audit replay from JSONL ≥ ${formatRate(TARGET)} events/s (tillstream audit <file>)`,
          measured: `${formatRate(cli.rate)} events/s`,
          pass: cli.rate >= TARGET,
        },
      ],
    };
  },
};

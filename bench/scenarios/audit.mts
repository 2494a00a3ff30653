import { loadavg } from 'node:os';
import type { Scenario } from '../harness.mjs';
import { formatRate } from '../harness.mjs';
import { dataset } from '../readSide/dataset.mjs';
import { runTask } from '../readSide/spawn.mjs';

/** What the audit task reports (child.mts). */
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
}

const TARGET = 100_000;

/** `auditLog` over `readJsonlFile` of the rebuild scenario's log, as `tillstream audit <file>` runs it. */
export const audit: Scenario = {
  name: 'audit',
  title: 'Read side: audit replay of a 1,000,000-event JSONL log',
  run: async (mode) => {
    const data = await dataset({ kind: 'shops', minEvents: mode.quick ? 20_000 : 1_000_000 }, console.error);
    const out = await runTask<AuditOutput>('audit', { path: data.path, mode });
    // A generated day breaks no rule: a violation here means the generator or the audit is wrong.
    if (out.violations > 0)
      throw new Error(`audit found ${out.violations} violations: ${out.firstViolation ?? ''}`);
    const rate = (out.events * 1000) / out.ms;
    return {
      cases: [
        {
          scenario: 'audit',
          label: `audit replay from JSONL (readJsonlFile + auditLog), ${formatRate(out.events)} events`,
          rate,
          unit: 'events/s',
          load1: loadavg()[0] ?? 0,
          extra: {
            time: `${(out.ms / 1000).toFixed(2)} s (GC ${out.gcS} s)`,
            report: `${formatRate(out.wallets)} wallets, ${formatRate(out.orders)} orders, ${formatRate(out.merges)} merges, 0 violations`,
            'process peak RSS': `${out.maxRssMiB} MiB`,
          },
        },
      ],
      targets: [
        {
          target: `Audit replay from JSONL ≥ ${formatRate(TARGET)} events/s`,
          measured: `${formatRate(rate)} events/s`,
          pass: rate >= TARGET,
        },
      ],
    };
  },
};

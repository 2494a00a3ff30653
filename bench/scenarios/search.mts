import { loadavg } from 'node:os';
import type { CaseResult, Scenario, TargetCheck } from '../harness.mjs';
import { formatRate } from '../harness.mjs';
import { BIG_SHOP, dataset } from '../readSide/dataset.mjs';
import { runTask } from '../readSide/spawn.mjs';

/** What the search task reports (child.mts). */
interface SearchOutput {
  readonly events: number;
  readonly buildMs: number;
  readonly buildGcS: number;
  readonly registered: number;
  readonly live: number;
  readonly indexMiB: number;
  readonly bytesPerCustomer: number;
  readonly peakHeapMiB: number;
  readonly phone: CaseResult;
  readonly fields: CaseResult & { readonly meanHits: number };
  readonly words: CaseResult;
  readonly maxRssMiB: number;
}

// The queries run as a search process would: the log the index was built from is dropped first.
const HEAP = { heap: 'index only (the event log dropped after the build)' };

const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${Math.round(n / 1000)}k`);

/**
 * Customer search of one shop holding 100k and 1M customers (names and addresses from Polish,
 * Russian/Bulgarian, Dutch and French/Danish pools): built from the log by the runner, then queried
 * the way a till does — a phone typed with spaces, two fields of an advanced search (first name and
 * the start of a last name), and two words in the shop's default fields — with the event log the
 * index was built from dropped and collected first, since a search process holds only its index.
 */
export const search: Scenario = {
  name: 'search',
  title: 'Read side: customer search at 100k and 1M customers in one shop',
  run: async (mode) => {
    const sizes = mode.quick ? [20_000] : [100_000, 1_000_000];
    const largest = Math.max(...sizes);
    const data = await dataset(
      { kind: 'customers', minCustomers: largest, prefixCustomers: sizes.filter((s) => s < largest) },
      console.error,
    );
    const cases: CaseResult[] = [];
    const targets: TargetCheck[] = [];
    for (const size of sizes) {
      const lines = size === largest ? undefined : data.prefixes[size];
      const out = await runTask<SearchOutput>('search', {
        path: data.path,
        mode,
        tenantId: BIG_SHOP,
        ...(lines === undefined ? {} : { lines }),
      });
      const at = `${k(out.registered)} customers`;
      const load1 = loadavg()[0] ?? 0;
      cases.push(
        {
          scenario: 'search',
          label: `${at}: build from the log (${formatRate(out.events)} customer events)`,
          rate: (out.registered * 1000) / out.buildMs,
          unit: 'customers/s',
          load1,
          extra: {
            time: `${(out.buildMs / 1000).toFixed(2)} s (GC ${out.buildGcS} s)`,
            live: `${formatRate(out.live)} (the rest merged away)`,
            index: `${out.indexMiB} MiB, ${Math.round(out.bytesPerCustomer)} B/customer`,
            'process peak RSS (log included)': `${out.maxRssMiB} MiB`,
          },
        },
        { ...out.phone, label: `${at}: exact phone lookup (typed "501 234 567")`, extra: HEAP },
        {
          ...out.fields,
          label: `${at}: advanced search, firstName + lastName prefix ("Anna, Kowa")`,
          extra: { 'mean hits': out.fields.meanHits.toFixed(1), ...HEAP },
        },
        { ...out.words, label: `${at}: two words in the default fields ("Ann Kowa")`, extra: HEAP },
      );
      if (size !== largest && !mode.quick) continue;
      targets.push(
        {
          target: `Search at ${at}: exact phone lookup p99 < 50 µs`,
          measured: `${(out.phone.p99Us ?? Infinity).toFixed(1)} µs`,
          pass: (out.phone.p99Us ?? Infinity) < 50,
        },
        {
          target: `Search at ${at}: two-field text search p99 < 5 ms`,
          measured: `${((out.fields.p99Us ?? Infinity) / 1000).toFixed(2)} ms`,
          pass: (out.fields.p99Us ?? Infinity) < 5000,
        },
        {
          target: `Search at ${at}: under 1 KiB of heap per customer`,
          measured: `${Math.round(out.bytesPerCustomer)} B/customer`,
          pass: out.bytesPerCustomer < 1024,
        },
      );
    }
    return { cases, targets };
  },
};

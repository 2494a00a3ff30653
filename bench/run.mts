// `npm run bench [-- [--quick] [--docs] [scenario…]]`: runs the suite (or the named scenarios and
// what they need), prints the markdown table, writes bench/results/<date>.json and latest.{json,md},
// and with --docs puts the table into docs/benchmarks.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseResult, RunMode, RunReport, Scenario, Skipped, TargetCheck } from './harness.mjs';
import { gitCommit, machine, markdown } from './harness.mjs';
import { adapterOverhead } from './scenarios/adapterOverhead.mjs';
import { audit } from './scenarios/audit.mjs';
import { commandHandling } from './scenarios/commandHandling.mjs';
import { phone } from './scenarios/phone.mjs';
import { privacy } from './scenarios/privacy.mjs';
import { rebuild } from './scenarios/rebuild.mjs';
import { search } from './scenarios/search.mjs';

const suite: readonly Scenario[] = [commandHandling, phone, rebuild, search, audit, privacy, adapterOverhead];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const toDocs = args.includes('--docs');
// The baseline, the wallet context and the peer are measured interleaved with the command cases.
const aliases: Readonly<Record<string, string>> = {
  baseline: 'commands',
  contexts: 'commands',
  peer: 'commands',
};
const names = args.filter((a) => !a.startsWith('--')).map((a) => aliases[a] ?? a);

const unknown = names.filter((n) => !suite.some((s) => s.name === n));
if (unknown.length > 0) {
  console.error(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${suite.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const picked = new Set<string>();
const pick = (name: string) => {
  if (picked.has(name)) return;
  picked.add(name);
  for (const need of suite.find((s) => s.name === name)?.needs ?? []) pick(need);
};
for (const name of names.length === 0 ? suite.map((s) => s.name) : names) pick(name);

const mode: RunMode = quick ? { quick, time: 150, warmupTime: 50 } : { quick, time: 2000, warmupTime: 500 };
const started = Date.now();
const loadStart = loadavg()[0] ?? 0;
const cases: CaseResult[] = [];
const targets: TargetCheck[] = [];
const skipped: Skipped[] = [];
for (const scenario of suite.filter((s) => picked.has(s.name))) {
  console.error(`▶ ${scenario.name}: ${scenario.title}`);
  global.gc?.();
  const out = await scenario.run(mode, cases);
  cases.push(...out.cases);
  targets.push(...(out.targets ?? []));
  skipped.push(...(out.skipped ?? []));
}

const report: RunReport = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  commit: gitCommit(),
  machine: machine(),
  filter: names,
  cases,
  targets,
  skipped,
  durationS: Math.round((Date.now() - started) / 100) / 10,
  loadStart,
  loadEnd: loadavg()[0] ?? 0,
};
const table = markdown(report);
console.log(table);

const results = join(root, 'bench', 'results');
mkdirSync(results, { recursive: true });
const json = `${JSON.stringify(report, null, 2)}\n`;
writeFileSync(join(results, `${report.date.replace(/[:.]/g, '-')}.json`), json);
writeFileSync(join(results, 'latest.json'), json);
writeFileSync(join(results, 'latest.md'), table);

if (toDocs) {
  const docs = join(root, 'docs', 'benchmarks.md');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const text = readFileSync(docs, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${docs} has no ${begin} … ${end} block`);
  writeFileSync(docs, `${text.slice(0, from + begin.length)}\n${table}${text.slice(to)}`);
  console.error(`Updated ${docs}`);
}

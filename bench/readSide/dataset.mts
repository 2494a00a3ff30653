// The read-side datasets: JSONL logs of copies of the template day, cached under bench/results/data
// (git-ignored) by a hash of the template's events, so they are rebuilt only when the domain
// writes different events.
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoredEvent } from '@tillstream/domain';
import { encodeJsonlLine, jsonlWriter } from '@tillstream/cli';
import { leftovers, replicator } from './replicate.mjs';
import { TEMPLATE_CUSTOMERS, templateEvents } from './templateDay.mjs';

// Bump when the replication changes what a copy holds.
const GENERATOR_VERSION = 2;

/** Shops the full log spreads its copies over. */
export const SHOPS = 100;

/** The tenant of the search dataset: one shop holding every customer. */
export const BIG_SHOP = 'bigshop';

/** A generated log on disk and what it holds. */
export interface Dataset {
  readonly path: string;
  readonly events: number;
  readonly copies: number;
  /** Customers registered (the template's merges take some of them out of search). */
  readonly customers: number;
  /** Events of the first copies holding `prefixCustomers` customers, for smaller runs on the same file. */
  readonly prefixes: Readonly<Record<string, number>>;
  readonly tenants: number;
  readonly templateEvents: number;
  readonly generatedInS: number;
}

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'results', 'data');

const fingerprint = (template: readonly StoredEvent[], what: string) =>
  createHash('sha256')
    .update(`${GENERATOR_VERSION}|${what}|`)
    .update(template.map(encodeJsonlLine).join('\n'))
    .digest('hex')
    .slice(0, 12);

/**
 * Writes (or finds cached) a log of whole copies of the template day: at least `minEvents` events
 * spread over `SHOPS` shops (`kind: 'shops'`), or the customer streams of enough copies for
 * `minCustomers` customers in one shop (`kind: 'customers'`).
 */
export const dataset = async (
  spec:
    | { readonly kind: 'shops'; readonly minEvents: number }
    | {
        readonly kind: 'customers';
        readonly minCustomers: number;
        readonly prefixCustomers?: readonly number[];
      },
  log: (line: string) => void = () => undefined,
): Promise<Dataset> => {
  const all = await templateEvents();
  const template = spec.kind === 'shops' ? all : all.filter((e) => e.streamName.startsWith('customer-'));
  const what = spec.kind === 'shops' ? `shops-${spec.minEvents}` : `customers-${spec.minCustomers}`;
  const name = `${what}-${fingerprint(template, what)}`;
  const path = join(dataDir, `${name}.jsonl`);
  const metaPath = join(dataDir, `${name}.json`);
  if (existsSync(path) && existsSync(metaPath)) return JSON.parse(readFileSync(metaPath, 'utf8')) as Dataset;

  const started = Date.now();
  mkdirSync(dataDir, { recursive: true });
  // Logs of an older template are stale (the domain now writes other events): a gigabyte each.
  for (const file of readdirSync(dataDir))
    if (file.startsWith(`${what}-`) && !file.startsWith(name)) rmSync(join(dataDir, file));
  const copies =
    spec.kind === 'shops'
      ? Math.ceil(spec.minEvents / template.length)
      : Math.ceil(spec.minCustomers / TEMPLATE_CUSTOMERS);
  log(`generating ${path} (${copies} copies of ${template.length} template events)…`);
  const copy = replicator(template);
  const partial = `${path}.partial`;
  const out = jsonlWriter(createWriteStream(partial));
  const prefixes: Record<string, number> = {};
  const marks = spec.kind === 'customers' ? (spec.prefixCustomers ?? []) : [];
  let position = 0n;
  for (let k = 0; k < copies; k++) {
    for (const mark of marks)
      if (k * TEMPLATE_CUSTOMERS >= mark && prefixes[mark] === undefined) prefixes[mark] = Number(position);
    const tenantId = spec.kind === 'shops' ? `shop${k % SHOPS}` : BIG_SHOP;
    const events = copy({ index: k, tenantId }, (n) => position + BigInt(n) + 1n);
    if (k === 0) {
      const left = leftovers(template, events);
      if (left.length > 0) throw new Error(`a copy still holds template values: ${left.join(', ')}`);
    }
    for (const e of events) await out.write(e);
    position += BigInt(events.length);
  }
  await out.end();
  renameSync(partial, path);
  const meta: Dataset = {
    path,
    events: Number(position),
    copies,
    customers: copies * TEMPLATE_CUSTOMERS,
    prefixes,
    tenants: spec.kind === 'shops' ? Math.min(SHOPS, copies) : 1,
    templateEvents: template.length,
    generatedInS: Math.round((Date.now() - started) / 100) / 10,
  };
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  log(`generated ${meta.events} events in ${meta.generatedInS} s`);
  return meta;
};

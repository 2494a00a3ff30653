// The heavy read-side work, one task per child process so that its peak memory is its own:
// `node --expose-gc bench/dist/readSide/child.mjs <task> <json options>` prints one JSON line.
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapStatistics } from 'node:v8';
import type { Event, EventStore, InMemoryEventStore, StoredEvent } from '@tillstream/domain';
import {
  defaultCustomerPolicy,
  inMemoryEventStore,
  inMemoryKeyStore,
  personalDataStore,
} from '@tillstream/domain';
import type { CustomerSearch, Projection } from '@tillstream/projections';
import {
  auditTrailProjection,
  createProjectionGroup,
  createProjectionRunner,
  customerSearchProjection,
  defaultCustomerSearchPolicy,
  domainIdentifierReaders,
  inMemoryCheckpointStore,
  orderBoardProjection,
  uniquenessRegistryProjection,
  walletViewsProjection,
} from '@tillstream/projections';
import type { JsonlRecord } from '@tillstream/cli';
import { auditLog, importEvents, readJsonlFile } from '@tillstream/cli';
import type { RunMode } from '../harness.mjs';
import { measure } from '../harness.mjs';

/** What every task is given. */
export interface TaskOptions {
  readonly path: string;
  /** Read only this many lines of the file (default: all). */
  readonly lines?: number;
  readonly mode: RunMode;
  /** Projections to rebuild (default: all). */
  readonly only?: readonly string[];
  /** Seal personal fields on load and rebuild through the decrypting store. */
  readonly sealed?: boolean;
}

const MiB = 2 ** 20;
const heapUsed = () => getHeapStatistics().used_heap_size;
// One full collection with a million-event log in the heap takes about a second: called sparingly.
const settledHeap = () => {
  global.gc?.();
  return heapUsed();
};
// Collections as the runtime reports them, to tell how much of a pass was garbage collection.
const collections: { start: number; duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push({ start: e.startTime, duration: e.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });

/** Seconds spent collecting garbage between two `performance.now()` readings. */
const gcSeconds = async (from: number, to: number) => {
  // Entries reach the observer on a later turn of the event loop.
  await sleep(50);
  const ms = collections
    .filter((c) => c.start >= from && c.start < to)
    .reduce((sum, c) => sum + c.duration, 0);
  return Math.round(ms / 10) / 100;
};

const maxRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

async function* upTo(records: AsyncIterable<JsonlRecord>, lines: number | undefined) {
  for await (const record of records) {
    if (lines !== undefined && record.line > lines) return;
    yield record;
  }
}

/** Loads the file into the in-memory store (sealing personal fields if asked), as `tillstream import` would. */
const load = async (o: TaskOptions) => {
  const raw = inMemoryEventStore();
  const keys = o.sealed === true ? inMemoryKeyStore() : undefined;
  const store: EventStore = keys === undefined ? raw : personalDataStore(raw, { keys });
  const started = performance.now();
  const imported = await importEvents(upTo(readJsonlFile(o.path), o.lines), store);
  if (imported._tag === 'Left') throw imported.left;
  return { raw, store, events: imported.right, loadMs: performance.now() - started };
};

/** The library's projections, configured as `tillstream rebuild` does (plus the registry). */
const projections: Readonly<Record<string, () => Projection<unknown, Event>>> = {
  'customer-search': () =>
    customerSearchProjection({
      policyFor: () => defaultCustomerSearchPolicy,
      readers: domainIdentifierReaders,
    }) as unknown as Projection<unknown, Event>,
  'uniqueness-registry': () =>
    uniquenessRegistryProjection({
      secretFor: (tenantId) => tenantId,
      policyFor: () => defaultCustomerPolicy,
    }) as unknown as Projection<unknown, Event>,
  'order-board': () => orderBoardProjection() as unknown as Projection<unknown, Event>,
  'wallet-views': () => walletViewsProjection() as unknown as Projection<unknown, Event>,
  'audit-trail': () => auditTrailProjection() as unknown as Projection<unknown, Event>,
};

/** Counts applied events and samples the heap every 4,096 of them (synchronously: the projections' apply is). */
const sampled = (projection: Projection<unknown, Event>) => {
  const seen = { applied: 0, peakHeap: heapUsed() };
  const wrapped: Projection<unknown, Event> = {
    ...projection,
    apply: (model, event) => {
      const next = projection.apply(model, event);
      if (next instanceof Promise)
        throw new Error(`${projection.name}: the bench expects a synchronous apply`);
      if ((++seen.applied & 4095) === 0) seen.peakHeap = Math.max(seen.peakHeap, heapUsed());
      return next;
    },
  };
  return { wrapped, seen };
};

/** Runs one projection from the start of the log to its head, as `rebuildProjection` does. */
const rebuildOne = async (store: EventStore, projection: Projection<unknown, Event>) => {
  const { wrapped, seen } = sampled(projection);
  const runner = createProjectionRunner({
    store,
    checkpoints: inMemoryCheckpointStore(),
    checkpointEvery: Number.MAX_SAFE_INTEGER,
    projection: wrapped,
  });
  const started = performance.now();
  await runner.start();
  await runner.waitFor();
  const ended = performance.now();
  seen.peakHeap = Math.max(seen.peakHeap, heapUsed());
  return { runner, ms: ended - started, gcS: await gcSeconds(started, ended), seen };
};

/**
 * Every projection in one pass, as `tillstream rebuild` runs several: one projection group (one
 * subscription, each event decoded and applied by each projection, each with its own checkpoint
 * saved at the head), one wall time for all.
 */
const rebuildAll = async (store: EventStore, names: readonly string[], base: number) => {
  const all = names.map((name) => sampled((projections[name] as () => Projection<unknown, Event>)()));
  const group = createProjectionGroup({
    store,
    checkpoints: inMemoryCheckpointStore(),
    checkpointEvery: Number.MAX_SAFE_INTEGER,
    projections: all.map(({ wrapped }) => wrapped),
  });
  const started = performance.now();
  await group.start();
  await group.waitFor();
  const ended = performance.now();
  const failed = (await group.status()).find((status) => status.state !== 'live');
  if (failed !== undefined) throw failed.lastError ?? new Error(`${failed.name} is ${failed.state}`);
  const ms = ended - started;
  const gcS = await gcSeconds(started, ended);
  const peak = Math.max(...all.map(({ seen }) => seen.peakHeap), heapUsed());
  const retained = settledHeap() - base;
  await group.stop();
  return {
    ms,
    gcS,
    applied: all.reduce((n, { seen }) => n + seen.applied, 0),
    peakHeapMiB: mib(peak - base),
    retainedMiB: mib(retained),
  };
};

/** `allOnly`: skip the passes of each projection alone (the all-in-one-pass case alone takes a fifth of the time). */
const rebuildTask = async (o: TaskOptions & { readonly allOnly?: boolean }) => {
  const { store, events, loadMs } = await load(o);
  const base = settledHeap();
  const results = [];
  for (const name of o.allOnly === true ? [] : (o.only ?? Object.keys(projections))) {
    const make = projections[name];
    if (make === undefined) throw new Error(`no projection ${name}`);
    const { runner, ms, gcS, seen } = await rebuildOne(store, make());
    const retained = settledHeap() - base;
    await runner.stop();
    results.push({
      name,
      gcS,
      applied: seen.applied,
      ms,
      peakHeapMiB: mib(seen.peakHeap - base),
      retainedMiB: mib(retained),
    });
  }
  const all = await rebuildAll(store, o.only ?? Object.keys(projections), base);
  return {
    events,
    loadMs,
    logHeapMiB: mib(base),
    projections: results,
    all,
    maxRssMiB: maxRssMiB(),
  };
};

/** Phones as typed and names of live customers, spread over the whole population. */
const samples = (raw: InMemoryEventStore, search: CustomerSearch, tenantId: string, count: number) => {
  const registered = raw.allEvents().filter((e) => e.type === 'CustomerRegistered');
  const step = Math.max(1, Math.floor(registered.length / count));
  const phones: string[] = [];
  const names: { first: string; last: string }[] = [];
  for (let i = 0; i < registered.length && phones.length < count; i += step) {
    const data = (registered[i] as StoredEvent).data as {
      customerId: string;
      profile: { phone?: { e164: string }; firstName?: string; lastName?: string };
    };
    if (search.resolve(tenantId, data.customerId) !== data.customerId) continue;
    const doc = search.index(tenantId).get(data.customerId);
    const phone = doc?.phones?.[0];
    if (phone !== undefined) {
      const national = phone.slice(3);
      phones.push(`${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`);
    }
    if (doc?.firstName !== undefined && doc.lastName !== undefined)
      names.push({ first: doc.firstName, last: doc.lastName });
  }
  return { registered: registered.length, phones, names };
};

// A Polish shop: phones are typed without the country code. One policy object, as a shop's settings are.
const polishPolicy = { ...defaultCustomerSearchPolicy, defaultCountry: 'PL' as const };

/** Loads the log, builds the search from it and picks its samples; the log is not kept past this. */
const buildSearch = async (o: TaskOptions & { readonly tenantId: string }) => {
  const { raw, store, events, loadMs } = await load(o);
  const base = settledHeap();
  const polish = customerSearchProjection({
    policyFor: () => polishPolicy,
    readers: domainIdentifierReaders,
  }) as unknown as Projection<unknown, Event>;
  const { runner, ms, gcS, seen } = await rebuildOne(store, polish);
  const search = runner.model() as CustomerSearch;
  const retained = settledHeap() - base;
  const picked = samples(raw, search, o.tenantId, 1000);
  await runner.stop();
  return { search, events, loadMs, base, ms, gcS, seen, retained, ...picked };
};

const searchTask = async (o: TaskOptions & { readonly tenantId: string }) => {
  const { search, events, loadMs, base, ms, gcS, seen, retained, registered, phones, names } =
    await buildSearch(o);
  // A search process holds its index, not the event log it was built from: the log is dropped here
  // and collected before any query is timed.
  settledHeap();
  const live = search.index(o.tenantId).size();
  let p = 0;
  let n = 0;
  let hits = 0;
  let queries = 0;
  const phoneCase = await measure(o.mode, 'search', 'phone', 'lookups/s', () => {
    const phone = phones[p++ % phones.length] as string;
    const result = search.search(o.tenantId, phone);
    if (result.hits[0]?.matchedBy !== 'phone') throw new Error(`phone ${phone} not found`);
  });
  const fieldsCase = await measure(o.mode, 'search', 'fields', 'searches/s', () => {
    const { first, last } = names[n++ % names.length] as { first: string; last: string };
    const result = search.advancedSearch(o.tenantId, 'firstName, lastName', `${first}, ${last.slice(0, 4)}`);
    if (result._tag === 'Left' || result.right.hits.length === 0)
      throw new Error(`${first} ${last} not found`);
    hits += result.right.hits.length;
    queries++;
  });
  let w = 0;
  const wordsCase = await measure(o.mode, 'search', 'words', 'searches/s', () => {
    const { first, last } = names[w++ % names.length] as { first: string; last: string };
    const result = search.search(o.tenantId, `${first.slice(0, 3)} ${last.slice(0, 4)}`);
    if (result.hits.length === 0) throw new Error(`${first} ${last} not found`);
  });
  return {
    events,
    loadMs,
    buildMs: ms,
    buildGcS: gcS,
    applied: seen.applied,
    registered,
    live,
    logHeapMiB: mib(base),
    indexMiB: mib(retained),
    bytesPerCustomer: retained / registered,
    peakHeapMiB: mib(seen.peakHeap - base),
    phone: phoneCase,
    fields: { ...fieldsCase, meanHits: hits / Math.max(1, queries) },
    words: wordsCase,
    maxRssMiB: maxRssMiB(),
  };
};

/** The file's events, as the CLI's `audit` reads them (one generator over the reader). */
async function* eventsOf(records: AsyncIterable<JsonlRecord>, lines: number | undefined) {
  for await (const { line, event } of records) {
    if (lines !== undefined && line > lines) return;
    yield event;
  }
}

const auditTask = async (o: TaskOptions) => {
  const started = performance.now();
  const report = await auditLog(eventsOf(readJsonlFile(o.path), o.lines));
  const ended = performance.now();
  const ms = ended - started;
  const gcS = await gcSeconds(started, ended);
  return {
    events: report.events,
    ms,
    gcS,
    wallets: report.wallets.length,
    orders: report.orders.length,
    merges: report.merges.length,
    violations: report.violations.length,
    firstViolation: report.violations[0]?.message,
    maxRssMiB: maxRssMiB(),
  };
};

const [task, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}') as TaskOptions & { readonly tenantId: string };
const out =
  task === 'rebuild'
    ? await rebuildTask(options)
    : task === 'search'
      ? await searchTask(options)
      : task === 'audit'
        ? await auditTask(options)
        : undefined;
if (out === undefined) throw new Error(`unknown task ${task}`);
process.stdout.write(`${JSON.stringify(out)}\n`);

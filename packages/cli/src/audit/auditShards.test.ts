import { beforeAll, describe, expect, it } from '@jest/globals';
import { inMemoryEventStore, type StoredEvent } from '@tillstream/domain';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlFormatError, encodeJsonlLine, readJsonlFile } from '../jsonl';
import { writeSampleShopDay } from '../testing/sampleShopDay';
import { auditShards, defaultAuditThreads } from './auditJsonlFile';
import { auditLog } from './auditLog';
import type { AuditOptions } from './auditReport';
import { auditShard, shardStop, ShardStoppedError } from './auditShard';

const SHOPS = ['shop1', 'shop2', 'shop3', 'shop4', 'shop5'];
let dir = '';
let log: StoredEvent[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tillstream-shards-'));
  // The shops' days interleaved event by event, as tills write a shared log, positions renumbered.
  const days = await Promise.all(
    SHOPS.map(async (shop) => {
      const store = inMemoryEventStore();
      await writeSampleShopDay(store, shop);
      return store.allEvents();
    }),
  );
  const longest = Math.max(...days.map((d) => d.length));
  for (let i = 0; i < longest; i++) for (const day of days) if (day[i] !== undefined) log.push(day[i]!);
  log = log.map((e, i) => ({ ...e, position: BigInt(100 + i * 3) }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const fileOf = (lines: readonly string[]) => {
  const path = join(dir, `log-${++files}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};
const linesOf = (events: readonly StoredEvent[]) => events.map(encodeJsonlLine);

async function* eventsOf(path: string) {
  for await (const { event } of readJsonlFile(path)) yield event;
}

/** The report of one replay of the whole file, and of the file cut in `count` shards, as JSON (key order counts). */
const both = async (path: string, count: number, options: AuditOptions = {}) => {
  const whole = JSON.stringify(await auditLog(eventsOf(path), options));
  // Small reads: a line another shard replays often sits in an earlier read than the line after it.
  const shards = await auditShards(count, options, (shard, stop) =>
    auditShard(path, shard, options, stop, 700),
  );
  return { whole, shards: shards === undefined ? undefined : JSON.stringify(shards) };
};

const nth = (type: string, shop: string, n = 0) =>
  log.filter((e) => e.type === type && e.streamName.includes(`-${shop}.`))[n]!;
const withData = (e: StoredEvent, data: Record<string, unknown>): StoredEvent => ({
  ...e,
  data: { ...(e.data as object), ...data },
});

/** A log breaking many rules at once, across tenants. */
const brokenLog = (): string[] => {
  const spent = nth('WalletSpent', 'shop2');
  const accepted = nth('OrderAccepted', 'shop3');
  const placed = nth('OrderPlaced', 'shop4');
  const transferred = nth('WalletMoneyTransferredIn', 'shop1');
  const events = log
    .filter((e) => e !== accepted)
    .map((e) =>
      e === spent
        ? withData(e, { amount: 150 })
        : e === placed
          ? withData(e, { paymentMethod: 'iou' })
          : e === transferred
            ? withData(e, { amount: 200, balanceAfter: 1200 })
            : e,
    );
  // Two neighbours of different shops swapped: the log goes back in position across shards.
  const at = events.findIndex((e, i) => i > 40 && !e.streamName.includes('-shop1.'));
  [events[at], events[at + 1]] = [events[at + 1]!, events[at]!];
  const lines = linesOf(events);
  // Events no context owns, one in a stream without a tenant; and a line in another key order.
  lines.splice(
    30,
    0,
    encodeJsonlLine({
      ...log[0]!,
      streamName: 'note-shop2.n-1',
      metadata: { ...log[0]!.metadata, tenantId: 'shop2' },
      type: 'NoteWritten',
      revision: 0n,
      position: 158n,
    }),
  );
  lines.splice(
    60,
    0,
    encodeJsonlLine({ ...log[0]!, streamName: 'stats', type: 'Tick', revision: 0n, position: 250n }),
  );
  const moved = log[70]!;
  lines[71] = JSON.stringify({
    stream: moved.streamName,
    v: 1,
    id: moved.eventId,
    position: String(moved.position),
    revision: String(moved.revision),
    type: moved.type,
    data: moved.data,
    metadata: moved.metadata,
  });
  return lines;
};

describe('auditing a file in shards of tenants', () => {
  it('gives the report of one replay on a clean log', async () => {
    const path = fileOf(linesOf(log));
    for (const count of [1, 2, 3]) {
      const { whole, shards } = await both(path, count);
      expect(shards).toBe(whole);
    }
    expect(JSON.parse((await both(path, 2)).whole).violations).toEqual([]);
  });

  it('gives the report of one replay on a log breaking rules in several shops, in the same order', async () => {
    const path = fileOf(brokenLog());
    const { whole, shards } = await both(path, 2);
    expect(new Set(JSON.parse(whole).violations.map((v: { code: string }) => v.code))).toEqual(
      new Set([
        'wallet.balance_after_mismatch',
        'order.deposit_without_wallet_debit',
        'log.revision_gap',
        'event.undecodable',
        'merge.money_lost',
        'log.out_of_order',
      ]),
    );
    expect(Object.keys(JSON.parse(whole).uninterpreted)).toEqual([
      'IdentifierReserved',
      'NoteWritten',
      'Tick',
    ]);
    expect(shards).toBe(whole);
    expect((await both(path, 3)).shards).toBe(whole);
  });

  it('gives the same report for one customer and as of a moment', async () => {
    const path = fileOf(brokenLog());
    for (const options of [{ customer: 'bob' }, { asOf: new Date('2026-03-01T10:05:00Z') }]) {
      const { whole, shards } = await both(path, 2, options);
      expect(shards).toBe(whole);
    }
  });

  it('names the first malformed line of the file, whichever shard reads it', async () => {
    const lines = linesOf(log);
    lines[8] = lines[8]!.slice(0, 120);
    lines[20] = '{oops';
    const path = fileOf(lines);
    const whole = await auditLog(eventsOf(path)).catch((e: unknown) => e);
    const shards = await auditShards(2, {}, (shard, stop) => auditShard(path, shard, {}, stop)).catch(
      (e: unknown) => e,
    );
    expect(whole).toBeInstanceOf(JsonlFormatError);
    expect(shards).toBeInstanceOf(JsonlFormatError);
    expect((shards as JsonlFormatError).message).toBe((whole as JsonlFormatError).message);
    expect((shards as JsonlFormatError).line).toBe(9);
  });

  it('stops reading where another shard met a malformed line: the lines after it cannot matter', async () => {
    const path = fileOf(linesOf(log));
    const stop = shardStop();
    Atomics.store(stop, 0, 9);
    await expect(auditShard(path, { index: 1, count: 2 }, {}, stop)).rejects.toEqual(
      new ShardStoppedError(10),
    );
  });

  it('declines a log that does not split along tenants: an event sealed in another shop, a key given twice', async () => {
    const sealed = linesOf(
      log.map((e) =>
        e === nth('WalletToppedUp', 'shop2') ? { ...e, metadata: { ...e.metadata, tenantId: 'shop3' } } : e,
      ),
    );
    expect((await both(fileOf(sealed), 2)).shards).toBeUndefined();
    const twice = linesOf(log);
    twice[10] = twice[10]!.replace(/}$/, `,"stream":${JSON.stringify(log[11]!.streamName)}}`);
    expect((await both(fileOf(twice), 2)).shards).toBeUndefined();
  });
});

describe('how many threads audit a file by default', () => {
  it('one per core, at most 4, for a large file; one for a small file', () => {
    expect(defaultAuditThreads(2 ** 30)).toBe(Math.min(4, availableParallelism()));
    expect(defaultAuditThreads(2 ** 20)).toBe(1);
  });
});

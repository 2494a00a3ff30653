import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEventStoreDBTestServer, type EventStoreDBTestServer } from '@tillstream/adapters/testing';
import { inMemoryEventStore } from '@tillstream/domain';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeJsonlLine } from './jsonl';
import { buildBinary, runBinary } from './testing/builtBinary';
import { writeSampleShopDay } from './testing/sampleShopDay';

let dir = '';
let clean = '';
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tillstream-cli-'));
  const store = inMemoryEventStore();
  await writeSampleShopDay(store);
  clean = store
    .allEvents()
    .map((e) => `${encodeJsonlLine(e)}\n`)
    .join('');
  await buildBinary();
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tillstream audit (the built binary)', () => {
  it('exits 0 on a clean log and ends with the invariant check', async () => {
    const run = await runBinary(['audit', file('clean.jsonl', clean)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('merge-1: bob-2 merged into bob');
    expect(run.stdout.trimEnd().endsWith('OK: every invariant holds.')).toBe(true);
  });

  it('exits 1 on a tampered log, naming the violation and the event behind it', async () => {
    const tampered = clean.replace('"amount":1150,', '"amount":150,');
    const run = await runBinary(['audit', file('tampered.jsonl', tampered)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '[wallet.balance_after_mismatch] WalletSpent wallet-shop1.alice@1 says the money balance is 3850 after it',
    );
    expect(run.stdout).toContain(
      '[order.deposit_without_wallet_debit] Order o-1 was paid 1150 from the deposit',
    );
    expect(run.stdout).toMatch(/wallet-shop1\.alice@1 \(WalletSpent, position \d+\)/);
  });

  it('exits 2 on a truncated last line, naming the line', async () => {
    const lines = clean.trimEnd().split('\n').length;
    const run = await runBinary(['audit', file('truncated.jsonl', clean.trimEnd().slice(0, -20))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Line ${lines} is not a tillstream event: invalid JSON`);
  });

  it('reads from stdin and writes JSON; as of a moment it shows the balances then', async () => {
    const run = await runBinary(
      ['audit', '-', '--format', 'json', '--customer', 'alice', '--as-of', '2026-03-01T09:20:00Z'],
      clean,
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { wallets: { balance: number }[]; asOf: string };
    expect(report.asOf).toBe('2026-03-01T09:20:00.000Z');
    expect(report.wallets.map((w) => w.balance)).toEqual([5000]);
  });

  it('exits 2 on a timestamp it cannot read, and on a format it does not know', async () => {
    const path = file('again.jsonl', clean);
    expect((await runBinary(['audit', path, '--as-of', 'yesterday'])).code).toBe(2);
    expect((await runBinary(['audit', path, '--format', 'xml'])).code).toBe(2);
  });
});

describe('tillstream rebuild (the built binary)', () => {
  const rowOf = (stdout: string, name: string) =>
    stdout.split('\n').find((line) => line.startsWith(`${name} `)) ?? '';

  it('runs every projection over a log and reports events applied, time, events/s and status', async () => {
    const run = await runBinary(['rebuild', '--from', file('rebuild.jsonl', clean)]);
    expect(run.code).toBe(0);
    // Every event but the idempotency-key reservations (unique-walletkey-…), which no projection reads.
    const events = clean
      .trimEnd()
      .split('\n')
      .filter((line) => !line.includes('"stream":"unique-walletkey-')).length;
    const orders = (clean.match(/"stream":"order-/g) ?? []).length;
    expect(rowOf(run.stdout, 'audit-trail')).toMatch(
      new RegExp(`^audit-trail +${events} +[\\d.]+ ms +\\d+ +live, 0 behind$`),
    );
    expect(rowOf(run.stdout, 'order-board')).toMatch(new RegExp(`^order-board +${orders} `));
    expect(rowOf(run.stdout, 'customer-search')).toMatch(/^customer-search +0 /);
  });

  it('runs only the projection asked for, and exits 2 naming the ones there are for a name it does not know', async () => {
    const path = file('one.jsonl', clean);
    const one = await runBinary(['rebuild', '--from', path, '--projection', 'wallet-views']);
    expect(one.code).toBe(0);
    expect(
      one.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(' ')[0]),
    ).toEqual(['projection', 'wallet-views']);
    const unknown = await runBinary(['rebuild', '--from', path, '--projection', 'tabs']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no projection "tabs"; there are customer-search, order-board');
  });

  it('exits 1 at a poison event, naming its stream, revision, line and cause', async () => {
    const lines = clean.trimEnd().split('\n');
    const at = lines.findIndex((line) => line.includes('"type":"WalletSpent"'));
    const poisoned = lines.map((line, i) =>
      i === at ? line.replace('"amount":1150', '"amount":"lots"') : line,
    );
    const run = await runBinary(['rebuild', '--from', file('poison.jsonl', `${poisoned.join('\n')}\n`)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `projection wallet-views stopped at WalletSpent wallet-shop1.alice@1 (line ${at + 1}): Event WalletSpent at wallet-shop1.alice@1 does not decode: field "amount"`,
    );
    expect(rowOf(run.stdout, 'wallet-views')).toMatch(/ failed$/);
    expect(rowOf(run.stdout, 'order-board')).toMatch(/ live, 0 behind$/);
  });
});

describe('tillstream export and import (the built binary, on the EventStoreDB test server)', () => {
  let server: EventStoreDBTestServer;
  beforeAll(async () => {
    server = await startEventStoreDBTestServer();
  });
  afterAll(() => server.stop());

  it('round-trips a log byte for byte: file → import → export', async () => {
    const path = file('source.jsonl', clean);
    const imported = await runBinary(['import', path, '--to', server.connectionString]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/imported 23 events/);
    const exported = await runBinary(['export', '--from', server.connectionString]);
    expect(exported.code).toBe(0);
    const strip = (text: string) => text.replace(/"position":"\d+",/g, '');
    expect(strip(exported.stdout)).toBe(strip(readFileSync(path, 'utf8')));
    // A second export of the server is byte-identical, positions included, and the import can be re-run.
    expect(
      (await runBinary(['import', file('exported.jsonl', exported.stdout), '--to', server.connectionString]))
        .code,
    ).toBe(0);
    expect((await runBinary(['export', '--from', server.connectionString])).stdout).toBe(exported.stdout);
  });

  it('rebuilds the projections from the store itself', async () => {
    const run = await runBinary([
      'rebuild',
      '--from',
      server.connectionString,
      '--projection',
      'audit-trail',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^audit-trail +17 .* live, 0 behind$/m);
  });

  it('exits 1 naming the line when the target already holds other events', async () => {
    const other = clean.replace(/"id":"[^"]+"/, '"id":"00000000-0000-4000-8000-00000000dead"');
    const run = await runBinary(['import', file('other.jsonl', other), '--to', server.connectionString]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Line 1: unique-walletkey-shop1\.\S+ revision 0 cannot be appended/);
  });
});

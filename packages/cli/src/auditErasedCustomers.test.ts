import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTillstream,
  inMemoryEventStore,
  manualClock,
  seededIds,
  type StoredEvent,
} from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditReport } from './audit';
import { encodeJsonlLine } from './jsonl';
import { buildBinary, runBinary } from './testing/builtBinary';
import { writeForgottenCustomersDay } from './testing/forgottenCustomersDay';

const SECRET_ENV = 'TILLSTREAM_AUDIT_TEST_SECRET';
const SECRET = 'audit-test-secret';

let dir = '';
const jsonl = (events: readonly StoredEvent[]) => events.map((e) => `${encodeJsonlLine(e)}\n`).join('');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
let beforeForget = '';
let afterForget = '';
let inClear = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tillstream-erased-'));
  const day = await writeForgottenCustomersDay();
  beforeForget = file('before.jsonl', jsonl(day.raw.allEvents()));
  await day.forgetOlga();
  afterForget = file('after.jsonl', jsonl(day.raw.allEvents()));
  // A shop that keeps personal fields in clear: its identifiers can be checked from the log.
  const raw = inMemoryEventStore();
  const shop = createTillstream({
    eventStore: raw,
    keys: false,
    clock: manualClock('2026-03-02T09:00:00.000Z'),
    ids: seededIds('clear'),
    tenantSecret: () => SECRET,
  });
  for (const [customerId, phone] of [
    ['ada', '+48 601 111 111'],
    ['ben', '+48 601 222 222'],
  ] as const) {
    const done = await shop.customers.register(
      { tenantId: 'shop1', actor: { role: 'operator', id: 'op' } },
      { customerId, phone },
    );
    if (E.isLeft(done)) throw done.left;
  }
  inClear = jsonl(raw.allEvents());
  await buildBinary();
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The secret reaches the binary only through its environment, as a deployment would pass it.
const withSecret = { [SECRET_ENV]: SECRET };

const auditJson = async (path: string, ...flags: readonly string[]) => {
  const run = await runBinary(['audit', path, '--format', 'json', ...flags]);
  return { code: run.code, report: JSON.parse(run.stdout) as AuditReport };
};

describe('tillstream audit of a log with forgotten customers (no keys)', () => {
  it('exits 0, reports them as erased, and finds the same wallets, orders and merges as before the forget', async () => {
    const before = await auditJson(beforeForget);
    const after = await auditJson(afterForget);
    expect([before.code, after.code]).toEqual([0, 0]);
    expect(after.report.violations).toEqual([]);
    expect(before.report.erased).toEqual([]);
    expect(after.report.erased).toEqual(['olga', 'olga-2']);
    expect(after.report.wallets).toEqual(before.report.wallets);
    expect(after.report.orders).toEqual(before.report.orders);
    expect(after.report.merges).toEqual(before.report.merges);
    expect(after.report.wallets.find((w) => w.customerId === 'olga-2')?.mergedInto).toBe('olga');
    expect(after.report.orders.map((o) => o.orderId).sort()).toEqual(['o-olga', 'o-olga-2']);
  });

  it('says so in the table, and still ends with every invariant holding, identifiers included', async () => {
    const run = await runBinary(
      ['audit', afterForget, '--tenant-secret-env', SECRET_ENV],
      undefined,
      withSecret,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Erased customers (2): olga, olga-2');
    expect(run.stdout.trimEnd().endsWith('OK: every invariant holds.')).toBe(true);
  });
});

describe('tillstream audit --tenant-secret-env (the identifier rule)', () => {
  it('finds a phone held by two live customers in a tampered log, naming it by its reservation key', async () => {
    const tampered = file('tampered.jsonl', inClear.replaceAll('+48601222222', '+48601111111'));
    expect(
      (
        await runBinary(
          ['audit', file('clear.jsonl', inClear), '--tenant-secret-env', SECRET_ENV],
          undefined,
          withSecret,
        )
      ).code,
    ).toBe(0);
    // Without the secret the rule cannot run, and says so.
    const unchecked = await runBinary(['audit', tampered]);
    expect([unchecked.code, unchecked.stdout]).toEqual([
      0,
      expect.stringContaining('identifiers not checked'),
    ]);
    const run = await runBinary(
      ['audit', tampered, '--tenant-secret-env', SECRET_ENV],
      undefined,
      withSecret,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /\[identifier\.held_by_two_live_customers\] The phone number with reservation key \S+ is held by 2 live customers: ada, ben\./,
    );
    expect(run.stdout).not.toContain('+48601111111');
  });

  it('refuses (exit 2) when the named variable is not set', async () => {
    const run = await runBinary([
      'audit',
      file('again.jsonl', inClear),
      '--tenant-secret-env',
      'TILLSTREAM_NO_SUCH_VAR',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('TILLSTREAM_NO_SUCH_VAR is not set');
  });
});

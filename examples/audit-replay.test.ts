import { afterAll, expect, it } from '@jest/globals';
import { exportEvents, readAllEvents, writeSampleShopDay } from '@tillstream/cli';
import { inMemoryEventStore } from '@tillstream/domain';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayExportedLog } from './audit-replay';

const dir = mkdtempSync(join(tmpdir(), 'tillstream-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('replays an exported log: balances now and as they stood in the morning, every invariant holding', async () => {
  const store = inMemoryEventStore();
  await writeSampleShopDay(store);
  const path = join(dir, 'events.jsonl');
  await exportEvents(readAllEvents(store), createWriteStream(path));

  const now = await replayExportedLog(path);
  expect(now.violations).toEqual([]);
  expect(now.wallets.find((w) => w.customerId === 'alice')?.balance).toBe(3850);

  const morning = await replayExportedLog(path, new Date('2026-03-01T09:05:00Z'));
  expect(morning.wallets.map((w) => [w.customerId, w.balance])).toEqual([['alice', 5000]]);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inMemoryEventStore, type StoredEvent } from '@tillstream/domain';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeJsonlLine } from '../jsonl';
import { buildBinary, runBinary } from '../testing/builtBinary';
import { writeSampleShopDay } from '../testing/sampleShopDay';

let dir = '';
let lines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tillstream-threads-'));
  const store = inMemoryEventStore();
  for (const shop of ['shop1', 'shop2', 'shop3']) await writeSampleShopDay(store, shop);
  lines = store.allEvents().map((e: StoredEvent) => encodeJsonlLine(e));
  await buildBinary();
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: readonly string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${content.join('\n')}\n`);
  return path;
};

// Each test starts two or three processes, each with worker threads: seconds on a busy machine.
const SLOW = 60_000;

const audit = (path: string, threads: number) =>
  runBinary(['audit', path, '--format', 'json', '--threads', String(threads)]);

describe('tillstream audit on worker threads (the built binary)', () => {
  it(
    'prints the report one thread prints, violations and exit code included',
    async () => {
      const tampered = lines.map((l) =>
        l.includes('-shop2.') ? l.replace('"amount":1150,', '"amount":150,') : l,
      );
      const path = file('tampered.jsonl', tampered);
      const [one, two, three] = await Promise.all([audit(path, 1), audit(path, 2), audit(path, 3)]);
      expect(one.code).toBe(1);
      expect(JSON.parse(one.stdout).violations.length).toBeGreaterThan(0);
      expect(two).toEqual(one);
      expect(three).toEqual(one);
    },
    SLOW,
  );

  it(
    'names the malformed line and exits 2, as one thread does',
    async () => {
      const broken = [...lines];
      broken[30] = broken[30]!.slice(0, 100);
      const path = file('broken.jsonl', broken);
      const [one, two] = await Promise.all([audit(path, 1), audit(path, 2)]);
      expect(one.code).toBe(2);
      expect(one.stderr).toContain('Line 31 is not a tillstream event');
      expect(two).toEqual(one);
    },
    SLOW,
  );

  it(
    'refuses a thread count that is not a whole number of at least 1',
    async () => {
      const run = await audit(file('clean.jsonl', lines), 0);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--threads "0"');
    },
    SLOW,
  );
});

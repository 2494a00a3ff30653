// Stream and $all reads (notes §2.4, §2.5).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  binaryEvent,
  jsonEvent,
} from '@eventstore/db-client';
import type { ServerAndClient } from './testKit';
import { collect, events, revisions, startServerAndClient, uniqueStream } from './testKit';

let kit: ServerAndClient;
let stream: string;
beforeAll(async () => {
  kit = await startServerAndClient();
  stream = uniqueStream('reads');
  await kit.client.appendToStream(stream, events(5));
});
afterAll(async () => kit.close());

describe('reading a stream', () => {
  it('forwards from a revision is inclusive and honours maxCount', async () => {
    const read = await collect(kit.client.readStream(stream, { fromRevision: 2n, maxCount: 2 }));
    expect(revisions(read)).toEqual([2n, 3n]);
  });

  it('backwards from the end returns the newest first', async () => {
    const read = await collect(
      kit.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 3 }),
    );
    expect(revisions(read)).toEqual([4n, 3n, 2n]);
  });

  it('backwards from a revision past the end starts at the last event', async () => {
    const read = await collect(kit.client.readStream(stream, { direction: BACKWARDS, fromRevision: 99n }));
    expect(revisions(read)).toEqual([4n, 3n, 2n, 1n, 0n]);
  });

  it('a missing stream answers stream_not_found, which the client throws', async () => {
    await expect(collect(kit.client.readStream(uniqueStream('missing')))).rejects.toBeInstanceOf(
      StreamNotFoundError,
    );
  });

  it('returns data, custom metadata, type, id and a server timestamp as sent', async () => {
    const name = uniqueStream('roundtrip');
    const sent = jsonEvent({ type: 'Sold', data: { sku: 'a', qty: 2 }, metadata: { by: 'till-1' } });
    const before = Date.now();
    await kit.client.appendToStream(name, sent);
    const [read] = await collect(kit.client.readStream(name));
    expect(read?.event).toMatchObject({
      id: sent.id,
      type: 'Sold',
      streamId: name,
      revision: 0n,
      isJson: true,
      data: { sku: 'a', qty: 2 },
      metadata: { by: 'till-1' },
    });
    expect(read?.event?.created.getTime()).toBeGreaterThanOrEqual(before - 1);
  });

  it('keeps binary events as bytes', async () => {
    const name = uniqueStream('binary');
    await kit.client.appendToStream(name, binaryEvent({ type: 'Blob', data: Uint8Array.from([1, 2, 3]) }));
    const [read] = await collect(kit.client.readStream(name));
    expect(read?.event?.isJson).toBe(false);
    expect(Array.from(read?.event?.data as Uint8Array)).toEqual([1, 2, 3]);
  });
});

describe('reading $all', () => {
  it('holds the system events of a fresh node, but not $epoch-information', async () => {
    const all = await collect(kit.client.readAll({ fromPosition: START }));
    const types = all.map((e) => e.event?.type);
    expect(types).toEqual(expect.arrayContaining(['$user', '$UserCreated', '$settings']));
    expect(types).not.toContain('$epoch-information');
  });

  it('positions are strictly increasing and commit equals prepare', async () => {
    const all = await collect(kit.client.readAll());
    const commits = all.map((e) => e.event?.position.commit ?? -1n);
    expect([...commits].sort((a, b) => (a < b ? -1 : 1))).toEqual(commits);
    expect(new Set(commits).size).toBe(commits.length);
    for (const e of all) expect(e.event?.position.prepare).toBe(e.event?.position.commit);
    for (const e of all) expect(e.commitPosition).toBe(e.event?.position.commit);
  });

  it('forwards from a position is inclusive', async () => {
    const ours = await collect(kit.client.readStream(stream));
    const third = ours[2]?.event?.position;
    if (!third) throw new Error('no third event');
    const [read] = await collect(kit.client.readAll({ fromPosition: third, maxCount: 1 }));
    expect(read?.event?.id).toBe(ours[2]?.event?.id);
  });

  it('backwards from a position is exclusive', async () => {
    const ours = await collect(kit.client.readStream(stream));
    const third = ours[2]?.event?.position;
    if (!third) throw new Error('no third event');
    const [read] = await collect(
      kit.client.readAll({ direction: BACKWARDS, fromPosition: third, maxCount: 1 }),
    );
    expect(read?.event?.id).toBe(ours[1]?.event?.id);
  });

  it('backwards from the end starts at the newest event, and backwards from the start is empty', async () => {
    const forwards = await collect(kit.client.readAll({ direction: FORWARDS, fromPosition: START }));
    const [newest] = await collect(
      kit.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }),
    );
    expect(newest?.event?.id).toBe(forwards[forwards.length - 1]?.event?.id);
    expect(await collect(kit.client.readAll({ direction: BACKWARDS, fromPosition: START }))).toEqual([]);
  });
});

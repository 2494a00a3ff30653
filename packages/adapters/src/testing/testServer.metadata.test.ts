// Stream metadata: `$$` metastreams, `$maxCount`, `$tb`, `$maxAge` (notes §2.4).
import { describe, expect, it } from '@jest/globals';
import { StreamDeletedError } from '@eventstore/db-client';
import { collect, events, revisions, serverAndClientPerFile, uniqueStream } from './testKit';

const kit = serverAndClientPerFile();

describe('stream metadata', () => {
  it('is stored as a $metadata event in the $$ metastream and read back', async () => {
    const stream = uniqueStream('meta');
    await kit.client.setStreamMetadata(stream, { maxCount: 5, custom: 'x' });
    const { metadata } = await kit.client.getStreamMetadata(stream);
    expect(metadata).toEqual({ maxCount: 5, custom: 'x' });
    const [raw] = await collect(kit.client.readStream(`$$${stream}`));
    expect(raw?.event?.type).toBe('$metadata');
  });

  it('a metastream reads as its latest event only, while numbering continues', async () => {
    const stream = uniqueStream('meta');
    for (let i = 1; i <= 3; i++) await kit.client.setStreamMetadata(stream, { maxCount: i });
    const read = await collect(kit.client.readStream(`$$${stream}`));
    expect(revisions(read)).toEqual([2n]);
  });

  it('$maxCount hides all but the newest events on reads', async () => {
    const stream = uniqueStream('maxcount');
    await kit.client.setStreamMetadata(stream, { maxCount: 2 });
    await kit.client.appendToStream(stream, events(20));
    expect(revisions(await collect(kit.client.readStream(stream)))).toEqual([18n, 19n]);
  });

  it('$tb hides events before the given revision', async () => {
    const stream = uniqueStream('tb');
    await kit.client.appendToStream(stream, events(5));
    await kit.client.setStreamMetadata(stream, { truncateBefore: 3 });
    expect(revisions(await collect(kit.client.readStream(stream)))).toEqual([3n, 4n]);
  });

  it('$maxCount and $tb do not apply to $all', async () => {
    const stream = uniqueStream('maxcount');
    await kit.client.appendToStream(stream, events(4));
    await kit.client.setStreamMetadata(stream, { maxCount: 1 });
    const all = await collect(kit.client.readAll());
    expect(all.filter((e) => e.event?.streamId === stream)).toHaveLength(4);
  });

  it('$maxAge hides events older than the given seconds', async () => {
    const stream = uniqueStream('maxage');
    await kit.client.appendToStream(stream, events(2));
    await kit.client.setStreamMetadata(stream, { maxAge: 1 });
    expect(await collect(kit.client.readStream(stream))).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await collect(kit.client.readStream(stream))).toHaveLength(0);
  });

  it('the metastream of a tombstoned stream is deleted too', async () => {
    const stream = uniqueStream('tomb');
    await kit.client.setStreamMetadata(stream, { maxCount: 3 });
    await kit.client.tombstoneStream(stream);
    await expect(kit.client.getStreamMetadata(stream)).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(kit.client.setStreamMetadata(stream, { maxCount: 1 })).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
  });
});

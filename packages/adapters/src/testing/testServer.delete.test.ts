// Soft delete and tombstone (notes §2.6).
import { describe, expect, it } from '@jest/globals';
import { StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { collect, events, revisions, serverAndClientPerFile, uniqueStream } from './testKit';

const kit = serverAndClientPerFile();

describe('soft delete', () => {
  it('makes reads answer stream_not_found and returns the position of the metadata written', async () => {
    const stream = uniqueStream('soft');
    await kit.client.appendToStream(stream, events(2));
    const { position } = await kit.client.deleteStream(stream);
    await expect(collect(kit.client.readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
    const [metadata] = await collect(kit.client.readStream(`$$${stream}`));
    expect(metadata?.event?.position).toEqual(position);
  });

  it('replaces the metadata with $tb = long.MaxValue, dropping custom keys', async () => {
    const stream = uniqueStream('soft');
    await kit.client.appendToStream(stream, events(1));
    await kit.client.setStreamMetadata(stream, { maxCount: 9, custom: 'kept?' });
    await kit.client.deleteStream(stream);
    const { metadata } = await kit.client.getStreamMetadata(stream);
    expect(Object.keys(metadata ?? {})).toEqual(['truncateBefore']);
  });

  it('checks the expected revision like an append', async () => {
    const stream = uniqueStream('soft');
    await kit.client.appendToStream(stream, events(2));
    const error = await kit.client.deleteStream(stream, { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 1n });
    await kit.client.deleteStream(stream, { expectedRevision: 1n });
  });

  it('refuses a stream with neither events nor metadata, even for no_stream', async () => {
    const error = await kit.client
      .deleteStream(uniqueStream('missing'), { expectedRevision: 'no_stream' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('accepts no_stream on a stream that only has metadata', async () => {
    const stream = uniqueStream('meta-only');
    await kit.client.setStreamMetadata(stream, { maxCount: 2 });
    await expect(kit.client.deleteStream(stream, { expectedRevision: 'no_stream' })).resolves.toBeDefined();
  });

  it('is undone by a new append: numbering continues, only new events are read, metadata survives', async () => {
    const stream = uniqueStream('undelete');
    await kit.client.appendToStream(stream, events(3));
    await kit.client.deleteStream(stream);
    await kit.client.appendToStream(stream, events(2));
    expect(revisions(await collect(kit.client.readStream(stream)))).toEqual([3n, 4n]);
    expect((await kit.client.getStreamMetadata(stream)).metadata).toEqual({ truncateBefore: 3 });
  });

  it('is undone by writing metadata, which keeps the old events hidden', async () => {
    const stream = uniqueStream('undelete');
    await kit.client.appendToStream(stream, events(3));
    await kit.client.deleteStream(stream);
    await kit.client.setStreamMetadata(stream, { custom: 1 });
    await kit.client.appendToStream(stream, events(1), { expectedRevision: 2n });
    expect(revisions(await collect(kit.client.readStream(stream)))).toEqual([3n]);
  });

  it("leaves the stream's events in $all", async () => {
    const stream = uniqueStream('soft');
    await kit.client.appendToStream(stream, events(2));
    await kit.client.deleteStream(stream);
    const all = await collect(kit.client.readAll());
    expect(all.filter((e) => e.event?.streamId === stream)).toHaveLength(2);
  });
});

describe('tombstone', () => {
  it('accepts a never-written stream with no_stream', async () => {
    await expect(
      kit.client.tombstoneStream(uniqueStream('tomb'), { expectedRevision: 'no_stream' }),
    ).resolves.toBeDefined();
  });

  it('checks the expected revision', async () => {
    const stream = uniqueStream('tomb');
    await kit.client.appendToStream(stream, events(1));
    await expect(kit.client.tombstoneStream(stream, { expectedRevision: 5n })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });

  it('is final: reads, appends, deletes and tombstones answer stream-deleted', async () => {
    const stream = uniqueStream('tomb');
    await kit.client.appendToStream(stream, events(1));
    await kit.client.tombstoneStream(stream);
    await expect(collect(kit.client.readStream(stream))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(kit.client.appendToStream(stream, events(1))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(kit.client.deleteStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(kit.client.tombstoneStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('writes a $streamDeleted record at revision long.MaxValue into $all', async () => {
    const stream = uniqueStream('tomb');
    await kit.client.appendToStream(stream, events(1));
    const { position } = await kit.client.tombstoneStream(stream);
    const all = await collect(kit.client.readAll());
    const record = all.find((e) => e.event?.streamId === stream && e.event.type === '$streamDeleted');
    expect(record?.event?.revision).toBe(9223372036854775807n);
    expect(record?.event?.position).toEqual(position);
  });
});

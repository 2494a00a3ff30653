// Expected-revision rules of IndexWriter.CheckCommit (notes §2.1), on both append paths.
import { describe, expect, it } from '@jest/globals';
import { StreamDeletedError, WrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import {
  APPEND_PATHS,
  appendOptions,
  collect,
  events,
  revisions,
  serverAndClientPerFile,
  uniqueStream,
} from './testKit';

const kit = serverAndClientPerFile();

const wev = async (promise: Promise<unknown>): Promise<WrongExpectedVersionError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  return error as WrongExpectedVersionError;
};

describe.each(APPEND_PATHS)('expected revision rules via %s', (_name, path) => {
  const append = (stream: string, expected: Parameters<typeof appendOptions>[1], n = 1) =>
    kit.client.appendToStream(stream, events(n), appendOptions(path, expected));

  it('a stream never written accepts any and no_stream', async () => {
    expect((await append(uniqueStream('new'), 'any')).nextExpectedRevision).toBe(0n);
    expect((await append(uniqueStream('new'), 'no_stream', 3)).nextExpectedRevision).toBe(2n);
  });

  it('a stream never written refuses stream_exists and an exact revision, reporting no_stream', async () => {
    const stream = uniqueStream('new');
    const exists = await wev(append(stream, 'stream_exists'));
    expect(exists.actualVersion).toBe('no_stream');
    expect(exists.expectedVersion).toBe('stream_exists');
    const exact = await wev(append(stream, 0n));
    expect(exact.actualVersion).toBe('no_stream');
    expect(exact.expectedVersion).toBe(0n);
  });

  it('an existing stream refuses no_stream with the current revision', async () => {
    const stream = uniqueStream('existing');
    await append(stream, 'no_stream', 2);
    const error = await wev(append(stream, 'no_stream'));
    expect(error.actualVersion).toBe(1n);
    expect(error.expectedVersion).toBe('no_stream');
  });

  it('an existing stream accepts any, stream_exists and its exact last revision', async () => {
    const stream = uniqueStream('existing');
    await append(stream, 'no_stream');
    expect((await append(stream, 'any')).nextExpectedRevision).toBe(1n);
    expect((await append(stream, 'stream_exists')).nextExpectedRevision).toBe(2n);
    expect((await append(stream, 2n)).nextExpectedRevision).toBe(3n);
    expect(revisions(await collect(kit.client.readStream(stream)))).toEqual([0n, 1n, 2n, 3n]);
  });

  it('an exact revision other than the last is refused with the actual revision', async () => {
    const stream = uniqueStream('existing');
    await append(stream, 'no_stream', 3);
    const ahead = await wev(append(stream, 5n));
    expect(ahead.actualVersion).toBe(2n);
    expect(ahead.expectedVersion).toBe(5n);
    const behind = await wev(append(stream, 0n));
    expect(behind.actualVersion).toBe(2n);
  });

  it('stream_exists is satisfied by metadata alone', async () => {
    const stream = uniqueStream('meta-only');
    await kit.client.setStreamMetadata(stream, { maxCount: 10 });
    expect((await append(stream, 'stream_exists')).nextExpectedRevision).toBe(0n);
  });

  it('a soft-deleted stream accepts any, no_stream and its last revision, continuing the numbering', async () => {
    for (const expected of ['any', 'no_stream', 1n] as const) {
      const stream = uniqueStream('soft');
      await append(stream, 'no_stream', 2);
      await kit.client.deleteStream(stream);
      expect((await append(stream, expected)).nextExpectedRevision).toBe(2n);
      expect(revisions(await collect(kit.client.readStream(stream)))).toEqual([2n]);
    }
  });

  it('a soft-deleted stream refuses stream_exists as deleted', async () => {
    const stream = uniqueStream('soft');
    await append(stream, 'no_stream');
    await kit.client.deleteStream(stream);
    await expect(append(stream, 'stream_exists')).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('a tombstoned stream refuses every expected revision as deleted', async () => {
    const stream = uniqueStream('tomb');
    await append(stream, 'no_stream');
    await kit.client.tombstoneStream(stream);
    for (const expected of ['any', 'no_stream', 'stream_exists', 0n] as const) {
      const error = await append(stream, expected).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect((error as StreamDeletedError).streamName).toBe(stream);
    }
  });

  it('an append is atomic: a refused append writes none of its events', async () => {
    const stream = uniqueStream('atomic');
    await append(stream, 'no_stream');
    await wev(kit.client.appendToStream(stream, events(5), appendOptions(path, 7n)));
    expect(await collect(kit.client.readStream(stream))).toHaveLength(1);
  });

  it('returns the position of the last event written, equal to that event when read back', async () => {
    const stream = uniqueStream('position');
    const result = await kit.client.appendToStream(
      stream,
      [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })],
      appendOptions(path, 'any'),
    );
    const [, last] = await collect(kit.client.readStream(stream));
    expect(last?.event?.position).toEqual(result.position);
    expect(result.position?.commit).toBe(result.position?.prepare);
  });
});

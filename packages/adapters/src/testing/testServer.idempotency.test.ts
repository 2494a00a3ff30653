// Idempotent re-append by event id (notes §2.2), on both append paths.
import { describe, expect, it } from '@jest/globals';
import { WrongExpectedVersionError } from '@eventstore/db-client';
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

describe.each(APPEND_PATHS)('idempotent re-append via %s', (_name, path) => {
  it('re-sending the same events at the same exact revision answers the original result and writes nothing', async () => {
    const stream = uniqueStream('idem');
    await kit.client.appendToStream(stream, events(1), appendOptions(path, 'no_stream'));
    const batch = events(2);
    const first = await kit.client.appendToStream(stream, batch, appendOptions(path, 0n));
    const again = await kit.client.appendToStream(stream, batch, appendOptions(path, 0n));
    expect(again).toEqual(first);
    expect(revisions(await collect(kit.client.readStream(stream)))).toEqual([0n, 1n, 2n]);
  });

  it('re-sending with no_stream is idempotent once the stream holds exactly those ids', async () => {
    const stream = uniqueStream('idem');
    const batch = events(3);
    const first = await kit.client.appendToStream(stream, batch, appendOptions(path, 'no_stream'));
    const again = await kit.client.appendToStream(stream, batch, appendOptions(path, 'no_stream'));
    expect(again).toEqual(first);
    expect(await collect(kit.client.readStream(stream))).toHaveLength(3);
  });

  it('a re-sent prefix answers the revision of its own last event', async () => {
    const stream = uniqueStream('idem');
    const batch = events(3);
    await kit.client.appendToStream(stream, batch, appendOptions(path, 'no_stream'));
    const prefix = await kit.client.appendToStream(
      stream,
      batch.slice(0, 2),
      appendOptions(path, 'no_stream'),
    );
    expect(prefix.nextExpectedRevision).toBe(1n);
  });

  it('re-sending with any answers the original revision when every id is known', async () => {
    const stream = uniqueStream('idem');
    const batch = events(2);
    const first = await kit.client.appendToStream(stream, batch, appendOptions(path, 'any'));
    await kit.client.appendToStream(stream, events(1), appendOptions(path, 'any'));
    const again = await kit.client.appendToStream(stream, batch, appendOptions(path, 'any'));
    expect(again).toEqual(first);
    expect(await collect(kit.client.readStream(stream))).toHaveLength(3);
  });

  it('a known first id followed by an unknown one is refused (corrupted idempotency)', async () => {
    const stream = uniqueStream('idem');
    const [a, b] = events(2);
    if (!a || !b) throw new Error('two events expected');
    await kit.client.appendToStream(stream, [a], appendOptions(path, 'any'));
    await expect(
      kit.client.appendToStream(stream, [a, b], appendOptions(path, 'any')),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('an unknown first id is written even if a later id is a duplicate', async () => {
    const stream = uniqueStream('idem');
    const [a, b] = events(2);
    if (!a || !b) throw new Error('two events expected');
    await kit.client.appendToStream(stream, [a], appendOptions(path, 'any'));
    const result = await kit.client.appendToStream(stream, [b, a], appendOptions(path, 'any'));
    expect(result.nextExpectedRevision).toBe(2n);
  });

  it('the same ids at a different exact revision are refused when they do not line up', async () => {
    const stream = uniqueStream('idem');
    const batch = events(2);
    await kit.client.appendToStream(stream, events(1), appendOptions(path, 'no_stream'));
    await kit.client.appendToStream(stream, batch, appendOptions(path, 0n));
    await expect(kit.client.appendToStream(stream, batch, appendOptions(path, 1n))).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });

  it('ids are per stream: the same id in another stream is a new event', async () => {
    const batch = events(1);
    await kit.client.appendToStream(uniqueStream('idem'), batch, appendOptions(path, 'any'));
    const other = uniqueStream('idem');
    const result = await kit.client.appendToStream(other, batch, appendOptions(path, 'any'));
    expect(result.nextExpectedRevision).toBe(0n);
    expect(await collect(kit.client.readStream(other))).toHaveLength(1);
  });
});

// Subscriptions to one stream (notes §2.7).
import { describe, expect, it } from '@jest/globals';
import { END, START, StreamDeletedError } from '@eventstore/db-client';
import { eventCount, events, record, revisions, serverAndClientPerFile, uniqueStream } from './testKit';

const kit = serverAndClientPerFile();

const follow = (stream: string, fromRevision: bigint | typeof START | typeof END) => {
  const recording = record();
  const subscription = kit.client.subscribeToStream(stream, { fromRevision });
  recording.attach(subscription);
  return { recording, subscription };
};

describe('subscribing to a stream', () => {
  it('sends confirmation, the catch-up, caught-up, then live events, in that order', async () => {
    const stream = uniqueStream('sub');
    await kit.client.appendToStream(stream, events(2));
    const { recording, subscription } = follow(stream, START);
    await recording.until((e) => e.some((x) => x.kind === 'caughtUp'));
    await kit.client.appendToStream(stream, events(2));
    await recording.until((e) => eventCount(e) === 4);
    expect(recording.kinds()).toEqual(['confirmation', 'event', 'event', 'caughtUp', 'event', 'event']);
    expect(revisions(recording.events())).toEqual([0n, 1n, 2n, 3n]);
    await subscription.unsubscribe();
  });

  it('starts after the given revision (exclusive)', async () => {
    const stream = uniqueStream('sub');
    await kit.client.appendToStream(stream, events(4));
    const { recording, subscription } = follow(stream, 2n);
    await recording.until((e) => e.some((x) => x.kind === 'caughtUp'));
    await kit.client.appendToStream(stream, events(4));
    await recording.until((e) => eventCount(e) === 5);
    expect(revisions(recording.events())).toEqual([3n, 4n, 5n, 6n, 7n]);
    await subscription.unsubscribe();
  });

  it('from the end sends only what is appended later', async () => {
    const stream = uniqueStream('sub');
    await kit.client.appendToStream(stream, events(3));
    const { recording, subscription } = follow(stream, END);
    await recording.until((e) => e.some((x) => x.kind === 'caughtUp'));
    await kit.client.appendToStream(stream, events(1));
    await recording.until((e) => eventCount(e) === 1);
    expect(revisions(recording.events())).toEqual([3n]);
    await subscription.unsubscribe();
  });

  it('on a missing stream catches up to nothing and waits for the first event', async () => {
    const stream = uniqueStream('sub');
    const { recording, subscription } = follow(stream, START);
    await recording.until((e) => e.some((x) => x.kind === 'caughtUp'));
    await kit.client.appendToStream(stream, events(1));
    await recording.until((e) => eventCount(e) === 1);
    expect(recording.kinds()).toEqual(['confirmation', 'caughtUp', 'event']);
    await subscription.unsubscribe();
  });

  it('honours $maxCount during the catch-up', async () => {
    const stream = uniqueStream('sub');
    await kit.client.setStreamMetadata(stream, { maxCount: 2 });
    await kit.client.appendToStream(stream, events(5));
    const { recording, subscription } = follow(stream, START);
    await recording.until((e) => e.some((x) => x.kind === 'caughtUp'));
    expect(revisions(recording.events())).toEqual([3n, 4n]);
    await subscription.unsubscribe();
  });

  it('on a tombstoned stream fails at once, without confirmation', async () => {
    const stream = uniqueStream('sub');
    await kit.client.appendToStream(stream, events(1));
    await kit.client.tombstoneStream(stream);
    const { recording } = follow(stream, START);
    await recording.until((e) => e.some((x) => x.kind === 'error'));
    expect(recording.kinds()).toEqual(['error']);
    const [failure] = recording.emitted;
    expect(failure?.kind === 'error' && failure.error).toBeInstanceOf(StreamDeletedError);
  });

  it('when the stream is tombstoned live, sends the $streamDeleted event, then fails', async () => {
    const stream = uniqueStream('sub');
    await kit.client.appendToStream(stream, events(1));
    const { recording } = follow(stream, START);
    await recording.until((e) => e.some((x) => x.kind === 'caughtUp'));
    await kit.client.tombstoneStream(stream);
    await recording.until((e) => e.some((x) => x.kind === 'error'));
    expect(recording.events().map((e) => e.event?.type)).toEqual(['TestEvent', '$streamDeleted']);
  });
});

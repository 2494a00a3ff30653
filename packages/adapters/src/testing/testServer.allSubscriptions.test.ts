// Subscriptions to $all: exclusive start, filters, checkpoints (notes §2.7).
import { describe, expect, it } from '@jest/globals';
import {
  END,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import type { Filter, Position } from '@eventstore/db-client';
import { eventCount, events, record, serverAndClientPerFile, uniqueStream } from './testKit';

const kit = serverAndClientPerFile();

const follow = (fromPosition: Position | typeof START | typeof END, filter?: Filter) => {
  const recording = record();
  const subscription = kit.client.subscribeToAll(filter ? { fromPosition, filter } : { fromPosition });
  recording.attach(subscription);
  return { recording, subscription };
};

const caughtUp = (recording: ReturnType<typeof record>) =>
  recording.until((e) => e.some((x) => x.kind === 'caughtUp'));

describe('subscribing to $all', () => {
  it('from the start delivers system events too, then caught-up', async () => {
    const { recording, subscription } = follow(START);
    await caughtUp(recording);
    expect(recording.events().some((e) => e.event?.type.startsWith('$'))).toBe(true);
    expect(recording.kinds()[0]).toBe('confirmation');
    await subscription.unsubscribe();
  });

  it('starts after the given position (exclusive)', async () => {
    const stream = uniqueStream('all');
    const first = await kit.client.appendToStream(stream, events(1));
    await kit.client.appendToStream(stream, events(2));
    if (!first.position) throw new Error('append returned no position');
    const { recording, subscription } = follow(first.position, streamNameFilter({ prefixes: [stream] }));
    await caughtUp(recording);
    expect(recording.events().map((e) => e.event?.revision)).toEqual([1n, 2n]);
    await subscription.unsubscribe();
  });

  it('from the end sends only later events, live, without gap or duplicate', async () => {
    const stream = uniqueStream('all');
    await kit.client.appendToStream(stream, events(2));
    const { recording, subscription } = follow(END, streamNameFilter({ prefixes: [stream] }));
    await caughtUp(recording);
    for (let i = 0; i < 5; i++) await kit.client.appendToStream(stream, events(2));
    await recording.until((e) => eventCount(e) === 10);
    expect(recording.events().map((e) => e.event?.revision)).toEqual([
      2n,
      3n,
      4n,
      5n,
      6n,
      7n,
      8n,
      9n,
      10n,
      11n,
    ]);
    await subscription.unsubscribe();
  });

  it('filters by stream-name prefix', async () => {
    const prefix = uniqueStream('prefix');
    await kit.client.appendToStream(`${prefix}-a`, events(1));
    await kit.client.appendToStream(uniqueStream('other'), events(1));
    await kit.client.appendToStream(`${prefix}-b`, events(1));
    const { recording, subscription } = follow(START, streamNameFilter({ prefixes: [prefix] }));
    await caughtUp(recording);
    expect(recording.events().map((e) => e.event?.streamId)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    await subscription.unsubscribe();
  });

  it('filters by event-type prefix and by regex', async () => {
    const stream = uniqueStream('types');
    const tag = stream.replace(/[^a-z0-9]/g, '');
    await kit.client.appendToStream(stream, [
      jsonEvent({ type: `${tag}Opened`, data: {} }),
      jsonEvent({ type: `x${tag}Closed`, data: {} }),
      jsonEvent({ type: `${tag}Closed`, data: {} }),
    ]);
    const byPrefix = follow(START, eventTypeFilter({ prefixes: [tag] }));
    const byRegex = follow(START, eventTypeFilter({ regex: `^${tag}C` }));
    await caughtUp(byPrefix.recording);
    await caughtUp(byRegex.recording);
    expect(byPrefix.recording.events().map((e) => e.event?.type)).toEqual([`${tag}Opened`, `${tag}Closed`]);
    expect(byRegex.recording.events().map((e) => e.event?.type)).toEqual([`${tag}Closed`]);
    await byPrefix.subscription.unsubscribe();
    await byRegex.subscription.unsubscribe();
  });

  it('excludeSystemEvents leaves out every $-typed event', async () => {
    await kit.client.appendToStream(uniqueStream('user'), events(1));
    const { recording, subscription } = follow(START, excludeSystemEvents());
    await caughtUp(recording);
    expect(recording.events().length).toBeGreaterThan(0);
    expect(recording.events().filter((e) => e.event?.type.startsWith('$'))).toEqual([]);
    await subscription.unsubscribe();
  });

  it('sends checkpoints every interval × 32 considered events, and one before caught-up', async () => {
    const prefix = uniqueStream('checkpoints');
    const recording = record();
    const subscription = kit.client.subscribeToAll({
      fromPosition: END,
      filter: streamNameFilter({
        prefixes: [prefix],
        checkpointInterval: 2,
        checkpointReached: recording.checkpoint,
      }),
    });
    recording.attach(subscription);
    await caughtUp(recording);
    for (let i = 0; i < 12; i++) await kit.client.appendToStream(`${prefix}-${i}`, events(32));
    await recording.until((e) => eventCount(e) === 384);
    const checkpoints = recording.emitted.filter((e) => e.kind === 'checkpoint');
    expect(checkpoints.length).toBeGreaterThanOrEqual(6);
    expect(checkpoints.length).toBeLessThanOrEqual(7);
    await subscription.unsubscribe();
  });

  it('a checkpoint at the end of the catch-up is at the last event sent', async () => {
    const stream = uniqueStream('checkpoint-end');
    const result = await kit.client.appendToStream(stream, events(3));
    const recording = record();
    const subscription = kit.client.subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({ prefixes: [stream], checkpointReached: recording.checkpoint }),
    });
    recording.attach(subscription);
    await caughtUp(recording);
    const checkpoints = recording.emitted.filter((e) => e.kind === 'checkpoint');
    expect(checkpoints[checkpoints.length - 1]).toEqual({
      kind: 'checkpoint',
      commit: result.position?.commit,
    });
    await subscription.unsubscribe();
  });
});

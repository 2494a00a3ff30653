// stop()/start() keep the data and the port; dropConnections() kills live calls; reset() empties.
import { describe, expect, it } from '@jest/globals';
import { START } from '@eventstore/db-client';
import type { EventStoreDBClient } from '@eventstore/db-client';
import {
  collect,
  eventCount,
  events,
  record,
  retrying,
  serverAndClientPerFile,
  uniqueStream,
} from './testKit';

const kit = serverAndClientPerFile();

const eventually = <T>(action: () => Promise<T>): Promise<T> => retrying(action, 20, 50);

const readCount = async (client: EventStoreDBClient, stream: string) =>
  (await collect(client.readStream(stream))).length;

describe('test server lifecycle', () => {
  it('keeps its data and port across stop() and start(), and the client reconnects', async () => {
    const stream = uniqueStream('restart');
    await kit.client.appendToStream(stream, events(3));
    await kit.server.stop();
    expect(kit.server.isRunning()).toBe(false);
    await expect(kit.client.appendToStream(stream, events(1))).rejects.toThrow();
    await kit.server.start();
    expect(await eventually(() => readCount(kit.client, stream))).toBe(3);
    expect(kit.server.connectionString).toBe(`esdb://127.0.0.1:${kit.server.port}?tls=false`);
  });

  it('dropConnections() ends live subscriptions with an error and accepts new calls', async () => {
    const stream = uniqueStream('drop');
    const recording = record();
    recording.attach(kit.client.subscribeToStream(stream, { fromRevision: START }));
    await recording.until((e) => e.some((x) => x.kind === 'caughtUp'));
    kit.server.dropConnections();
    await recording.until((e) => e.some((x) => x.kind === 'error'));
    await eventually(() => kit.client.appendToStream(stream, events(1)));
    expect(await readCount(kit.client, stream)).toBe(1);
    expect(eventCount(recording.emitted)).toBe(0);
  });

  it('reset() forgets every event but the seeded system events', async () => {
    const stream = uniqueStream('reset');
    await eventually(() => kit.client.appendToStream(stream, events(1)));
    kit.server.reset();
    const all = await collect(kit.client.readAll());
    expect(all.every((e) => e.event?.type.startsWith('$'))).toBe(true);
  });
});

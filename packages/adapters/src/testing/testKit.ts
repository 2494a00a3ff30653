import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { AppendExpectedRevision, JSONEventData, ResolvedEvent } from '@eventstore/db-client';
import type { EventStoreDBTestServer } from './server';
import { startEventStoreDBTestServer } from './server';

/** A server and a real client connected to it, for the server's own tests. */
export interface ServerAndClient {
  readonly server: EventStoreDBTestServer;
  readonly client: EventStoreDBClient;
  /** Disposes the client and stops the server. */
  readonly close: () => Promise<void>;
}

/** Starts a test server and connects the real client to it over the socket. */
export const startServerAndClient = async (): Promise<ServerAndClient> => {
  const server = await startEventStoreDBTestServer();
  const client = EventStoreDBClient.connectionString(server.connectionString);
  return {
    server,
    client,
    close: async () => {
      await client.dispose();
      await server.stop();
    },
  };
};

/** Everything an async iterable yields. */
export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

/** `n` JSON events of one type with their index as data. */
export const events = (n: number, type = 'TestEvent'): JSONEventData[] =>
  Array.from({ length: n }, (_, i) => jsonEvent({ type, data: { i } }));

/** The two ways the client appends: BatchAppend by default, Append when per-call credentials are given. */
export const APPEND_PATHS = [
  ['BatchAppend', {}],
  // Insecure mode drops the credentials, but their presence alone makes the client choose Append.
  ['Append', { credentials: { username: 'admin', password: 'changeit' } }],
] as const;

/** Options of one append path plus an expected revision. */
export const appendOptions = (
  path: (typeof APPEND_PATHS)[number][1],
  expectedRevision: AppendExpectedRevision,
): { expectedRevision: AppendExpectedRevision } => ({ ...path, expectedRevision });

/** A process-unique stream name, so tests sharing a server do not see each other. */
export const uniqueStream = (prefix: string): string =>
  `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/** The revisions of a read's events. */
export const revisions = (read: readonly ResolvedEvent[]): bigint[] =>
  read.map((resolved) => resolved.event?.revision ?? -1n);

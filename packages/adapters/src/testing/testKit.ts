import { afterAll, beforeAll } from '@jest/globals';
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

/** A server and client for one test file: started before its tests, closed after them. */
export const serverAndClientPerFile = (): ServerAndClient => {
  let kit: ServerAndClient | undefined;
  beforeAll(async () => {
    kit = await startServerAndClient();
  });
  afterAll(async () => kit?.close());
  const started = (): ServerAndClient => {
    if (kit === undefined) throw new Error('The test server is started in beforeAll; use it inside a test.');
    return kit;
  };
  return {
    get server() {
      return started().server;
    },
    get client() {
      return started().client;
    },
    close: async () => started().close(),
  };
};

/**
 * Runs `action` until it succeeds, at most `attempts` times `delayMs` apart: the client drops a
 * failed channel and connects afresh on the next call, so an app retries like this.
 */
export const retrying = async <T>(
  action: () => Promise<T>,
  attempts: number,
  delayMs: number,
): Promise<T> => {
  for (let i = 1; ; i++) {
    try {
      return await action();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
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

/** Per-call options that decide which append path the client takes. */
export interface AppendPath {
  readonly credentials?: { readonly username: string; readonly password: string };
}

/** The two ways the client appends: BatchAppend by default, Append when per-call credentials are given. */
export const APPEND_PATHS: readonly (readonly [name: string, path: AppendPath])[] = [
  ['BatchAppend', {}],
  // Insecure mode drops the credentials, but their presence alone makes the client choose Append.
  ['Append', { credentials: { username: 'admin', password: 'changeit' } }],
];

/** Options of one append path plus an expected revision. */
export const appendOptions = (
  path: AppendPath,
  expectedRevision: AppendExpectedRevision,
): AppendPath & { expectedRevision: AppendExpectedRevision } => ({ ...path, expectedRevision });

/** A process-unique stream name, so tests sharing a server do not see each other. */
export const uniqueStream = (prefix: string): string =>
  `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/** The revisions of a read's events. */
export const revisions = (read: readonly ResolvedEvent[]): bigint[] =>
  read.map((resolved) => resolved.event?.revision ?? -1n);

/** What a subscription emitted, in order: events by id, plus its control messages. */
export type Emitted =
  | { readonly kind: 'confirmation' }
  | { readonly kind: 'caughtUp' }
  | { readonly kind: 'checkpoint'; readonly commit: bigint }
  | { readonly kind: 'event'; readonly event: ResolvedEvent }
  | { readonly kind: 'error'; readonly error: unknown };

/** A subscription's emissions, filled as they arrive. */
export interface Recording {
  readonly emitted: Emitted[];
  readonly events: () => ResolvedEvent[];
  readonly kinds: () => string[];
  /** Resolves once `predicate` holds, or rejects after `timeoutMs`. */
  readonly until: (predicate: (emitted: readonly Emitted[]) => boolean, timeoutMs?: number) => Promise<void>;
}

/** The part of the client's subscriptions a recording listens to. */
export interface SubscriptionLike {
  on(event: 'data', listener: (event: ResolvedEvent) => void): unknown;
  on(event: 'confirmation' | 'caughtUp', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/** Records a subscription; pass the returned `checkpoint` as a filter's `checkpointReached`. */
export const record = (): Recording & {
  readonly attach: (subscription: SubscriptionLike) => void;
  readonly checkpoint: (_: unknown, position: { commit: bigint }) => void;
} => {
  const emitted: Emitted[] = [];
  const until = async (
    predicate: (emitted: readonly Emitted[]) => boolean,
    timeoutMs = 3000,
  ): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(emitted)) {
      if (Date.now() > deadline)
        throw new Error(`timed out; emitted: ${JSON.stringify(emitted.map((e) => e.kind))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return {
    emitted,
    events: () => emitted.flatMap((e) => (e.kind === 'event' ? [e.event] : [])),
    kinds: () => emitted.map((e) => e.kind),
    until,
    attach: (subscription) => {
      subscription.on('confirmation', () => emitted.push({ kind: 'confirmation' }));
      subscription.on('caughtUp', () => emitted.push({ kind: 'caughtUp' }));
      subscription.on('data', (event) => emitted.push({ kind: 'event', event }));
      subscription.on('error', (error) => emitted.push({ kind: 'error', error }));
    },
    checkpoint: (_, position) => {
      emitted.push({ kind: 'checkpoint', commit: position.commit });
    },
  };
};

/** How many events a recording holds. */
export const eventCount = (emitted: readonly Emitted[]): number =>
  emitted.filter((e) => e.kind === 'event').length;

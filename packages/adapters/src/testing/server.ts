import { Server, ServerCredentials } from '@grpc/grpc-js';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler } from './appendHandler';
import { batchAppendHandler } from './batchAppendHandler';
import type { ClusterRole, NodeEndpoint } from './cluster';
import { clusterMembers, gossipHandler, leaderOnlyClientStream, leaderOnlyDuplex } from './cluster';
import { deleteHandler, tombstoneHandler } from './deleteHandlers';
import type { Faults } from './faults';
import { createFaults } from './faults';
import { clearLog, createLog } from './log';
import type { Log } from './log';
import type { ActiveSubscriptions } from './readHandler';
import { readHandler } from './readHandler';
import { seedSystemEvents } from './seed';
import { EMULATED_SERVER_VERSION, serverFeaturesHandler } from './serverFeatures';
import { DEFAULT_MAX_APPEND_SIZE } from './writes';

/** How to start a test server. */
export interface EventStoreDBTestServerOptions {
  /** Bytes per append (data + metadata + 2 × type length per event); EventStoreDB's default is 1 MiB. */
  readonly maxAppendSize?: number;
  /** Version advertised by ServerFeatures. */
  readonly serverVersion?: string;
  /** Write the system events of a fresh node at start (default true). */
  readonly seedSystemEvents?: boolean;
  /** Its part in a pretend cluster, told through Gossip and `not-leader` refusals (default: a lone leader). */
  readonly cluster?: ClusterRole;
}

/** A running in-memory EventStoreDB look-alike on 127.0.0.1, reached through the real client. */
export interface EventStoreDBTestServer {
  /** `esdb://127.0.0.1:PORT?tls=false`. */
  readonly connectionString: string;
  readonly port: number;
  /** Closes every connection and the port; the data stays for `start()`. */
  readonly stop: () => Promise<void>;
  /** Listens again, on the same port, with the same data. */
  readonly start: () => Promise<void>;
  /** Kills every live call and socket but keeps listening, so clients reconnect. */
  readonly dropConnections: () => void;
  /** The next append commits, then its reply is lost and every connection dropped (an append "in flight"). */
  readonly dropConnectionsAfterNextCommit: () => void;
  /** Forgets every event and seeds again, as a fresh node. */
  readonly reset: () => void;
  /** Whether the server is listening. */
  readonly isRunning: () => boolean;
}

const HOST = '127.0.0.1';

const bind = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) =>
    server.bindAsync(`${HOST}:${port}`, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );

const createGrpcServer = (
  log: Log,
  active: ActiveSubscriptions,
  faults: Faults,
  options: EventStoreDBTestServerOptions,
  self: () => NodeEndpoint,
): Server => {
  const cluster = options.cluster ?? { role: 'leader' };
  // A follower refuses leader-only writes, naming its leader.
  const leaderElsewhere = () => (cluster.role === 'follower' ? (cluster.leader ?? self()) : undefined);
  const maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
  // The client reads up to 17 MiB; accept as much so the size check, not the transport, refuses big appends.
  const server = new Server({ 'grpc.max_receive_message_length': 17 * 1024 * 1024 });
  const streams: IStreamsServer = {
    read: readHandler(log, active),
    append: leaderOnlyClientStream(leaderElsewhere, appendHandler(log, maxAppendSize, faults)),
    delete: deleteHandler(log),
    tombstone: tombstoneHandler(log),
    batchAppend: leaderOnlyDuplex(leaderElsewhere, batchAppendHandler(log, maxAppendSize, faults)),
  };
  server.addService(StreamsService, streams);
  server.addService(GossipService, { read: gossipHandler(() => clusterMembers(self(), cluster)) });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: serverFeaturesHandler(options.serverVersion ?? EMULATED_SERVER_VERSION),
  });
  return server;
};

/** Starts an in-memory, single-node, insecure EventStoreDB test server on a free loopback port. */
export const startEventStoreDBTestServer = async (
  options: EventStoreDBTestServerOptions = {},
): Promise<EventStoreDBTestServer> => {
  const log = createLog();
  const seed = options.seedSystemEvents ?? true;
  if (seed) seedSystemEvents(log);
  const active: ActiveSubscriptions = new Set();
  const faults = createFaults();
  let port = 0;
  const self = (): NodeEndpoint => ({ host: HOST, port });
  let server: Server | undefined = createGrpcServer(log, active, faults, options, self);
  port = await bind(server, 0);

  const endSubscriptions = (): void => {
    for (const stop of [...active]) stop();
  };

  const stop = async (): Promise<void> => {
    if (!server) return;
    endSubscriptions();
    server.forceShutdown();
    server = undefined;
    // Let the sockets' close events run before a test asserts on the client side.
    await new Promise((resolve) => setImmediate(resolve));
  };

  const start = async (): Promise<void> => {
    if (server) return;
    const next = createGrpcServer(log, active, faults, options, self);
    await bind(next, port);
    server = next;
  };

  const dropConnections = (): void => {
    endSubscriptions();
    // GOAWAY to every session, then destroy whatever is left at once; the port stays bound.
    server?.drain(`${HOST}:${port}`, 0);
  };
  faults.dropConnections = dropConnections;

  return {
    connectionString: `esdb://${HOST}:${port}?tls=false`,
    port,
    stop,
    start,
    dropConnections,
    dropConnectionsAfterNextCommit: () => {
      faults.dropAfterCommit++;
    },
    reset: () => {
      clearLog(log);
      if (seed) seedSystemEvents(log);
    },
    isRunning: () => server !== undefined,
  };
};

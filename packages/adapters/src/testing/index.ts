export { startEventStoreDBTestServer } from './server';
export type { EventStoreDBTestServer, EventStoreDBTestServerOptions } from './server';
export { EMULATED_SERVER_VERSION } from './serverFeatures';
export { DEFAULT_MAX_APPEND_SIZE } from './writes';
export type { ClusterMember, ClusterRole, NodeEndpoint } from './cluster';

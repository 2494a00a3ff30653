import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

/** The server version the test server claims to be; the client gates features on it. */
export const EMULATED_SERVER_VERSION = '24.10.4';

const STREAMS = 'event_store.client.streams.streams';

// Only what this server implements is advertised (the real one lists every *.client* method),
// so the client refuses persistent subscriptions and projections up front instead of failing later.
const METHODS: readonly (readonly [service: string, method: string, features: readonly string[]])[] = [
  [STREAMS, 'read', ['position', 'events']],
  [STREAMS, 'append', []],
  [STREAMS, 'delete', []],
  [STREAMS, 'tombstone', []],
  [STREAMS, 'batchappend', ['deadline_duration']],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
];

/** `ServerFeatures.GetSupportedMethods`. */
export const serverFeaturesHandler =
  (version: string) =>
  (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void => {
    const methods = METHODS.map(([service, method, features]) =>
      new SupportedMethod()
        .setServiceName(service)
        .setMethodName(method)
        .setFeaturesList([...features]),
    );
    callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(version));
  };

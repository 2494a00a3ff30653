// Append size limit, required metadata and ServerFeatures (notes §1.1, §2.9).
import { describe, expect, it } from '@jest/globals';
import { credentials } from '@grpc/grpc-js';
import { MaxAppendSizeExceededError, binaryEvent } from '@eventstore/db-client';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { APPEND_PATHS, appendOptions, collect, serverAndClientPerFile, uniqueStream } from './testKit';
import { EMULATED_SERVER_VERSION } from './serverFeatures';

const kit = serverAndClientPerFile();

describe.each(APPEND_PATHS)('append size limit via %s', (_name, path) => {
  it('refuses an append over 1 MiB and writes none of it', async () => {
    const stream = uniqueStream('big');
    const chunk = () => binaryEvent({ type: 'Big', data: new Uint8Array(300_000) });
    const error = await kit.client
      .appendToStream(stream, [chunk(), chunk(), chunk(), chunk()], appendOptions(path, 'any'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
    expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(1_048_576);
    await expect(collect(kit.client.readStream(stream))).rejects.toThrow();
  });

  it('accepts an append just under the limit', async () => {
    const stream = uniqueStream('big');
    const event = binaryEvent({ type: 'Big', data: new Uint8Array(1_000_000) });
    await expect(kit.client.appendToStream(stream, event, appendOptions(path, 'any'))).resolves.toMatchObject(
      {
        nextExpectedRevision: 0n,
      },
    );
  });
});

describe('ServerFeatures', () => {
  it('advertises the emulated version and BatchAppend', async () => {
    const client = new ServerFeaturesClient(`127.0.0.1:${kit.server.port}`, credentials.createInsecure());
    try {
      const methods = await new Promise<SupportedMethods>((resolve, reject) =>
        client.getSupportedMethods(new Empty(), (error, response) =>
          error ? reject(error) : resolve(response),
        ),
      );
      expect(methods.getEventStoreServerVersion()).toBe(EMULATED_SERVER_VERSION);
      const paths = methods.getMethodsList().map((m) => `/${m.getServiceName()}/${m.getMethodName()}`);
      expect(paths).toContain('/event_store.client.streams.streams/batchappend');
    } finally {
      client.close();
    }
  });
});

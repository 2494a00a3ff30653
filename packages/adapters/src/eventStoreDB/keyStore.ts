import {
  BACKWARDS,
  END,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { DataKey, KeyStore, KeySubject } from '@tillstream/domain';
import { newDataKey } from '@tillstream/domain';
import { EventStoreDBError, storeFailure } from './errors';

/** Where and how data keys are kept. */
export interface EventStoreDBKeyStoreOptions {
  /**
   * Prefix of the key streams (default `$tillstream-datakey-`). The `$` keeps them out of `$all`
   * as tillstream reads it, so no projection, subscription or JSONL export ever copies a key.
   */
  readonly streamPrefix?: string;
  /** Read and write keys on the cluster's leader only (default true), so a destroyed key is seen at once. */
  readonly requiresLeader?: boolean;
}

/** Default prefix of key streams: one system stream per subject. */
export const DEFAULT_KEY_STREAM_PREFIX = '$tillstream-datakey-';

/** Event type of a stored data key. */
export const DATA_KEY_EVENT_TYPE = 'TillstreamDataKey';

const decode = (streamName: string, data: unknown): DataKey => {
  const key = (data as { key?: unknown } | undefined)?.key;
  const bytes = typeof key === 'string' ? Buffer.from(key, 'base64') : undefined;
  if (bytes === undefined || bytes.length !== 32)
    throw new EventStoreDBError(
      'eventstoredb.bad_data_key',
      `The key stream ${streamName} holds something that is not a 256-bit data key.`,
      { streamName },
    );
  return bytes;
};

/**
 * The domain's `KeyStore` on EventStoreDB: one stream per subject holding its key; destroying it
 * tombstones the stream, which no append can bring back, so a forgotten subject never gets a new
 * key. The key's bytes leave the disk when the database is scavenged (see docs/privacy.md).
 */
export const eventStoreDBKeyStore = (
  client: EventStoreDBClient,
  options: EventStoreDBKeyStoreOptions = {},
): KeyStore => {
  const prefix = options.streamPrefix ?? DEFAULT_KEY_STREAM_PREFIX;
  const requiresLeader = options.requiresLeader ?? true;
  const streamOf = (s: KeySubject) => `${prefix}${s.tenantId}.${s.subjectId}`;

  /** The stored key, 'none' for a subject that never had one, undefined once destroyed. */
  const read = async (subject: KeySubject): Promise<DataKey | 'none' | undefined> => {
    const streamName = streamOf(subject);
    try {
      // Read to the end of the one-event page: leaving the loop early would leave the call open.
      let data: unknown;
      for await (const resolved of client.readStream(streamName, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
        requiresLeader,
      }))
        data = resolved.event?.data;
      return data === undefined ? 'none' : decode(streamName, data);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 'none';
      if (error instanceof StreamDeletedError) return undefined;
      if (error instanceof EventStoreDBError) throw error;
      throw storeFailure('reading a data key', error, { streamName });
    }
  };

  const create = async (subject: KeySubject): Promise<DataKey | undefined> => {
    const streamName = streamOf(subject);
    const key = newDataKey();
    try {
      await client.appendToStream(
        streamName,
        jsonEvent({ type: DATA_KEY_EVENT_TYPE, data: { key: Buffer.from(key).toString('base64') } }),
        { expectedRevision: 'no_stream', requiresLeader },
      );
      return key;
    } catch (error) {
      // Another process made the key first, or destroyed it meanwhile: theirs is the one.
      if (error instanceof WrongExpectedVersionError || error instanceof StreamDeletedError) {
        const stored = await read(subject);
        return stored === 'none' ? undefined : stored;
      }
      throw storeFailure('storing a data key', error, { streamName });
    }
  };

  return {
    obtain: async (subject) => {
      const stored = await read(subject);
      return stored === 'none' ? create(subject) : stored;
    },
    find: async (subject) => {
      const stored = await read(subject);
      return stored === 'none' ? undefined : stored;
    },
    destroy: async (subject) => {
      const streamName = streamOf(subject);
      try {
        await client.tombstoneStream(streamName, { requiresLeader });
      } catch (error) {
        if (error instanceof StreamDeletedError) return;
        throw storeFailure('destroying a data key', error, { streamName });
      }
    },
  };
};

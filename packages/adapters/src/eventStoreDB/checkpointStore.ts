import {
  BACKWARDS,
  END,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import type { EventStoreDBClient, ResolvedEvent } from '@eventstore/db-client';
import { CheckpointConflictError } from '@tillstream/projections';
import type { Checkpoint, CheckpointStore, ExpectedCheckpoint } from '@tillstream/projections';
import { randomUUID } from 'node:crypto';
import { EventStoreDBError, storeFailure } from './errors';
import type { ResubscribeOptions } from './subscription';
import { DEFAULT_RESUBSCRIBE } from './subscription';

/** Where and how checkpoints are kept. */
export interface EventStoreDBCheckpointStoreOptions {
  /**
   * Prefix of the checkpoint streams (default `$tillstream-checkpoint-`). The `$` keeps them out of
   * `$all` as tillstream reads it: no projection, subscription or export ever sees a checkpoint.
   */
  readonly streamPrefix?: string;
  /** Read and write checkpoints on the cluster's leader only (default true), so a compare-and-set sees the latest. */
  readonly requiresLeader?: boolean;
  /**
   * How long a load or save keeps trying while EventStoreDB is unreachable (default: as a dropped
   * subscription, about a minute), so a runner rides out a restart instead of failing on it.
   */
  readonly retry?: ResubscribeOptions;
}

/** Default prefix of checkpoint streams: a system stream per projection. */
export const DEFAULT_CHECKPOINT_STREAM_PREFIX = '$tillstream-checkpoint-';

/** Event type of a saved checkpoint. */
export const CHECKPOINT_EVENT_TYPE = 'TillstreamCheckpoint';

// A conflict whose stored value still equals `expected` (another runner wrote the same value) is
// retried at the new revision; more than this many in a row means the stream is contended.
const MAX_ATTEMPTS = 3;

interface Stored {
  readonly checkpoint: Checkpoint;
  readonly revision: bigint;
}

const same = (a: Checkpoint | undefined, b: ExpectedCheckpoint): boolean =>
  b === 'none' ? a === undefined : a !== undefined && a.position === b.position && a.version === b.version;

const decode = (streamName: string, resolved: ResolvedEvent): Stored => {
  const event = resolved.event;
  const data = event?.data as { position?: unknown; version?: unknown } | undefined;
  if (
    event === undefined ||
    typeof data?.position !== 'string' ||
    !/^\d+$/.test(data.position) ||
    typeof data.version !== 'number' ||
    !Number.isInteger(data.version)
  )
    throw new EventStoreDBError(
      'eventstoredb.bad_checkpoint',
      `The checkpoint stream ${streamName} holds something that is not a checkpoint.`,
      { streamName, data },
    );
  return { checkpoint: { position: BigInt(data.position), version: data.version }, revision: event.revision };
};

/**
 * The projections' `CheckpointStore` on EventStoreDB: one stream per projection, `$maxCount: 1`,
 * each save appended at the revision last read, so of two runners saving over the same checkpoint
 * one wins and the other gets `CheckpointConflictError`.
 */
export const eventStoreDBCheckpointStore = (
  client: EventStoreDBClient,
  options: EventStoreDBCheckpointStoreOptions = {},
): CheckpointStore => {
  const prefix = options.streamPrefix ?? DEFAULT_CHECKPOINT_STREAM_PREFIX;
  const requiresLeader = options.requiresLeader ?? true;
  // What this store last read or wrote per projection: a save then needs no read first.
  const known = new Map<string, Stored | undefined>();
  const retry = options.retry ?? DEFAULT_RESUBSCRIBE;

  const whileUnavailable = async <A>(operation: () => Promise<A>): Promise<A> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation();
      } catch (error) {
        const unavailable = error instanceof EventStoreDBError && error.code === 'eventstoredb.unavailable';
        if (!unavailable || attempt >= retry.maxAttempts) throw error;
        const delay = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  const streamOf = (name: string) => `${prefix}${name}`;

  const readOnce = async (name: string): Promise<Stored | undefined> => {
    const streamName = streamOf(name);
    let newest: ResolvedEvent | undefined;
    try {
      for await (const resolved of client.readStream(streamName, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
        requiresLeader,
      }))
        newest = resolved;
    } catch (error) {
      if (!(error instanceof StreamNotFoundError))
        throw storeFailure(`loading the checkpoint of projection ${name}`, error, { streamName });
    }
    // Decoded after the read has ended: leaving a read early would leave its call to be cancelled.
    const latest = newest === undefined ? undefined : decode(streamName, newest);
    known.set(name, latest);
    return latest;
  };

  const read = (name: string) => whileUnavailable(() => readOnce(name));

  /** Appends `checkpoint` after `current`; the new stored value, or undefined when the revision moved on. */
  const appendOnce = async (
    name: string,
    eventId: string,
    current: Stored | undefined,
    checkpoint: Checkpoint,
    expected: ExpectedCheckpoint | undefined,
  ): Promise<Stored | undefined> => {
    const streamName = streamOf(name);
    try {
      // Set before the first event, so the stream never holds more than one checkpoint.
      if (current === undefined)
        await client.setStreamMetadata(streamName, { maxCount: 1 }, { requiresLeader });
      const result = await client.appendToStream(
        streamName,
        jsonEvent({
          id: eventId,
          type: CHECKPOINT_EVENT_TYPE,
          data: { position: checkpoint.position.toString(), version: checkpoint.version },
        }),
        {
          expectedRevision: expected === undefined ? 'any' : (current?.revision ?? 'no_stream'),
          requiresLeader,
        },
      );
      // `success: false` only comes from a client built with throwOnAppendFailure: false.
      if (!result.success) return undefined;
      return {
        checkpoint: { position: checkpoint.position, version: checkpoint.version },
        revision: result.nextExpectedRevision,
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return undefined;
      throw storeFailure(`saving the checkpoint of projection ${name}`, error, {
        streamName,
        position: checkpoint.position,
      });
    }
  };

  const save: CheckpointStore['save'] = async (name, checkpoint, expected) => {
    const cached = known.has(name);
    let current = cached ? known.get(name) : await read(name);
    // A cached value that does not match may only be stale: ask the server before refusing.
    if (cached && expected !== undefined && !same(current?.checkpoint, expected)) current = await read(name);
    for (let attempt = 1; ; attempt++) {
      if (expected !== undefined && !same(current?.checkpoint, expected))
        throw new CheckpointConflictError(name, expected, current?.checkpoint);
      // The same event id and revision on every try: a retry after a lost reply is recognised by the
      // server as the write it already made, not refused as a conflict with ourselves.
      const eventId = randomUUID();
      const at = current;
      const written = await whileUnavailable(() => appendOnce(name, eventId, at, checkpoint, expected));
      if (written !== undefined) {
        known.set(name, written);
        return;
      }
      current = await read(name);
      if (attempt >= MAX_ATTEMPTS)
        throw new CheckpointConflictError(name, expected ?? 'none', current?.checkpoint);
    }
  };

  return {
    load: async (name) => (await read(name))?.checkpoint,
    save,
  };
};

import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { ResolvedEvent } from '@eventstore/db-client';
import * as E from 'fp-ts/Either';
import { ConcurrencyError } from '@tillstream/domain';
import type {
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
} from '@tillstream/domain';
import { commitPosition, toEventData, toStoredEvent } from './codec';
import { storeFailure } from './errors';
import { selects } from './filters';
import type { ResubscribeOptions } from './subscription';
import { DEFAULT_RESUBSCRIBE, followAll } from './subscription';

/** Tuning of the EventStoreDB store. */
export interface EventStoreDBEventStoreOptions {
  /** How a dropped `subscribeToAll` comes back. */
  readonly resubscribe?: ResubscribeOptions;
  /** Events fetched per `$all` request while `readAll` fills a filtered page. */
  readonly readAllBatchSize?: number;
  /**
   * Appends only on the cluster's leader (default true): a follower answers `not-leader`, the
   * client reconnects to the leader it names, and the append fails as `eventstoredb.unavailable`,
   * safe to retry with the same event ids.
   */
  readonly requiresLeader?: boolean;
}

/** The EventStoreDB store, plus the client it runs on. */
export interface EventStoreDBEventStore extends EventStore {
  readonly client: EventStoreDBClient;
}

const collect = async (iterable: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> => {
  const items: ResolvedEvent[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

const actualRevision = (actual: bigint | string): bigint | 'no_stream' =>
  typeof actual === 'bigint' && actual >= 0n ? actual : 'no_stream';

/** The kernel's `EventStore` port on an EventStoreDB client: JSON events, envelope metadata, kernel event ids. */
export const eventStoreDBEventStore = (
  client: EventStoreDBClient,
  options: EventStoreDBEventStoreOptions = {},
): EventStoreDBEventStore => {
  const batchSize = options.readAllBatchSize ?? 512;
  const requiresLeader = options.requiresLeader ?? true;

  const appendToStream: EventStore['appendToStream'] = async (streamName, events, { expectedRevision }) => {
    if (events.length === 0) throw new TypeError(`appendToStream(${streamName}) needs at least one event`);
    const conflict = (actual: bigint | 'no_stream') =>
      E.left(new ConcurrencyError(streamName, expectedRevision, actual));
    try {
      const result = await client.appendToStream(streamName, events.map(toEventData), {
        expectedRevision,
        requiresLeader,
      });
      // Only a client built with throwOnAppendFailure: false answers this way.
      if (!result.success) return conflict(actualRevision(result.nextExpectedRevision));
      if (result.position === undefined) throw new Error('the server returned no position');
      return E.right({ nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return conflict(actualRevision(error.actualVersion));
      throw storeFailure(`appending ${events.length} event(s) to ${streamName}`, error, {
        streamName,
        expectedRevision: expectedRevision as ExpectedRevision,
        // The append is atomic: it either wrote every event or none. Retrying with the same
        // event ids is safe, the server recognises a write it already made.
        eventIds: events.map((e) => e.eventId),
      });
    }
  };

  const readStream: EventStore['readStream'] = async (streamName, readOptions: ReadStreamOptions = {}) => {
    const backwards = readOptions.direction === 'backwards';
    const from = readOptions.fromRevision ?? (backwards ? 'end' : 'start');
    try {
      const read = await collect(
        client.readStream(streamName, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: from === 'start' ? START : from === 'end' ? END : from,
          ...(readOptions.maxCount === undefined ? {} : { maxCount: readOptions.maxCount }),
        }),
      );
      return read.map(toStoredEvent);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw storeFailure(`reading ${streamName}`, error, { streamName });
    }
  };

  // Client 6.2.1 has no filtered readAll, so pages are filled on this side.
  const readAll: EventStore['readAll'] = async (readOptions: ReadAllOptions = {}) => {
    const maxCount = readOptions.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: StoredEvent[] = [];
    let after = readOptions.after;
    try {
      while (out.length < maxCount) {
        const fromPosition = after === undefined ? START : { commit: after, prepare: after };
        const page = await collect(
          client.readAll({ fromPosition, maxCount: batchSize + 1, direction: FORWARDS }),
        );
        // Forwards from a position is inclusive on the server; ours is exclusive.
        const fresh = page.filter((e) => after === undefined || (commitPosition(e) ?? 0n) > after);
        for (const resolved of fresh) {
          if (out.length >= maxCount) break;
          if (selects(readOptions.filter, resolved)) out.push(toStoredEvent(resolved));
        }
        const lastSeen =
          fresh.length === 0 ? undefined : commitPosition(fresh[fresh.length - 1] as ResolvedEvent);
        if (lastSeen === undefined || page.length < batchSize + 1) break;
        after = lastSeen;
      }
    } catch (error) {
      throw storeFailure('reading $all', error, { after: readOptions.after });
    }
    return out;
  };

  const headPosition: EventStore['headPosition'] = async () => {
    try {
      const [newest] = await collect(
        client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }),
      );
      return newest === undefined ? undefined : commitPosition(newest);
    } catch (error) {
      throw storeFailure('reading the head of $all', error);
    }
  };

  return {
    client,
    appendToStream,
    readStream,
    readAll,
    headPosition,
    subscribeToAll: (subscribeOptions, handler) =>
      followAll(client, subscribeOptions, handler, options.resubscribe ?? DEFAULT_RESUBSCRIBE),
  };
};

/**
 * Connects to EventStoreDB by connection string and returns the store and a way to close the
 * connection. Any string the client accepts works: one node (`esdb://host:2113?tls=false`), a
 * cluster by gossip seeds (`esdb+discover://a:2113,b:2113,c:2113?nodePreference=leader`) with
 * `maxDiscoverAttempts`, `discoveryInterval` and `gossipTimeout`.
 */
export const createEventStoreDBEventStore = (settings: {
  readonly connectionString: string;
  readonly options?: EventStoreDBEventStoreOptions;
}): EventStoreDBEventStore & { readonly close: () => Promise<void> } => {
  const client = EventStoreDBClient.connectionString(settings.connectionString);
  return { ...eventStoreDBEventStore(client, settings.options), close: () => client.dispose() };
};

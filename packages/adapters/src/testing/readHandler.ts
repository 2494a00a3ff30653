import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import {
  allReadFrom,
  checkpointResponse,
  eventResponse,
  filterOf,
  streamNameOf,
  streamNotFoundResponse,
  streamReadFrom,
} from './converters';
import { badRequestError, streamDeletedError } from './errors';
import type { Log } from './log';
import type { ReadRange } from './reads';
import { readAll, readStream } from './reads';
import type { SubscriptionSink, Unsubscribe } from './subscriptions';
import { subscribeToAll, subscribeToStream } from './subscriptions';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** Registry of running subscriptions, so the server can stop them all on shutdown. */
export type ActiveSubscriptions = Set<Unsubscribe>;

const sinkFor = (call: ReadCall, streamName: string): SubscriptionSink => ({
  confirmed: () =>
    call.write(
      new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())),
    ),
  event: (record) => call.write(eventResponse(record)),
  caughtUp: () => call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp())),
  checkpoint: (position) => call.write(checkpointResponse(position)),
  streamDeleted: () => call.emit('error', streamDeletedError(streamName)),
});

const subscribe = (log: Log, call: ReadCall, options: ReadReq.Options, active: ActiveSubscriptions): void => {
  const streamOptions = options.getStream();
  const allOptions = options.getAll();
  const streamName = streamOptions ? streamNameOf(streamOptions.getStreamIdentifier()) : '$all';
  const sink = sinkFor(call, streamName);
  const unsubscribe = streamOptions
    ? subscribeToStream(log, streamName, streamReadFrom(streamOptions), sink)
    : subscribeToAll(log, allOptions ? allReadFrom(allOptions) : 'start', filterOf(options), sink);
  const stop = (): void => {
    unsubscribe();
    active.delete(stop);
  };
  active.add(stop);
  // The client ends a subscription by cancelling the call; a dropped socket ends it the same way.
  call.on('cancelled', stop);
  call.on('close', stop);
  call.on('error', stop);
};

/** `Streams.Read`: stream and `$all` reads in both directions, and subscriptions (`count_option = subscription`). */
export const readHandler =
  (log: Log, active: ActiveSubscriptions) =>
  (call: ReadCall): void => {
    const options = call.request.getOptions();
    if (!options) {
      call.emit('error', badRequestError('Read request without options'));
      return;
    }
    if (options.hasSubscription()) {
      subscribe(log, call, options, active);
      return;
    }
    const range: ReadRange = {
      direction: options.getReadDirection() === 1 ? 'backwards' : 'forwards',
      from: 'start',
      maxCount: options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER,
    };
    const streamOptions = options.getStream();
    if (streamOptions) {
      const streamName = streamNameOf(streamOptions.getStreamIdentifier());
      const result = readStream(log, streamName, { ...range, from: streamReadFrom(streamOptions) });
      if (result.kind === 'stream_deleted') {
        call.emit('error', streamDeletedError(streamName));
        return;
      }
      if (result.kind === 'stream_not_found') call.write(streamNotFoundResponse(streamName));
      else for (const record of result.records) call.write(eventResponse(record));
      call.end();
      return;
    }
    const allOptions = options.getAll();
    for (const record of readAll(log, { ...range, from: allOptions ? allReadFrom(allOptions) : 'start' })) {
      call.write(eventResponse(record));
    }
    call.end();
  };

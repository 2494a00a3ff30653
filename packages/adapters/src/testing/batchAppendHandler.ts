import type { ServerDuplexStream } from '@grpc/grpc-js';
import { AllStreamPosition } from '@eventstore/db-client/generated/shared_pb';
import { BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import type { Expected } from './commitCheck';
import {
  MissingMetadataError,
  proposedEvent,
  streamIdentifier,
  streamNameOf,
  uuid,
  uuidString,
} from './converters';
import { maxAppendSizeStatus, streamDeletedStatus, wrongExpectedVersionStatus } from './errors';
import type { Faults } from './faults';
import { loseReplyAfterCommit } from './faults';
import type { Log, ProposedEvent } from './log';
import { append, appendSize } from './writes';

// One append in progress on the shared call, keyed by correlation id until `is_final`.
interface PendingBatch {
  readonly streamName: string;
  readonly expected: Expected;
  readonly events: ProposedEvent[];
  size: number;
  failed: boolean;
}

const expectedOfBatch = (options: BatchAppendReq.Options): Expected =>
  options.hasStreamPosition()
    ? { kind: 'revision', revision: BigInt(options.getStreamPosition()) }
    : options.hasNoStream()
      ? { kind: 'no_stream' }
      : options.hasStreamExists()
        ? { kind: 'stream_exists' }
        : { kind: 'any' };

const respond = (correlationId: string, streamName: string): BatchAppendResp =>
  // The client needs both echoed back: it looks the call up by id and names the stream in errors.
  new BatchAppendResp()
    .setCorrelationId(uuid(correlationId))
    .setStreamIdentifier(streamIdentifier(streamName));

/** `Streams.BatchAppend`: a long-lived bidirectional call; each correlation id is one atomic append. */
export const batchAppendHandler =
  (log: Log, maxAppendSize: number, faults: Faults) =>
  (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, PendingBatch>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = uuidString(request.getCorrelationId());
      const options = request.getOptions();
      let batch = pending.get(correlationId);
      if (!batch) {
        if (!options) return; // A chunk of an append already answered with an error.
        batch = {
          streamName: streamNameOf(options.getStreamIdentifier()),
          expected: expectedOfBatch(options),
          events: [],
          size: 0,
          failed: false,
        };
        pending.set(correlationId, batch);
      }
      const fail = (status: Status): void => {
        (batch as PendingBatch).failed = true;
        call.write(respond(correlationId, (batch as PendingBatch).streamName).setError(status));
      };
      if (!batch.failed) {
        try {
          for (const message of request.getProposedMessagesList()) {
            const event = proposedEvent(message);
            batch.events.push(event);
            batch.size += appendSize([event]);
          }
          if (batch.size > maxAppendSize) fail(maxAppendSizeStatus(maxAppendSize));
        } catch (error) {
          const message = error instanceof MissingMetadataError ? error.message : String(error);
          fail(new Status().setCode(3).setMessage(message));
        }
      }
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      if (batch.failed) return;
      const result = append(log, batch.streamName, batch.expected, batch.events);
      if (loseReplyAfterCommit(faults)) return;
      const response = respond(correlationId, batch.streamName);
      if (result.kind === 'stream_deleted') response.setError(streamDeletedStatus(batch.streamName));
      else if (result.kind === 'wrong_expected_version') {
        response.setError(wrongExpectedVersionStatus(batch.expected, result.current));
      } else {
        const success = new BatchAppendResp.Success();
        if (result.revision < 0n) success.setNoStream(new ProtobufEmpty());
        else success.setCurrentRevision(result.revision.toString());
        if (result.position === undefined) success.setNoPosition(new ProtobufEmpty());
        else
          success.setPosition(
            new AllStreamPosition()
              .setCommitPosition(result.position.toString())
              .setPreparePosition(result.position.toString()),
          );
        response.setSuccess(success);
      }
      call.write(response);
    });
    call.on('end', () => call.end());
  };

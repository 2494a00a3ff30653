import type { sendUnaryData, ServerReadableStream } from '@grpc/grpc-js';
import { AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendReq } from '@eventstore/db-client/generated/streams_pb';
import type { Expected } from './commitCheck';
import { MissingMetadataError, empty, expectedOf, proposedEvent, streamNameOf } from './converters';
import { badRequestError, maxAppendSizeError, missingMetadataError, streamDeletedError } from './errors';
import type { Faults } from './faults';
import { loseReplyAfterCommit } from './faults';
import type { Log, ProposedEvent } from './log';
import type { WriteResult } from './writes';
import { append, appendSize } from './writes';

const successResponse = (result: Extract<WriteResult, { kind: 'success' }>): AppendResp => {
  const success = new AppendResp.Success();
  if (result.revision < 0n) success.setNoStream(empty());
  else success.setCurrentRevision(result.revision.toString());
  if (result.position === undefined) success.setNoPosition(empty());
  else
    success.setPosition(
      new AppendResp.Position()
        .setCommitPosition(result.position.toString())
        .setPreparePosition(result.position.toString()),
    );
  return new AppendResp().setSuccess(success);
};

// Append answers a wrong expected version as a normal response, not a gRPC error.
const wrongExpectedVersionResponse = (expected: Expected, current: bigint): AppendResp => {
  const wev = new AppendResp.WrongExpectedVersion();
  if (current < 0n) wev.setCurrentNoStream(empty()).setNoStream2060(empty());
  else wev.setCurrentRevision(current.toString()).setCurrentRevision2060(Number(current));
  if (expected.kind === 'revision') {
    wev.setExpectedRevision(expected.revision.toString()).setExpectedRevision2060(Number(expected.revision));
  } else if (expected.kind === 'no_stream') wev.setExpectedNoStream(empty());
  else if (expected.kind === 'stream_exists')
    wev.setExpectedStreamExists(empty()).setStreamExists2060(empty());
  else wev.setExpectedAny(empty()).setAny2060(empty());
  return new AppendResp().setWrongExpectedVersion(wev);
};

/** `Streams.Append`: options first, then one message per event; one atomic commit at the end. */
export const appendHandler =
  (log: Log, maxAppendSize: number, faults: Faults) =>
  (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let streamName: string | undefined;
    let expected: Expected = { kind: 'any' };
    const events: ProposedEvent[] = [];
    let size = 0;
    let failed = false;
    const fail = (error: Parameters<typeof callback>[0]): void => {
      if (failed) return;
      failed = true;
      callback(error);
    };
    call.on('data', (request: AppendReq) => {
      if (failed) return;
      const options = request.getOptions();
      const message = request.getProposedMessage();
      if (options) {
        streamName = streamNameOf(options.getStreamIdentifier());
        expected = expectedOf(options);
      } else if (message) {
        try {
          const event = proposedEvent(message);
          events.push(event);
          size += appendSize([event]);
        } catch (error) {
          fail(
            error instanceof MissingMetadataError
              ? missingMetadataError(error.missing)
              : badRequestError(String(error)),
          );
          return;
        }
        // Checked as messages arrive, like the server, so a huge append fails before it is all sent.
        if (size > maxAppendSize) fail(maxAppendSizeError(maxAppendSize));
      }
    });
    call.on('end', () => {
      if (failed) return;
      if (streamName === undefined) return fail(badRequestError('Append without options'));
      const result = append(log, streamName, expected, events);
      if (loseReplyAfterCommit(faults)) return;
      if (result.kind === 'stream_deleted') return fail(streamDeletedError(streamName));
      if (result.kind === 'wrong_expected_version')
        return callback(null, wrongExpectedVersionResponse(expected, result.current));
      callback(null, successResponse(result));
    });
  };

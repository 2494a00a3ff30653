import type { sendUnaryData, ServerErrorResponse, ServerUnaryCall } from '@grpc/grpc-js';
import { DeleteResp, TombstoneResp } from '@eventstore/db-client/generated/streams_pb';
import type { DeleteReq, TombstoneReq } from '@eventstore/db-client/generated/streams_pb';
import type { Expected } from './commitCheck';
import { expectedOf, streamNameOf } from './converters';
import { badRequestError, streamDeletedError, wrongExpectedVersionError } from './errors';
import type { Log } from './log';
import type { WriteResult } from './writes';
import { softDelete, tombstone } from './writes';

// Delete and Tombstone answer failures as gRPC errors with trailers, unlike Append.
const failure = (
  streamName: string,
  expected: Expected,
  result: WriteResult,
): ServerErrorResponse | undefined =>
  result.kind === 'stream_deleted'
    ? streamDeletedError(streamName)
    : result.kind === 'wrong_expected_version'
      ? wrongExpectedVersionError(streamName, expected, result.current)
      : undefined;

/** `Streams.Delete`: soft delete. */
export const deleteHandler =
  (log: Log) =>
  (call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>): void => {
    const options = call.request.getOptions();
    if (!options) return callback(badRequestError('Delete without options'));
    const streamName = streamNameOf(options.getStreamIdentifier());
    const expected = expectedOf(options);
    const result = softDelete(log, streamName, expected);
    const error = failure(streamName, expected, result);
    if (error || result.kind !== 'success' || result.position === undefined) return callback(error ?? null);
    const position = result.position.toString();
    callback(
      null,
      new DeleteResp().setPosition(
        new DeleteResp.Position().setCommitPosition(position).setPreparePosition(position),
      ),
    );
  };

/** `Streams.Tombstone`: hard delete. */
export const tombstoneHandler =
  (log: Log) =>
  (call: ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: sendUnaryData<TombstoneResp>): void => {
    const options = call.request.getOptions();
    if (!options) return callback(badRequestError('Tombstone without options'));
    const streamName = streamNameOf(options.getStreamIdentifier());
    const expected = expectedOf(options);
    const result = tombstone(log, streamName, expected);
    const error = failure(streamName, expected, result);
    if (error || result.kind !== 'success' || result.position === undefined) return callback(error ?? null);
    const position = result.position.toString();
    callback(
      null,
      new TombstoneResp().setPosition(
        new TombstoneResp.Position().setCommitPosition(position).setPreparePosition(position),
      ),
    );
  };

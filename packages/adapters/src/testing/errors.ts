import { Metadata, status } from '@grpc/grpc-js';
import type { ServerErrorResponse } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  MaximumAppendSizeExceeded,
  StreamDeleted,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import type { Expected } from './commitCheck';
import { streamIdentifier } from './converters';

// The numeric forms the server puts in `expected-version` trailers.
const EXPECTED_ANY = -2n;
const EXPECTED_NO_STREAM = -1n;
const EXPECTED_STREAM_EXISTS = -4n;

const serviceError = (
  code: status,
  details: string,
  trailers: Record<string, string>,
): ServerErrorResponse => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
};

/** `FAILED_PRECONDITION` with `exception=stream-deleted`: what a tombstoned stream answers. */
export const streamDeletedError = (streamName: string): ServerErrorResponse =>
  serviceError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  });

/** The numeric expected version of the trailers (`Any=-2`, `NoStream=-1`, `StreamExists=-4`). */
export const expectedVersionNumber = (expected: Expected): bigint =>
  expected.kind === 'revision'
    ? expected.revision
    : expected.kind === 'any'
      ? EXPECTED_ANY
      : expected.kind === 'no_stream'
        ? EXPECTED_NO_STREAM
        : EXPECTED_STREAM_EXISTS;

/** Delete/Tombstone's wrong-expected-version: a gRPC error whose details are trailers. */
export const wrongExpectedVersionError = (
  streamName: string,
  expected: Expected,
  current: bigint,
): ServerErrorResponse =>
  serviceError(
    status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expectedVersionNumber(expected)}, Actual version: ${current}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': streamName,
      'expected-version': expectedVersionNumber(expected).toString(),
      'actual-version': current.toString(),
    },
  );

/** Append's size limit error. */
export const maxAppendSizeError = (maxAppendSize: number): ServerErrorResponse =>
  serviceError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

/** A proposed event without `type` or `content-type`. */
export const missingMetadataError = (missing: readonly string[]): ServerErrorResponse =>
  serviceError(status.INVALID_ARGUMENT, `Required metadata properties are missing: ${missing.join(', ')}`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': missing.join(','),
  });

/** A malformed request: the client never sends one, so the exact shape is not modelled. */
export const badRequestError = (message: string): ServerErrorResponse =>
  serviceError(status.INVALID_ARGUMENT, message, {});

const packed = (code: number, message: string, bytes: Uint8Array, typeName: string): Status => {
  const details = new Any();
  details.pack(bytes, typeName, 'type.googleapis.com/');
  return new Status().setCode(code).setMessage(message).setDetails(details);
};

/** BatchAppend's wrong-expected-version: `ALREADY_EXISTS` with a packed `WrongExpectedVersion`. */
export const wrongExpectedVersionStatus = (expected: Expected, current: bigint): Status => {
  const details = new WrongExpectedVersion();
  if (current < 0n) details.setCurrentNoStream(new ProtobufEmpty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected.kind === 'revision') details.setExpectedStreamPosition(expected.revision.toString());
  else if (expected.kind === 'no_stream') details.setExpectedNoStream(new ProtobufEmpty());
  else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new ProtobufEmpty());
  else details.setExpectedAny(new ProtobufEmpty());
  return packed(
    status.ALREADY_EXISTS,
    'WrongExpectedVersion',
    details.serializeBinary(),
    'event_store.client.WrongExpectedVersion',
  );
};

/** BatchAppend's stream-deleted: `NOT_FOUND` with a packed `StreamDeleted`. */
export const streamDeletedStatus = (streamName: string): Status =>
  packed(
    status.NOT_FOUND,
    'StreamDeleted',
    new StreamDeleted().setStreamIdentifier(streamIdentifier(streamName)).serializeBinary(),
    'event_store.client.StreamDeleted',
  );

/** BatchAppend's size limit: `INVALID_ARGUMENT` with a packed `MaximumAppendSizeExceeded`. */
export const maxAppendSizeStatus = (maxAppendSize: number): Status =>
  packed(
    status.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize).serializeBinary(),
    'event_store.client.MaximumAppendSizeExceeded',
  );

import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { Expected } from './commitCheck';
import type { AllFilter } from './filters';
import type { ContentType, LogRecord, ProposedEvent } from './log';
import type { ReadFrom } from './reads';

/** A proposed message of Append or BatchAppend: both carry the same four fields. */
export interface ProposedMessageLike {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** A required metadata key was missing from a proposed event. */
export class MissingMetadataError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`Required metadata properties are missing: ${missing.join(', ')}`);
  }
}

/** The UTF-8 stream name of a stream identifier. */
export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array(0)).toString('utf8');

/** A stream identifier message for a name. */
export const streamIdentifier = (streamName: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));

const hex = (value: string): string => BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0');

/** The canonical string form of a gRPC UUID, string or structured. */
export const uuidString = (uuid: UUID | undefined): string => {
  if (!uuid) return '';
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (!structured) return '';
  const digits = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
};

/** A string UUID message. */
export const uuid = (value: string): UUID => new UUID().setString(value);

/** Decodes a proposed message; the server only keeps JSON or octet-stream content types. */
export const proposedEvent = (message: ProposedMessageLike): ProposedEvent => {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  const missing = [...(type ? [] : ['type']), ...(contentType === undefined ? ['content-type'] : [])];
  if (missing.length > 0 || type === undefined) throw new MissingMetadataError(missing);
  const normalized: ContentType =
    contentType === 'application/json' ? 'application/json' : 'application/octet-stream';
  return {
    eventId: uuidString(message.getId()),
    type,
    contentType: normalized,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

/** Shape shared by the `expected_stream_revision` oneofs of Append, Delete and Tombstone. */
export interface ExpectedRevisionOptions {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

/** The expected revision a request carries; an unset oneof means `any`. */
export const expectedOf = (options: ExpectedRevisionOptions): Expected =>
  options.hasRevision()
    ? { kind: 'revision', revision: BigInt(options.getRevision()) }
    : options.hasNoStream()
      ? { kind: 'no_stream' }
      : options.hasStreamExists()
        ? { kind: 'stream_exists' }
        : { kind: 'any' };

/** Where a stream read or subscription starts. */
export const streamReadFrom = (options: ReadReq.Options.StreamOptions): ReadFrom =>
  options.hasRevision() ? BigInt(options.getRevision()) : options.hasEnd() ? 'end' : 'start';

/** Where a `$all` read or subscription starts (the commit position decides). */
export const allReadFrom = (options: ReadReq.Options.AllOptions): ReadFrom => {
  const position = options.getPosition();
  return position ? BigInt(position.getCommitPosition()) : options.hasEnd() ? 'end' : 'start';
};

const DEFAULT_SEARCH_WINDOW = 32;

/** The `$all` filter of a request, or undefined for `no_filter`. */
export const filterOf = (options: ReadReq.Options): AllFilter | undefined => {
  const filter = options.getFilter();
  if (!filter) return undefined;
  const expression = filter.getStreamIdentifier() ?? filter.getEventType();
  const regex = expression?.getRegex();
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    on: filter.hasStreamIdentifier() ? 'streamName' : 'eventType',
    prefixes: expression?.getPrefixList() ?? [],
    regex: regex ? new RegExp(regex) : undefined,
    checkpointInterval: Math.max(1, (filter.getCheckpointintervalmultiplier() || 1) * window),
  };
};

const recordedEvent = (record: LogRecord): ReadResp.ReadEvent.RecordedEvent => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuid(record.eventId))
    .setStreamIdentifier(streamIdentifier(record.streamName))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created.toString());
  return recorded;
};

/** A `ReadResp` carrying one event; its commit position is the record's own. */
export const eventResponse = (record: LogRecord): ReadResp =>
  new ReadResp().setEvent(
    new ReadResp.ReadEvent().setEvent(recordedEvent(record)).setCommitPosition(record.position.toString()),
  );

/** A `ReadResp` for `stream_not_found`. */
export const streamNotFoundResponse = (streamName: string): ReadResp =>
  new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)),
  );

/** A `ReadResp` carrying a checkpoint. */
export const checkpointResponse = (position: bigint): ReadResp =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()),
  );

/** An `Empty` message of the client's own `event_store.client.Empty`. */
export const empty = (): Empty => new Empty();

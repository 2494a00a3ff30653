import * as E from 'fp-ts/Either';
import { checkedEventToAppend } from './checkedEvents';
import { instantText } from './clock';
import { commandFingerprint, sameCommand } from './commandHash';
import type { Aggregate, Command, DecisionError } from './decider';
import type { Event, EventMetadata, EventToAppend, RecordedEvent, StoredEvent } from './envelope';
import {
  ConcurrencyError,
  type EventDecodeError,
  IdempotencyConflictError,
  foreignTenantStream,
  InvalidEventError,
} from './errors';
import type { EventStore } from './eventStore';
import { firstEventId, nthId } from './ids';
import type { StreamRevision } from './revision';
import { remember, streamsOf, type StateCache } from './stateCache';
import { foldKnown, readAndFold } from './streamFold';
import { isStreamOfTenant } from './streamName';

// Kept where they were first exported from, for the modules that import them from here.
export type { Aggregate } from './decider';
export { dropCachedFold, stateCache, type StateCache } from './stateCache';
export { decodeEvent } from './streamFold';

/** Every way `handleCommand` can fail without throwing. */
export type CommandError =
  DecisionError | ConcurrencyError | EventDecodeError | InvalidEventError | IdempotencyConflictError;

/** What a handled command produced. */
export interface CommandResult<Ev extends Event, S> {
  readonly streamName: string;
  /** The events this command wrote (or, when `idempotent`, wrote the first time it was sent). */
  readonly events: readonly CommittedEvent<Ev>[];
  /** State after the command's events. */
  readonly state: S;
  /** Revision of the stream's last event, or 'no_stream' if it has none. */
  readonly revision: StreamRevision | 'no_stream';
  /** True when the command had been handled before and nothing was written now. */
  readonly idempotent: boolean;
}

/** An event a command wrote, with its place in the stream. */
export type CommittedEvent<Ev extends Event> = Omit<RecordedEvent<Ev>, 'position'>;

/** Tuning of the read-decide-append loop. */
export interface HandleCommandOptions {
  /** How many times to read, decide and append before giving up on a busy stream (default 10). */
  readonly maxAttempts?: number;
  /**
   * Keeps folded states between commands, so a command reads and decodes only the events
   * appended since (see `stateCache`). Without it every command folds its whole stream.
   */
  readonly cache?: StateCache | undefined;
  /**
   * The whole stream as the caller has just read it (`readStream`, forwards from the start): the
   * first attempt folds it instead of reading again. If the stream has moved on since, the append
   * conflicts and the next attempt reads it afresh, so a stale copy costs a retry, never a mistake.
   */
  readonly known?: readonly StoredEvent[] | undefined;
}

const envelope = <Ev extends Event>(
  aggregate: Aggregate<Command, Ev, unknown>,
  streamName: string,
  command: Command,
  hash: string,
  events: readonly Ev[],
): E.Either<InvalidEventError, EventToAppend[]> => {
  const out: EventToAppend[] = [];
  const m = command.metadata;
  // The first event keeps the id it always had; the others derive theirs from it (see `nthId`).
  const firstId = firstEventId(streamName, m.commandId);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Ev;
    const encoded = aggregate.events.encode(event);
    if (E.isLeft(encoded)) {
      return E.left(
        new InvalidEventError(
          'event.invalid',
          `Refused to write ${event.type}: field "${encoded.left.field}" ${encoded.left.reason}.`,
          { eventType: event.type, ...encoded.left },
        ),
      );
    }
    const eventId = nthId(firstId, i);
    const metadata: EventMetadata = {
      eventId,
      commandId: m.commandId,
      commandHash: hash,
      correlationId: m.correlationId ?? m.commandId,
      causationId: m.causationId ?? m.commandId,
      tenantId: m.tenantId,
      actor: m.actor,
      occurredAt: instantText(m.now),
      schemaVersion: encoded.right.schemaVersion,
    };
    const { type, data, decodesAsIs } = encoded.right;
    out.push(
      decodesAsIs === true
        ? checkedEventToAppend(aggregate.events, eventId, type, data, metadata)
        : { eventId, type, data, metadata },
    );
  }
  return E.right(out);
};

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads the stream, folds it, decides, and appends at the revision it read; on a concurrency
 * conflict it reads and decides again. A command whose `commandId` already wrote to the stream
 * writes nothing and returns what it wrote the first time.
 */
export const handleCommand = async <C extends Command, Ev extends Event, S>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S>,
  streamName: string,
  command: C,
  options: HandleCommandOptions = {},
): Promise<E.Either<CommandError, CommandResult<Ev, S>>> => {
  if (!isStreamOfTenant(streamName, command.metadata.tenantId))
    return E.left(foreignTenantStream(streamName, command.metadata.tenantId, 'write to'));
  const hash = commandFingerprint(command.type, command.data);
  const maxAttempts = options.maxAttempts ?? 10;
  let lastConflict: ConcurrencyError | undefined;

  const cache = options.cache;
  const streams = cache === undefined ? undefined : streamsOf(cache, store, aggregate);

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const known = attempt === 1 ? options.known : undefined;
    const folded =
      known === undefined
        ? await readAndFold(store, aggregate, streamName, command.metadata, streams)
        : foldKnown(aggregate, known, command.metadata, streams !== undefined);
    if (E.isLeft(folded)) return folded;
    const { state, revision, previous, ids } = folded.right;
    if (cache !== undefined && streams !== undefined && ids !== undefined && revision !== 'no_stream')
      remember(cache, streams, streamName, { state, revision, commandIds: ids });

    const first = previous[0];
    if (first !== undefined) {
      return sameCommand(first.metadata.commandHash, hash, command.type, command.data)
        ? E.right({ streamName, events: previous, state, revision, idempotent: true })
        : E.left(new IdempotencyConflictError(command.metadata.commandId));
    }

    const decision = aggregate.decider.decide(command, state);
    if (E.isLeft(decision)) return decision;
    if (decision.right.length === 0) {
      return E.right({ streamName, events: [], state, revision, idempotent: false });
    }

    const toAppend = envelope(
      aggregate as Aggregate<Command, Ev, unknown>,
      streamName,
      command,
      hash,
      decision.right,
    );
    if (E.isLeft(toAppend)) return toAppend;

    const appended = await store.appendToStream(streamName, toAppend.right, { expectedRevision: revision });
    if (E.isLeft(appended)) {
      lastConflict = appended.left;
      streams?.delete(streamName);
      await yieldToOthers();
      continue;
    }

    const last = appended.right.nextExpectedRevision;
    const count = toAppend.right.length;
    let next = state;
    const events = decision.right.map((event, i): CommittedEvent<Ev> => {
      next = aggregate.decider.evolve(next, event);
      const written = toAppend.right[i] as EventToAppend;
      // Most commands write one event: its revision is the stream's, with no bigint arithmetic.
      const revision = i === count - 1 ? last : last - BigInt(count - 1 - i);
      return { event, metadata: written.metadata, streamName, revision };
    });
    if (cache !== undefined && streams !== undefined && ids !== undefined) {
      ids.add(command.metadata.commandId);
      remember(cache, streams, streamName, {
        state: next,
        revision: appended.right.nextExpectedRevision,
        commandIds: ids,
      });
    }
    return E.right({
      streamName,
      events,
      state: next,
      revision: appended.right.nextExpectedRevision,
      idempotent: false,
    });
  }
  return E.left(
    new ConcurrencyError(
      streamName,
      lastConflict?.expected ?? 'any',
      lastConflict?.actual ?? 'no_stream',
      maxAttempts,
    ),
  );
};

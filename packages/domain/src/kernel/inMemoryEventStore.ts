import * as E from 'fp-ts/Either';
import type { EventToAppend, StoredEvent } from './envelope';
import { ConcurrencyError } from './errors';
import type {
  AppendResult,
  EventFilter,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
  Subscription,
  SubscriptionHandler,
} from './eventStore';
import type { ExpectedRevision, Position, StreamRevision } from './revision';
import { storedEventOf } from './checkedEvents';

interface StreamRecord {
  readonly events: StoredEvent[];
  /** Built on the stream's first append at `any` revision (the only one that looks ids up), then kept. */
  revisionById?: Map<string, number>;
}

const revisionsById = (record: StreamRecord): Map<string, number> => {
  if (record.revisionById === undefined)
    record.revisionById = new Map(record.events.map((e, revision) => [e.eventId, revision]));
  return record.revisionById;
};

/** The in-memory store, plus what only it can offer: a look at everything it holds. */
export interface InMemoryEventStore extends EventStore {
  /** Every stored event in `$all` order (a copy of the list; the events are frozen). */
  readonly allEvents: () => readonly StoredEvent[];
}

/** Tells whether a stored event passes a subscription or read filter. */
export const matchesFilter = (filter: EventFilter | undefined, event: StoredEvent): boolean => {
  if (filter === undefined) return true;
  const subject = filter.kind === 'streamPrefix' ? event.streamName : event.type;
  return filter.prefixes.some((p) => subject.startsWith(p));
};

// Returned by `sealedCopy` for anything it leaves to JSON itself.
const UNUSUAL: unique symbol = Symbol('unusual');

/**
 * Copies a tree of plain objects, arrays, strings, finite numbers, booleans and null exactly as
 * `JSON.parse(JSON.stringify(value))` would, several times faster, freezing every object it makes;
 * anything JSON would change rather than copy (dates, `toJSON`, class instances, bigints, NaN,
 * functions, holes, cycles…) returns UNUSUAL and goes through JSON. A field holding `undefined` is
 * left out, as JSON leaves it out.
 */
const sealedCopy = (value: unknown, depth: number, seal: boolean): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0, a change no schema can see; NaN or ±Infinity it writes as null.
      return Number.isFinite(value) ? value + 0 : UNUSUAL;
    case 'object': {
      if (value === null) return null;
      if (depth > 64 || 'toJSON' in value) return UNUSUAL;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Array.prototype) {
        const array = value as readonly unknown[];
        const out: unknown[] = new Array<unknown>(array.length);
        for (let i = 0; i < array.length; i++) {
          const copied = sealedCopy(array[i], depth + 1, seal);
          if (copied === UNUSUAL || copied === undefined) return UNUSUAL;
          out[i] = copied;
        }
        return seal ? Object.freeze(out) : out;
      }
      if (proto !== Object.prototype && proto !== null) return UNUSUAL;
      const record = value as Readonly<Record<string, unknown>>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(record)) {
        if (key === '__proto__') return UNUSUAL;
        const item = record[key];
        if (item === undefined) continue;
        const copied = sealedCopy(item, depth + 1, seal);
        if (copied === UNUSUAL) return UNUSUAL;
        out[key] = copied;
      }
      return seal ? Object.freeze(out) : out;
    }
    default:
      return UNUSUAL;
  }
};

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
};

/** What a JSON store gives back for `value` when `sealedCopy` left it to JSON, deep-frozen when `seal`. */
const viaJson = (value: unknown, seal: boolean): unknown => {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  return seal ? deepFreeze(copy) : copy;
};

const isThenable = (value: unknown): value is PromiseLike<void> =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

const WRITE = E.right('write' as const);

/**
 * The reference `EventStore` and the embedded default: EventStoreDB's append semantics
 * (expected revisions, idempotent re-append of the same event ids) over arrays in memory.
 * Event data and metadata go through JSON on append, as they would to a real store.
 */
export const inMemoryEventStore = (): InMemoryEventStore => {
  const log: StoredEvent[] = [];
  const streams = new Map<string, StreamRecord>();
  const wakers = new Set<() => void>();

  // Position = index in the log + 1: positions start above 0 and are strictly increasing.
  const positionAt = (index: number): Position => BigInt(index + 1);
  const indexAfter = (position: Position | undefined): number =>
    position === undefined ? 0 : Math.max(0, Math.min(log.length, Number(position)));

  /** Returns the result of an earlier identical append, if `events` repeat ids stored from `start`. */
  const idempotentReplay = (
    record: StreamRecord,
    start: number,
    events: readonly EventToAppend[],
  ): AppendResult | 'mismatch' => {
    for (const [i, e] of events.entries()) {
      const stored = record.events[start + i];
      if (stored === undefined || stored.eventId !== e.eventId) return 'mismatch';
    }
    const last = record.events[start + events.length - 1] as StoredEvent;
    return { nextExpectedRevision: last.revision, position: last.position };
  };

  const check = (
    streamName: string,
    record: StreamRecord | undefined,
    expected: ExpectedRevision,
    events: readonly EventToAppend[],
  ): E.Either<ConcurrencyError, 'write' | AppendResult> => {
    // The usual appends (at the revision just read, or a new stream) settle before anything else.
    const length = record === undefined ? 0 : record.events.length;
    if (
      length === 0
        ? expected === 'no_stream'
        : typeof expected === 'bigint' && expected === BigInt(length - 1)
    )
      return WRITE;
    const current: StreamRevision | 'no_stream' =
      record === undefined || record.events.length === 0 ? 'no_stream' : BigInt(record.events.length - 1);
    const conflict = () => E.left(new ConcurrencyError(streamName, expected, current));
    const replayFrom = (start: number) => {
      if (record === undefined) return conflict();
      const replay = idempotentReplay(record, start, events);
      return replay === 'mismatch' ? conflict() : E.right(replay);
    };
    const firstId = events[0]?.eventId;
    if (expected === 'any') {
      const at =
        firstId === undefined
          ? undefined
          : record === undefined
            ? undefined
            : revisionsById(record).get(firstId);
      return at === undefined ? E.right('write') : replayFrom(at);
    }
    if (expected === 'no_stream') return current === 'no_stream' ? E.right('write') : replayFrom(0);
    if (expected === 'stream_exists') return current === 'no_stream' ? conflict() : E.right('write');
    if (current === 'no_stream') return conflict();
    if (expected === current) return E.right('write');
    return expected < current ? replayFrom(Number(expected) + 1) : conflict();
  };

  const appendToStream: EventStore['appendToStream'] = async (streamName, events, { expectedRevision }) => {
    if (events.length === 0) throw new TypeError(`appendToStream(${streamName}) needs at least one event`);
    const record = streams.get(streamName);
    const decision = check(streamName, record, expectedRevision, events);
    if (E.isLeft(decision)) return decision;
    if (decision.right !== 'write') return E.right(decision.right);

    const target: StreamRecord = record ?? { events: [] };
    if (record === undefined) streams.set(streamName, target);
    for (const e of events) {
      const revision = target.events.length;
      // The JSON round trip makes stored events exactly what a real store would give back.
      // Exact when JSON would only have copied the data, so that a schema check of it holds for the
      // copy too. Data is sealed: the checked mark vouches for it. Metadata is only copied.
      const copied = sealedCopy(e.data, 0, true);
      const exact = copied !== UNUSUAL;
      const data = exact ? copied : viaJson(e.data, true);
      const meta = sealedCopy(e.metadata, 0, false);
      const metadata = (meta === UNUSUAL ? viaJson(e.metadata, false) : meta) as StoredEvent['metadata'];
      const stored = Object.freeze(
        storedEventOf(e, exact, data, metadata, streamName, BigInt(revision), positionAt(log.length)),
      );
      log.push(stored);
      target.events.push(stored);
      target.revisionById?.set(e.eventId, revision);
    }
    for (const wake of wakers) wake();
    wakers.clear();
    const last = target.events[target.events.length - 1] as StoredEvent;
    return E.right({ nextExpectedRevision: last.revision, position: last.position });
  };

  const readStream: EventStore['readStream'] = async (streamName, options: ReadStreamOptions = {}) => {
    const events = streams.get(streamName)?.events ?? [];
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const from = options.fromRevision;
    if (options.direction === 'backwards') {
      const start =
        from === undefined || from === 'end' ? events.length - 1 : from === 'start' ? 0 : Number(from);
      const upTo = Math.min(start, events.length - 1);
      return events.slice(Math.max(0, upTo - max + 1), upTo + 1).reverse();
    }
    const start = from === undefined || from === 'start' ? 0 : from === 'end' ? events.length : Number(from);
    return events.slice(start, start + max);
  };

  const readAll: EventStore['readAll'] = async (options: ReadAllOptions = {}) => {
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: StoredEvent[] = [];
    for (let i = indexAfter(options.after); i < log.length && out.length < max; i++) {
      const e = log[i] as StoredEvent;
      if (matchesFilter(options.filter, e)) out.push(e);
    }
    return out;
  };

  const subscribeToAll = (options: SubscribeToAllOptions, handler: SubscriptionHandler): Subscription => {
    let active = true;
    let wakeMe: (() => void) | undefined;
    let next = indexAfter(options.after);

    const waitForAppend = () =>
      new Promise<void>((resolve) => {
        wakeMe = resolve;
        wakers.add(resolve);
      });

    const run = async () => {
      let caughtUp = false;
      while (active) {
        if (next < log.length) {
          const e = log[next++] as StoredEvent;
          if (!matchesFilter(options.filter, e)) continue;
          const result = handler.onEvent(e);
          if (isThenable(result)) await result;
          continue;
        }
        if (!caughtUp) {
          caughtUp = true;
          handler.onCaughtUp?.();
          continue;
        }
        await waitForAppend();
      }
    };

    const done = run().then(
      () => undefined,
      (error: unknown) => {
        active = false;
        handler.onError?.(error instanceof Error ? error : new Error(String(error)));
      },
    );

    return {
      done,
      unsubscribe: async () => {
        active = false;
        if (wakeMe !== undefined) {
          wakers.delete(wakeMe);
          wakeMe();
        }
        await done;
      },
    };
  };

  return {
    appendToStream,
    readStream,
    readAll,
    headPosition: async () => (log.length === 0 ? undefined : positionAt(log.length - 1)),
    subscribeToAll,
    allEvents: () => [...log],
  };
};

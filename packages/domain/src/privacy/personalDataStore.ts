import { customerPersonalData } from '../customer/customerPersonalData';
import type { EventToAppend, StoredEvent } from '../kernel/envelope';
import type { EventStore } from '../kernel/eventStore';
import { parseStreamName } from '../kernel/streamName';
import { mergePersonalData } from '../processes/merge/mergePersonalData';
import { orderPersonalData } from '../order/orderPersonalData';
import { walletPersonalData } from '../wallet/walletPersonalData';
import { ERASED } from './erased';
import { openUnder, sealUnder, type Sealed } from './fieldCipher';
import type { DataKey, KeyStore, KeySubject } from './keyStore';
import { valueAt, withValueAt, type PersonalDataSchema } from './personalDataSchema';

const OWN_SUBJECTS_KEPT = 10_000;

/** The key of stored data under which an event keeps its sealed personal fields. */
export const SEALED_FIELD = '$personal';

/** What the personal-data store needs: where keys live and which fields are personal. */
export interface PersonalDataOptions {
  /** Wrap it in `cachedKeyStore` (and give the privacy facade the same one) to spare the key store a read per read. */
  readonly keys: KeyStore;
  /** Where the personal fields are; the library's own (customer, order, wallet and merge events) when omitted. */
  readonly schemas?: readonly PersonalDataSchema[];
}

/** The personal fields of every context of the library. */
export const personalDataSchemas: readonly PersonalDataSchema[] = [
  customerPersonalData,
  orderPersonalData,
  walletPersonalData,
  mergePersonalData,
];

/** What a sealed blob holds: the personal values by path, and the command hash they would reveal. */
interface Secret {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly commandHash: string;
}

type Json = Readonly<Record<string, unknown>>;
type KeyOf = (subject: KeySubject) => Promise<DataKey | undefined>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Binds a blob to its event: copied into another event or stream it no longer opens.
const contextOf = (streamName: string, eventId: string, type: string) => `${streamName}|${eventId}|${type}`;

const idOf = (subject: KeySubject) => `${subject.tenantId}\u0000${subject.subjectId}`;

/** Asks the key store once per subject within one read or append. */
const keyMemo = (fetch: KeyOf): KeyOf => {
  const known = new Map<string, Promise<DataKey | undefined>>();
  return (subject) => {
    const id = idOf(subject);
    let key = known.get(id);
    if (key === undefined) known.set(id, (key = fetch(subject)));
    return key;
  };
};

/** Puts every value back at its path, copying each object on the way once (not once per field). */
const withValues = (data: Json, values: Readonly<Record<string, unknown>>): Json => {
  const root: Record<string, unknown> = { ...data };
  const copied = new Set<unknown>([root]);
  for (const [path, value] of Object.entries(values)) {
    const steps = path.split('.');
    const last = steps.pop() as string;
    let here: Record<string, unknown> | undefined = root;
    for (const step of steps) {
      const child: unknown = here[step];
      if (!isObject(child)) {
        here = undefined;
        break;
      }
      const copy: Record<string, unknown> = copied.has(child)
        ? (child as Record<string, unknown>)
        : { ...child };
      copied.add(copy);
      here[step] = copy;
      here = copy;
    }
    if (here !== undefined) here[last] = value;
  }
  return root;
};

/**
 * An `EventStore` that keeps personal fields encrypted at rest: on append, the fields a schema
 * names are sealed with the keys of the event's subjects (AES-256-GCM) and replaced by their erased
 * form; on every read they are opened again, or stay erased once a key is destroyed. Data in the
 * inner store therefore decodes without any key, as erased, which is what an audit needs.
 */
export const personalDataStore = (inner: EventStore, options: PersonalDataOptions): EventStore => {
  const byCategory = new Map((options.schemas ?? personalDataSchemas).map((s) => [s.category, s]));

  /** The schema and subjects of an event of a stream; subjects read from the event's clear data. */
  // The stream's own subject depends on its name alone: parsed once per stream, not once per event.
  const ownSubject = new Map<string, readonly KeySubject[]>();
  const subjectsOf = (streamName: string, type: string, data: Json): readonly KeySubject[] => {
    const own = ownSubject.get(streamName);
    if (own !== undefined) return own;
    const parts = parseStreamName(streamName);
    if (parts === undefined) return [];
    const schema = byCategory.get(parts.category);
    if (schema?.subjectsOf === undefined) {
      const subjects = [{ tenantId: parts.tenantId, subjectId: parts.id }];
      if (ownSubject.size >= OWN_SUBJECTS_KEPT) ownSubject.clear();
      ownSubject.set(streamName, subjects);
      return subjects;
    }
    const named = new Set(schema.subjectsOf(type, data, parts.id));
    return [...named].map((subjectId) => ({ tenantId: parts.tenantId, subjectId }));
  };

  const conceal = async (streamName: string, event: EventToAppend, obtain: KeyOf): Promise<EventToAppend> => {
    const category = parseStreamName(streamName)?.category;
    const fields = category === undefined ? undefined : byCategory.get(category)?.fields[event.type];
    if (fields === undefined || !isObject(event.data)) return event;
    const values: Record<string, unknown> = {};
    let data: Json = event.data;
    let any = false;
    for (const field of fields) {
      const value = valueAt(data, field.path);
      if (value === undefined) continue;
      values[field.path] = value;
      data = withValueAt(data, field.path, field.erased);
      any = true;
    }
    if (!any) return event;
    const metadata = { ...event.metadata, commandHash: ERASED };
    const subjects = subjectsOf(streamName, event.type, data);
    const keys: DataKey[] = [];
    for (const subject of subjects) {
      const key = await obtain(subject);
      // A destroyed key means a forgotten subject: what would have been sealed is dropped instead.
      if (key === undefined) return { ...event, data, metadata };
      keys.push(key);
    }
    if (keys.length === 0) return { ...event, data, metadata };
    const secret: Secret = { fields: values, commandHash: event.metadata.commandHash };
    const sealed = sealUnder(keys, contextOf(streamName, event.eventId, event.type), secret);
    return { ...event, data: { ...data, [SEALED_FIELD]: sealed }, metadata };
  };

  /** Opens one event given its subjects' keys (undefined where destroyed): no await per event. */
  const reveal = (stored: StoredEvent, keys: readonly (DataKey | undefined)[]): StoredEvent => {
    const { [SEALED_FIELD]: sealed, ...rest } = stored.data as Json;
    const present = keys.filter((k): k is DataKey => k !== undefined);
    if (present.length === 0 || present.length < keys.length) return Object.freeze({ ...stored, data: rest });
    const context = contextOf(stored.streamName, stored.eventId, stored.type);
    const secret = openUnder(present, context, sealed as Sealed) as Secret;
    return Object.freeze({
      ...stored,
      data: withValues(rest, secret.fields),
      metadata: { ...stored.metadata, commandHash: secret.commandHash },
    });
  };

  const isSealed = (stored: StoredEvent): boolean =>
    isObject(stored.data) && typeof stored.data[SEALED_FIELD] === 'string';

  // Each subject's key once, then every event opened in one synchronous pass (no await per event).
  const revealAll = async (events: readonly StoredEvent[], find: KeyOf): Promise<readonly StoredEvent[]> => {
    const subjects = new Map<StoredEvent, readonly KeySubject[]>();
    const distinct = new Map<string, KeySubject>();
    for (const e of events)
      if (isSealed(e)) {
        const named = subjectsOf(e.streamName, e.type, e.data as Json);
        subjects.set(e, named);
        for (const subject of named) distinct.set(idOf(subject), subject);
      }
    if (subjects.size === 0) return events;
    const keys = new Map<string, DataKey | undefined>();
    for (const [id, subject] of distinct) keys.set(id, await find(subject));
    return events.map((e) => {
      const named = subjects.get(e);
      return named === undefined
        ? e
        : reveal(
            e,
            named.map((s) => keys.get(idOf(s))),
          );
    });
  };

  const revealOne = async (stored: StoredEvent): Promise<StoredEvent> => {
    if (!isSealed(stored)) return stored;
    const named = subjectsOf(stored.streamName, stored.type, stored.data as Json);
    const keys: (DataKey | undefined)[] = [];
    for (const subject of named) keys.push(await options.keys.find(subject));
    return reveal(stored, keys);
  };

  return {
    appendToStream: async (streamName, events, appendOptions) => {
      const obtain = keyMemo(options.keys.obtain);
      const concealed: EventToAppend[] = [];
      for (const e of events) concealed.push(await conceal(streamName, e, obtain));
      return inner.appendToStream(streamName, concealed, appendOptions);
    },
    readStream: async (streamName, readOptions) =>
      revealAll(await inner.readStream(streamName, readOptions), options.keys.find),
    readAll: async (readOptions) => revealAll(await inner.readAll(readOptions), options.keys.find),
    headPosition: () => inner.headPosition(),
    subscribeToAll: (subscribeOptions, handler) =>
      inner.subscribeToAll(subscribeOptions, {
        ...handler,
        onEvent: async (stored) => handler.onEvent(await revealOne(stored)),
      }),
  };
};

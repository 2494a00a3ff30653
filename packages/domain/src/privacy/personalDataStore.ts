import { customerPersonalData } from '../customer/customerPersonalData';
import type { EventToAppend, StoredEvent } from '../kernel/envelope';
import type { EventStore } from '../kernel/eventStore';
import { parseStreamName } from '../kernel/streamName';
import { ERASED } from './erased';
import { open, seal, type Sealed } from './fieldCipher';
import type { DataKey, KeyStore, KeySubject } from './keyStore';
import { valueAt, withValueAt, type PersonalDataSchema, type PersonalField } from './personalDataSchema';

/** The key of stored data under which an event keeps its sealed personal fields. */
export const SEALED_FIELD = '$personal';

/** What the personal-data store needs: where keys live and which fields are personal. */
export interface PersonalDataOptions {
  readonly keys: KeyStore;
  /** Where the personal fields are; the library's own (customer events) when omitted. */
  readonly schemas?: readonly PersonalDataSchema[];
}

/** The personal fields of every context of the library. */
export const personalDataSchemas: readonly PersonalDataSchema[] = [customerPersonalData];

/** What a sealed blob holds: the personal values by path, and the command hash they would reveal. */
interface Secret {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly commandHash: string;
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Binds a blob to its event: copied into another event or stream it no longer opens.
const contextOf = (streamName: string, eventId: string, type: string) => `${streamName}|${eventId}|${type}`;

/** Asks the key store once per subject within one read or append. */
const keyMemo = (fetch: (subject: KeySubject) => Promise<DataKey | undefined>) => {
  const known = new Map<string, Promise<DataKey | undefined>>();
  return (subject: KeySubject) => {
    const id = `${subject.tenantId}\u0000${subject.subjectId}`;
    let key = known.get(id);
    if (key === undefined) known.set(id, (key = fetch(subject)));
    return key;
  };
};

const subjectOf = (streamName: string): KeySubject | undefined => {
  const parts = parseStreamName(streamName);
  return parts === undefined ? undefined : { tenantId: parts.tenantId, subjectId: parts.id };
};

/**
 * An `EventStore` that keeps personal fields encrypted at rest: on append, the fields a schema
 * names are sealed with the key of the stream's subject (AES-256-GCM) and replaced by their erased
 * form; on every read they are opened again, or stay erased once the key is destroyed. Data in the
 * inner store therefore decodes without any key, as erased, which is what an audit needs.
 */
export const personalDataStore = (inner: EventStore, options: PersonalDataOptions): EventStore => {
  const byCategory = new Map((options.schemas ?? personalDataSchemas).map((s) => [s.category, s.fields]));

  const fieldsOf = (streamName: string, type: string): readonly PersonalField[] | undefined => {
    const category = parseStreamName(streamName)?.category;
    return category === undefined ? undefined : byCategory.get(category)?.[type];
  };

  const conceal = async (
    streamName: string,
    event: EventToAppend,
    obtain: (subject: KeySubject) => Promise<DataKey | undefined>,
  ): Promise<EventToAppend> => {
    const fields = fieldsOf(streamName, event.type);
    const subject = subjectOf(streamName);
    if (fields === undefined || subject === undefined || !isObject(event.data)) return event;
    const values: Record<string, unknown> = {};
    let data: Json = event.data;
    for (const field of fields) {
      const value = valueAt(data, field.path);
      if (value === undefined) continue;
      values[field.path] = value;
      data = withValueAt(data, field.path, field.erased);
    }
    if (Object.keys(values).length === 0) return event;
    const key = await obtain(subject);
    const metadata = { ...event.metadata, commandHash: ERASED };
    // A destroyed key means a forgotten subject: what would have been sealed is dropped instead.
    if (key === undefined) return { ...event, data, metadata };
    const secret: Secret = { fields: values, commandHash: event.metadata.commandHash };
    const sealed = seal(key, contextOf(streamName, event.eventId, event.type), secret);
    return { ...event, data: { ...data, [SEALED_FIELD]: sealed }, metadata };
  };

  const reveal = async (
    stored: StoredEvent,
    find: (subject: KeySubject) => Promise<DataKey | undefined>,
  ): Promise<StoredEvent> => {
    const data = stored.data;
    if (!isObject(data) || typeof data[SEALED_FIELD] !== 'string') return stored;
    const { [SEALED_FIELD]: sealed, ...rest } = data;
    const subject = subjectOf(stored.streamName);
    const key = subject === undefined ? undefined : await find(subject);
    if (key === undefined) return Object.freeze({ ...stored, data: rest });
    const context = contextOf(stored.streamName, stored.eventId, stored.type);
    const secret = open(key, context, sealed as Sealed) as Secret;
    let opened: Json = rest;
    for (const [path, value] of Object.entries(secret.fields)) opened = withValueAt(opened, path, value);
    return Object.freeze({
      ...stored,
      data: opened,
      metadata: { ...stored.metadata, commandHash: secret.commandHash },
    });
  };

  const revealAll = async (events: readonly StoredEvent[]): Promise<readonly StoredEvent[]> => {
    const find = keyMemo(options.keys.find);
    const out: StoredEvent[] = [];
    for (const e of events) out.push(await reveal(e, find));
    return out;
  };

  return {
    appendToStream: async (streamName, events, appendOptions) => {
      const obtain = keyMemo(options.keys.obtain);
      const concealed: EventToAppend[] = [];
      for (const e of events) concealed.push(await conceal(streamName, e, obtain));
      return inner.appendToStream(streamName, concealed, appendOptions);
    },
    readStream: async (streamName, readOptions) => revealAll(await inner.readStream(streamName, readOptions)),
    readAll: async (readOptions) => revealAll(await inner.readAll(readOptions)),
    headPosition: () => inner.headPosition(),
    subscribeToAll: (subscribeOptions, handler) =>
      inner.subscribeToAll(subscribeOptions, {
        ...handler,
        onEvent: async (stored) => handler.onEvent(await reveal(stored, options.keys.find)),
      }),
  };
};

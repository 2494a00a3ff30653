export { createEventStoreDBEventStore, eventStoreDBEventStore } from './eventStoreDBEventStore';
export type { EventStoreDBEventStore, EventStoreDBEventStoreOptions } from './eventStoreDBEventStore';
export { EventStoreDBError } from './errors';
export { DEFAULT_RESUBSCRIBE } from './subscription';
export type { ResubscribeOptions } from './subscription';
export { DATA_KEY_EVENT_TYPE, DEFAULT_KEY_STREAM_PREFIX, eventStoreDBKeyStore } from './keyStore';
export type { EventStoreDBKeyStoreOptions } from './keyStore';

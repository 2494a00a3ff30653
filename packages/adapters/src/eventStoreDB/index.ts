export { createEventStoreDBEventStore, eventStoreDBEventStore } from './eventStoreDBEventStore';
export type { EventStoreDBEventStore, EventStoreDBEventStoreOptions } from './eventStoreDBEventStore';
export { EventStoreDBError } from './errors';
export { DEFAULT_RESUBSCRIBE } from './subscription';
export type { ResubscribeOptions } from './subscription';
export {
  CHECKPOINT_EVENT_TYPE,
  DEFAULT_CHECKPOINT_STREAM_PREFIX,
  eventStoreDBCheckpointStore,
} from './checkpointStore';
export type { EventStoreDBCheckpointStoreOptions } from './checkpointStore';
export { DATA_KEY_EVENT_TYPE, DEFAULT_KEY_STREAM_PREFIX, eventStoreDBKeyStore } from './keyStore';
export type { EventStoreDBKeyStoreOptions } from './keyStore';

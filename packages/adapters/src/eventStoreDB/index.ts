export { createEventStoreDBEventStore, eventStoreDBEventStore } from './eventStoreDBEventStore';
export type { EventStoreDBEventStore, EventStoreDBEventStoreOptions } from './eventStoreDBEventStore';
export { EventStoreDBError } from './errors';
export { DEFAULT_RESUBSCRIBE } from './subscription';
export type { ResubscribeOptions } from './subscription';

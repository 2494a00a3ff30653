import { inMemoryEventStore } from './inMemoryEventStore';
import { describeEventStoreContract } from '../testing/eventStoreContract';

describeEventStoreContract('in-memory', async () => ({ store: inMemoryEventStore() }));

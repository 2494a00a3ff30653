import {
  combineCatalogs,
  customerEvents,
  reservationEvents,
  type CustomerEvent,
  type EventCatalog,
  type ReservationEvent,
} from '@tillstream/domain';
import type { Projection } from '../runner';
import {
  uniquenessRegistry,
  type UniquenessRegistry,
  type UniquenessRegistryOptions,
} from './uniquenessRegistry';

/** The events the registry reads: customers (what their profiles carry) and reservation streams (who holds what). */
export const registryEvents = combineCatalogs<CustomerEvent | ReservationEvent>(
  customerEvents as EventCatalog<CustomerEvent | ReservationEvent>,
  reservationEvents as EventCatalog<CustomerEvent | ReservationEvent>,
);

/** The uniqueness registry fed by the runner (in memory: rebuilt on every start). */
export const uniquenessRegistryProjection = (
  options: UniquenessRegistryOptions,
): Projection<UniquenessRegistry, CustomerEvent | ReservationEvent> => ({
  name: 'uniqueness-registry',
  version: 1,
  events: registryEvents,
  filter: { kind: 'streamPrefix', prefixes: ['customer-', 'unique-'] },
  init: () => uniquenessRegistry(options),
  apply: (registry, recorded) => {
    registry.apply(recorded);
    return registry;
  },
});

import type { Event, EventCatalog, EventFilter, RecordedEvent } from '@tillstream/domain';
import type { Checkpoint } from './checkpointStore';

/**
 * A read model built from the log. The runner decodes each stored event with `events` and hands
 * the decoded `RecordedEvent` to `apply`, so a projection never sees undecoded data.
 *
 * `apply` returns the next model; it may mutate and return the same object (large indexes do).
 * If it throws, the event is poison: the runner stops (or parks the event, by policy).
 */
export interface Projection<Model, E extends Event = Event> {
  /** Stable name: the checkpoint is stored under it. */
  readonly name: string;
  /** Bump when `apply` changes meaning: the runner then rebuilds from the start of the log. */
  readonly version: number;
  /** The events this projection reads; types outside it are not its concern and pass by. */
  readonly events: EventCatalog<E>;
  /** Server-side selection; defaults to the catalog's event types. */
  readonly filter?: EventFilter;
  /** The model before any event. A durable model clears its storage here (a rebuild starts with it). */
  readonly init: () => Model | Promise<Model>;
  /**
   * Opens a durable model as it stood at `checkpoint` (the embedding app stored it). Without it the
   * model lives in memory, so every start of a runner rebuilds it from the start of the log.
   */
  readonly resume?: (checkpoint: Checkpoint) => Model | Promise<Model>;
  /** Folds one decoded event into the model. */
  readonly apply: (model: Model, event: RecordedEvent<E>) => Model | Promise<Model>;
}

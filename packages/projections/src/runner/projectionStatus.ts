import type { Position, StoredEvent } from '@tillstream/domain';
import type { PoisonEventError } from './errors';

/** What the runner does with a poison event: stop there (default), or park it and go on. */
export type PoisonPolicy = 'stop' | 'dead-letter';

/** Where a runner is: reading history, following new events, stopped by its owner, or stopped by an error. */
export type RunnerState = 'stopped' | 'catching-up' | 'live' | 'failed';

/** A parked poison event, kept with the error that parked it. */
export interface DeadLetter {
  readonly event: StoredEvent;
  readonly error: PoisonEventError;
}

/** How far behind the head of the log a projection is. */
export interface Lag {
  /** Events selected by the projection's filter after its position (counted up to `atLeast`'s cap). */
  readonly events: number;
  /** True when counting stopped at the cap: the projection is at least `events` behind. */
  readonly atLeast: boolean;
}

/** A snapshot of a runner for dashboards and health checks. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly state: RunnerState;
  /** Last position applied (or parked); undefined before the first event. */
  readonly position: Position | undefined;
  /** Newest position in the whole log. */
  readonly head: Position | undefined;
  readonly lag: Lag;
  readonly lastError: Error | undefined;
  readonly deadLetters: number;
}

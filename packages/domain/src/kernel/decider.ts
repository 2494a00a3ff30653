import type { Either } from 'fp-ts/Either';
import type { Actor, Event } from './envelope';
import type { DomainError, PermissionError, ValidationError } from './errors';
import type { EventCatalog } from './eventCatalog';

/** Who sent a command, for whom, and when: everything impure arrives here, so `decide` stays pure. */
export interface CommandMetadata {
  readonly commandId: string;
  readonly tenantId: string;
  readonly actor: Actor;
  readonly now: Date;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** A request to change one stream. */
export interface Command<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** What `decide` may refuse with. */
export type DecisionError = DomainError | ValidationError | PermissionError;

/** The pure heart of an aggregate: decide events from a command and state, evolve state by events. */
export interface Decider<C extends Command, E extends Event, S> {
  readonly decide: (command: C, state: S) => Either<DecisionError, readonly E[]>;
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: () => S;
}

/** A decider together with the catalog that stores its events. */
export interface Aggregate<C extends Command, Ev extends Event, S> {
  readonly decider: Decider<C, Ev, S>;
  readonly events: EventCatalog<Ev>;
}

/** What reading a stream needs of an aggregate: its events' schemas and how they fold. */
export interface AggregateFold<Ev extends Event, S> {
  readonly decider: Pick<Decider<never, Ev, S>, 'initialState' | 'evolve'>;
  readonly events: EventCatalog<Ev>;
}

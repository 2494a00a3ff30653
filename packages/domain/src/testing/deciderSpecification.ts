import { deepStrictEqual, fail, ok } from 'node:assert/strict';
import * as E from 'fp-ts/Either';
import type { Command, DecisionError, Decider } from '../kernel/decider';
import type { Event } from '../kernel/envelope';

/** The last step of a specification: what the command must produce. */
export interface DeciderThen<Ev extends Event, S> {
  /** Asserts the command decides exactly these events (in order). */
  readonly then: (expected: readonly Ev[]) => void;
  /** Asserts the command is refused with this error code (or an error passing the predicate). */
  readonly thenFails: (expected: string | ((error: DecisionError) => boolean)) => DecisionError;
  /** Asserts the command is accepted and the resulting state passes the check. */
  readonly thenState: (check: (state: S) => void) => void;
}

/** Builds given/when/then checks of a decider, runner-independent (uses node:assert). */
export const deciderSpecification = <C extends Command, Ev extends Event, S>(decider: Decider<C, Ev, S>) => ({
  /** The events already in the stream. */
  given: (events: readonly Ev[]) => ({
    /** The command under test. */
    when: (command: C): DeciderThen<Ev, S> => {
      const state = events.reduce(decider.evolve, decider.initialState());
      const decision = decider.decide(command, state);
      return {
        then: (expected) => {
          if (E.isLeft(decision))
            fail(`Expected events, got ${decision.left.code}: ${decision.left.message}`);
          deepStrictEqual(decision.right, expected);
        },
        thenFails: (expected) => {
          if (E.isRight(decision)) fail(`Expected a refusal, got events ${JSON.stringify(decision.right)}`);
          const error = decision.left;
          if (typeof expected === 'string') deepStrictEqual(error.code, expected, error.message);
          else ok(expected(error), `Unexpected error ${error.code}: ${error.message}`);
          return error;
        },
        thenState: (check) => {
          if (E.isLeft(decision))
            fail(`Expected events, got ${decision.left.code}: ${decision.left.message}`);
          check(decision.right.reduce(decider.evolve, state));
        },
      };
    },
  }),
});

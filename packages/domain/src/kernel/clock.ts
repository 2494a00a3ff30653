/** The source of "now" for command handling; injected so tests and audit replays are deterministic. */
export interface Clock {
  readonly now: () => Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that a test moves by hand. */
export interface ManualClock extends Clock {
  readonly advance: (ms: number) => void;
  readonly set: (instant: Date | string) => void;
}

/** A clock fixed at `start` until advanced. */
export const manualClock = (start: Date | string = '2026-01-01T00:00:00.000Z'): ManualClock => {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (instant) => {
      current = new Date(instant).getTime();
    },
  };
};

/** A stream's event number: 0 for its first event, no gaps. */
export type StreamRevision = bigint;

/**
 * A place in the global order of all events (`$all`). Strictly increasing, not contiguous;
 * compare positions, never do arithmetic on them.
 */
export type Position = bigint;

/** What an append expects of the stream: any state, absent, present, or at an exact revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | StreamRevision;

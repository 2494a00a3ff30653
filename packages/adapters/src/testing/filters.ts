import type { LogRecord } from './log';

/** A server-side `$all` filter: prefixes or a regex on the stream name or the event type. */
export interface AllFilter {
  readonly on: 'streamName' | 'eventType';
  readonly prefixes: readonly string[];
  readonly regex: RegExp | undefined;
  /** Considered events between checkpoints: `checkpointIntervalMultiplier × max` (max defaults to 32). */
  readonly checkpointInterval: number;
}

/** Whether a record passes the filter. Prefixes win over the regex, as the client sends one or the other. */
export const matchesFilter = (filter: AllFilter, record: LogRecord): boolean => {
  const subject = filter.on === 'streamName' ? record.streamName : record.type;
  if (filter.prefixes.length > 0) return filter.prefixes.some((prefix) => subject.startsWith(prefix));
  // .NET Regex.Match is unanchored like RegExp.test; dialect differences are documented.
  return filter.regex ? filter.regex.test(subject) : true;
};

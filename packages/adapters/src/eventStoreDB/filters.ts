import { eventTypeFilter, excludeSystemEvents, streamNameFilter } from '@eventstore/db-client';
import type { Filter, ResolvedEvent } from '@eventstore/db-client';
import type { EventFilter } from '@tillstream/domain';
import { isSystemEvent } from './codec';

/** The server-side filter for a kernel filter; without one, system events are excluded on the server. */
export const serverFilter = (filter: EventFilter | undefined): Filter =>
  filter === undefined
    ? excludeSystemEvents()
    : filter.kind === 'streamPrefix'
      ? streamNameFilter({ prefixes: [...filter.prefixes] })
      : eventTypeFilter({ prefixes: [...filter.prefixes] });

/**
 * Whether an event reaches the application. Applied on the client too: a stream-prefix filter
 * lets `$`-typed events through, and `readAll` has no server-side filter in client 6.2.1.
 */
export const selects = (filter: EventFilter | undefined, resolved: ResolvedEvent): boolean => {
  if (isSystemEvent(resolved) || resolved.event === undefined) return false;
  if (filter === undefined) return true;
  const subject = filter.kind === 'streamPrefix' ? resolved.event.streamId : resolved.event.type;
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
};

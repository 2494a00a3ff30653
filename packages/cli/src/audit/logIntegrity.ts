import { parseStreamName, type StoredEvent } from '@tillstream/domain';
import { violation, type Located, type Violation } from './violation';

/** Checks the log as a log, before any meaning: order, revisions without gaps, tenant seals, envelopes. */
export interface LogIntegrity {
  readonly observe: (event: StoredEvent) => readonly Violation[];
}

const isoInstant = (value: unknown): boolean =>
  typeof value === 'string' && value.endsWith('Z') && !Number.isNaN(Date.parse(value));

const envelopeProblem = (event: StoredEvent): string | undefined => {
  const m = event.metadata as unknown as Record<string, unknown>;
  const actor = m['actor'] as Record<string, unknown> | undefined;
  if (m['eventId'] !== event.eventId) return `its metadata names event id ${JSON.stringify(m['eventId'])}`;
  if (!isoInstant(m['occurredAt']))
    return `its occurredAt ${JSON.stringify(m['occurredAt'])} is not an instant`;
  if (typeof actor?.['role'] !== 'string' || typeof actor['id'] !== 'string') return 'it names no actor';
  return undefined;
};

/** A fresh integrity check; it remembers where each stream's last event sits (memory grows with streams, not events). */
export const logIntegrity = (): LogIntegrity => {
  // Only the event's place, not the event: holding the whole last event of every stream kept most
  // of a large log alive, and the garbage collector paid for it on every major collection.
  const last = new Map<string, Located>();
  let previous: StoredEvent | undefined;
  return {
    observe: (event) => {
      const found: Violation[] = [];
      if (previous !== undefined && event.position <= previous.position)
        found.push(
          violation(
            'log.out_of_order',
            `Position ${event.position} comes after position ${previous.position}: the log is not in order.`,
            previous,
            event,
          ),
        );
      previous = event;
      const before = last.get(event.streamName);
      const expected = before === undefined ? 0n : before.revision + 1n;
      if (event.revision !== expected)
        found.push(
          violation(
            'log.revision_gap',
            `${event.streamName} jumps to revision ${event.revision} where ${expected} was due: events are missing or repeated.`,
            ...(before === undefined ? [event] : [before, event]),
          ),
        );
      last.set(event.streamName, {
        streamName: event.streamName,
        revision: event.revision,
        position: event.position,
        type: event.type,
      });
      const tenant = parseStreamName(event.streamName)?.tenantId;
      if (tenant !== undefined && event.metadata.tenantId !== tenant)
        found.push(
          violation(
            'log.tenant_seal',
            `An event of tenant ${String(event.metadata.tenantId)} sits in ${event.streamName}, a stream of tenant ${tenant}.`,
            event,
          ),
        );
      const problem = envelopeProblem(event);
      if (problem !== undefined)
        found.push(
          violation('log.envelope', `Event ${event.eventId} has a broken envelope: ${problem}.`, event),
        );
      return found;
    },
  };
};

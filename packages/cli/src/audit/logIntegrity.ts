import type { StoredEvent } from '@tillstream/domain';
import { compact, nextRevision, streamPlaces } from './streamPlaces';
import { violation, type Located, type Violation } from './violation';

/** An event of the log that another replay checks: where it sits, the rest read only if a violation names it. */
export interface PassedEvent {
  readonly position: bigint;
  /** Called at most once, before the check's next call (a reader may reuse the object from line to line). */
  readonly locate: () => Located;
}

/** Checks the log as a log, before any meaning: order, revisions without gaps, tenant seals, envelopes. */
export interface LogIntegrity {
  /** `tenantId` is the tenant the event's stream name carries (parsed once by the caller), if any. */
  readonly observe: (event: StoredEvent, tenantId: string | undefined) => readonly Violation[];
  /**
   * An event between those observed, of streams another replay observes: only the log's order is
   * judged across it (the order of the whole log is one check, wherever its streams are replayed).
   */
  readonly pass: (event: PassedEvent) => void;
}

const isoInstant = (value: unknown): boolean =>
  typeof value === 'string' && value.endsWith('Z') && !Number.isNaN(Date.parse(value));

const envelopeProblem = (event: StoredEvent, instant: (value: unknown) => boolean): string | undefined => {
  const m = event.metadata as unknown as Record<string, unknown>;
  const actor = m['actor'] as Record<string, unknown> | undefined;
  if (m['eventId'] !== event.eventId) return `its metadata names event id ${JSON.stringify(m['eventId'])}`;
  if (!instant(m['occurredAt'])) return `its occurredAt ${JSON.stringify(m['occurredAt'])} is not an instant`;
  if (typeof actor?.['role'] !== 'string' || typeof actor['id'] !== 'string') return 'it names no actor';
  return undefined;
};

// Almost every event breaks nothing: one shared empty answer rather than an array per event.
const NONE: readonly Violation[] = [];

/** A fresh integrity check; it remembers where each stream's last event sits (memory grows with streams, not events). */
export const logIntegrity = (): LogIntegrity => {
  // Only the event's place, not the event: holding the whole last event of every stream kept most
  // of a large log alive, and the garbage collector paid for it on every major collection.
  const last = streamPlaces();
  let previous: StoredEvent | undefined;
  let passed: PassedEvent | undefined;
  // The events of one command share their instant: one Date.parse for a run of them.
  let lastInstant = '';
  const instant = (value: unknown): boolean => {
    if (value === lastInstant) return true;
    if (!isoInstant(value)) return false;
    lastInstant = value as string;
    return true;
  };
  return {
    pass: (event) => {
      previous = undefined;
      passed = event;
    },
    observe: (event, tenant) => {
      let found: Violation[] | undefined;
      const before = previous ?? passed;
      if (before !== undefined && event.position <= before.position)
        (found ??= []).push(
          violation(
            'log.out_of_order',
            `Position ${event.position} comes after position ${before.position}: the log is not in order.`,
            previous ?? (passed as PassedEvent).locate(),
            event,
          ),
        );
      previous = event;
      passed = undefined;
      const slot = last.slotOf(event.streamName);
      const revision = compact(event.revision);
      const expected = slot === undefined ? 0 : nextRevision(last.revisionAt(slot));
      if (revision !== expected)
        (found ??= []).push(
          violation(
            'log.revision_gap',
            `${event.streamName} jumps to revision ${event.revision} where ${expected} was due: events are missing or repeated.`,
            ...(slot === undefined ? [event] : [last.located(slot, event.streamName), event]),
          ),
        );
      if (slot === undefined) last.add(event.streamName, revision, compact(event.position), event.type);
      else last.move(slot, revision, compact(event.position), event.type);
      if (tenant !== undefined && event.metadata.tenantId !== tenant)
        (found ??= []).push(
          violation(
            'log.tenant_seal',
            `An event of tenant ${String(event.metadata.tenantId)} sits in ${event.streamName}, a stream of tenant ${tenant}.`,
            event,
          ),
        );
      const problem = envelopeProblem(event, instant);
      if (problem !== undefined)
        (found ??= []).push(
          violation('log.envelope', `Event ${event.eventId} has a broken envelope: ${problem}.`, event),
        );
      return found ?? NONE;
    },
  };
};

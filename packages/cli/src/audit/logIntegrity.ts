import type { StoredEvent } from '@tillstream/domain';
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

/**
 * Where a stream's last event sits, updated in place. Revision and position are kept as numbers
 * while they fit one exactly (small integers take no heap), as bigints beyond: the place outlives
 * the event, and the event's own bigints were most of what it kept alive, stream by stream.
 */
interface Place {
  readonly streamName: string;
  revision: number | bigint;
  position: number | bigint;
  type: string;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// Every revision or position has one form: a number from 0 to 2^53 - 1, a bigint otherwise (so `===` compares them).
const compact = (value: bigint): number | bigint =>
  value >= 0n && value <= MAX_SAFE ? Number(value) : value;

const nextRevision = (revision: number | bigint): number | bigint =>
  typeof revision === 'number' && revision < Number.MAX_SAFE_INTEGER
    ? revision + 1
    : compact(BigInt(revision) + 1n);

/** The place as a violation names it. */
const located = (place: Place): Located => ({
  streamName: place.streamName,
  revision: BigInt(place.revision),
  position: BigInt(place.position),
  type: place.type,
});

// Almost every event breaks nothing: one shared empty answer rather than an array per event.
const NONE: readonly Violation[] = [];

/** A fresh integrity check; it remembers where each stream's last event sits (memory grows with streams, not events). */
export const logIntegrity = (): LogIntegrity => {
  // Only the event's place, not the event: holding the whole last event of every stream kept most
  // of a large log alive, and the garbage collector paid for it on every major collection.
  const last = new Map<string, Place>();
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
      const place = last.get(event.streamName);
      const revision = compact(event.revision);
      const expected = place === undefined ? 0 : nextRevision(place.revision);
      if (revision !== expected)
        (found ??= []).push(
          violation(
            'log.revision_gap',
            `${event.streamName} jumps to revision ${event.revision} where ${expected} was due: events are missing or repeated.`,
            ...(place === undefined ? [event] : [located(place), event]),
          ),
        );
      if (place === undefined)
        last.set(event.streamName, {
          streamName: event.streamName,
          revision,
          position: compact(event.position),
          type: event.type,
        });
      else {
        place.revision = revision;
        place.position = compact(event.position);
        place.type = event.type;
      }
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

import * as E from 'fp-ts/Either';
import { customerEvents } from '../customer/customerEvents';
import type { CustomerProfile } from '../customer/customerProfile';
import { evolveCustomer, initialCustomerState, type CustomerStatus } from '../customer/customerState';
import type { Actor, StoredEvent } from '../kernel/envelope';
import type { EventStore } from '../kernel/eventStore';
import { decodeEvent, type CommandError } from '../kernel/handleCommand';
import type { Position } from '../kernel/revision';
import { parseStreamName } from '../kernel/streamName';
import { customerStream } from '../processes/registration/customerProcess';

/** One event of the log that concerns the customer, as JSON. */
export interface ExportedEvent {
  readonly streamName: string;
  readonly revision: string;
  readonly position: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly data: unknown;
}

/** Everything the log holds about one customer (GDPR art. 15), decrypted where its key still exists. */
export interface CustomerDataExport {
  readonly tenantId: string;
  readonly customerId: string;
  readonly exportedAt: string;
  /** Undefined when the log never registered this customer. */
  readonly status?: CustomerStatus;
  readonly profile?: CustomerProfile;
  /** Every event of the customer's streams, and every other event that names the customer or was its own act, in log order. */
  readonly events: readonly ExportedEvent[];
}

const PAGE = 1000;

const names = (value: unknown, id: string): boolean => {
  if (value === id) return true;
  if (Array.isArray(value)) return value.some((v) => names(v, id));
  if (typeof value === 'object' && value !== null) return Object.values(value).some((v) => names(v, id));
  return false;
};

const concerns = (stored: StoredEvent, tenantId: string, customerId: string): boolean =>
  stored.metadata.tenantId === tenantId &&
  (parseStreamName(stored.streamName)?.id === customerId ||
    stored.metadata.actor.id === customerId ||
    names(stored.data, customerId));

const exported = (stored: StoredEvent): ExportedEvent => ({
  streamName: stored.streamName,
  revision: stored.revision.toString(),
  position: stored.position.toString(),
  type: stored.type,
  occurredAt: stored.metadata.occurredAt,
  actor: stored.metadata.actor,
  data: stored.data,
});

/**
 * Gathers one customer's data from the whole log: its own streams (customer, wallet…), and every
 * event that names it (orders, merges, reservations) or that it caused. Read through
 * `personalDataStore`, personal fields are decrypted; once forgotten they read `[erased]`.
 * It scans the log from the start, which suits a request a person makes now and then.
 */
export const exportCustomerData = async (
  store: EventStore,
  tenantId: string,
  customerId: string,
  now: Date,
): Promise<E.Either<CommandError, CustomerDataExport>> => {
  const events: ExportedEvent[] = [];
  let state = initialCustomerState();
  const own = customerStream(tenantId, customerId);
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll(after === undefined ? { maxCount: PAGE } : { after, maxCount: PAGE });
    for (const stored of page) {
      if (!concerns(stored, tenantId, customerId)) continue;
      events.push(exported(stored));
      if (stored.streamName !== own) continue;
      const decoded = decodeEvent(customerEvents, stored);
      if (E.isLeft(decoded)) return decoded;
      state = evolveCustomer(state, decoded.right.event);
    }
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE) break;
    after = last.position;
  }
  return E.right({
    tenantId,
    customerId,
    exportedAt: now.toISOString(),
    ...(state.exists ? { status: state.status, profile: state.profile } : {}),
    events,
  });
};

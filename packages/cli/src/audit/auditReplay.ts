import {
  customerEvents,
  decodeEvent,
  orderEvents,
  parseStreamName,
  reservationEvents,
  walletEvents,
  type StoredEvent,
  type StreamNameParts,
} from '@tillstream/domain';
import { auditTrail } from '@tillstream/projections';
import * as E from 'fp-ts/Either';
import type { AuditPart, Placed, PartType } from './auditPart';
import type { AuditOptions } from './auditReport';
import { customerRoll } from './customerRoll';
import { logIntegrity, type PassedEvent } from './logIntegrity';
import { mergeLedger } from './mergeLedger';
import { orderLedger } from './orderLifecycle';
import { violation, type EventRef, type Violation } from './violation';
import { walletLedger } from './walletLedger';

const trailRef = (ref: {
  streamName: string;
  revision: bigint;
  position: bigint;
  type: string;
}): EventRef => ({
  stream: ref.streamName,
  revision: String(ref.revision),
  position: String(ref.position),
  type: ref.type,
});

/** The audit of a log fed one event at a time: all of the log, or the streams one replay of several takes. */
export interface AuditReplay {
  /**
   * Replays an event; `line` places it in the log (its line number, or its index in the log read).
   * `stream` is its stream name parsed, if the caller has parsed it already.
   */
  readonly observe: (stored: StoredEvent, line: number, stream?: StreamNameParts) => void;
  /** An event of streams another replay takes: the log's order is still checked across it. */
  readonly pass: (event: PassedEvent) => void;
  /** What the replay found so far. */
  readonly part: () => AuditPart;
}

/**
 * A fresh replay: the deciders' own `evolve` and the projections' audit trail, every ledger re-added,
 * the log's integrity and the domain's invariants checked. Each stream is replayed up to its first
 * event that occurred after `asOf`, if given.
 */
export const auditReplay = (options: AuditOptions = {}): AuditReplay => {
  const { customer, asOf } = options;
  const integrity = logIntegrity();
  const wallets = walletLedger((id) => id === customer);
  const merges = mergeLedger();
  const orders = orderLedger();
  // The report reads only the trail's violations: its entries would be heap for nothing.
  const trail = auditTrail(
    options.identifiers === undefined
      ? { entries: false }
      : { identifiers: options.identifiers, entries: false },
  );
  const customers = customerRoll();
  // Each tenant with the line of its first event: the trail's violations are reported tenant by tenant.
  const tenants = new Map<string, number>();
  const violations: Placed<Violation>[] = [];
  const uninterpreted = new Map<string, { line: number; count: number }>();
  const after = new Set<string>();
  let read = 0;
  let replayed = 0;

  const undecodable = (stored: StoredEvent, message: string, line: number) =>
    violations.push({ line, value: violation('event.undecodable', message, stored) });

  return {
    pass: integrity.pass,
    observe: (stored, line, parsed) => {
      // Parsed once per event: the tenant filter, the integrity check and the dispatch all need it.
      const stream = parsed ?? parseStreamName(stored.streamName);
      if (options.tenant !== undefined && stream?.tenantId !== options.tenant) return;
      read++;
      const found = integrity.observe(stored, stream?.tenantId);
      for (const value of found) violations.push({ line, value });
      if (asOf !== undefined) {
        if (after.has(stored.streamName) || !(Date.parse(stored.metadata.occurredAt) <= asOf.getTime())) {
          after.add(stored.streamName);
          return;
        }
      }
      replayed++;
      if (!tenants.has(stored.metadata.tenantId)) tenants.set(stored.metadata.tenantId, line);
      const category = stream?.category;
      if (category === 'wallet') {
        const decoded = decodeEvent(walletEvents, stored);
        if (E.isLeft(decoded)) undecodable(stored, decoded.left.message, line);
        else {
          wallets.apply(decoded.right, stored, line);
          merges.apply(decoded.right, stored, line);
          trail.apply(decoded.right);
        }
      } else if (category === 'order') {
        const decoded = decodeEvent(orderEvents, stored);
        if (E.isLeft(decoded)) undecodable(stored, decoded.left.message, line);
        else {
          orders.apply(decoded.right, stored, line);
          trail.apply(decoded.right);
        }
      } else if (category === 'customer') {
        const decoded = decodeEvent(customerEvents, stored);
        if (E.isLeft(decoded)) undecodable(stored, decoded.left.message, line);
        else {
          customers.apply(decoded.right);
          if (options.identifiers !== undefined) trail.apply(decoded.right);
        }
      } else if (options.identifiers !== undefined && category?.startsWith('unique-') === true) {
        const decoded = decodeEvent(reservationEvents, stored);
        if (E.isLeft(decoded)) undecodable(stored, decoded.left.message, line);
        else trail.apply(decoded.right);
      } else {
        const seen = uninterpreted.get(stored.type);
        if (seen === undefined) uninterpreted.set(stored.type, { line, count: 1 });
        else seen.count++;
      }
    },
    part: () => ({
      events: read,
      replayed,
      violations,
      // A merge or a payment caught halfway at `asOf` is still running, not broken: only a whole log shows a
      // cross-stream rule broken; the projections' audit trail judges those, and every wallet ledger at any moment.
      // An identifier caught between two customers at `asOf` may be a registration or merge halfway.
      tenants: [...tenants].map(([tenant, line]) => ({
        line,
        value: {
          tenant,
          violations: trail
            .violations(tenant)
            .filter((v) => asOf === undefined || v.rule === 'wallet.balance_after_mismatch')
            .map((v) => ({ code: v.rule, message: v.message, events: v.events.map(trailRef) })),
        },
      })),
      wallets: wallets.summaries(),
      orders: orders.summaries(customer),
      merges: merges.merges(),
      erased: customers.erased(),
      uninterpreted: [...uninterpreted].map(([type, { line, count }]): Placed<PartType> => ({
        line,
        value: { type, count },
      })),
    }),
  };
};

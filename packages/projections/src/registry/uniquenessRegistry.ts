import {
  appended,
  reservationKey,
  streamHead,
  type CustomerEvent,
  type CustomerPolicy,
  type RecordedEvent,
  type ReservationEvent,
  type TenantSecret,
} from '@tillstream/domain';
import { refOf, type EventRef } from '../audit/eventRef';
import { profileValues, typedValue, UNIQUE_KINDS, type UniqueKind } from './identifierValues';

/** What the registry needs of a shop's customer policy: its grace period, which kinds are unique, how it reads values. */
export type RegistryPolicy = Pick<
  CustomerPolicy,
  'orphanGraceMs' | 'uniqueTaxId' | 'uniqueEmail' | 'defaultCountry' | 'cardFormat'
>;

/** What the registry needs: each shop's secret (to hash values as reservation keys) and policy. */
export interface UniquenessRegistryOptions {
  readonly secretFor: (tenantId: string) => TenantSecret;
  readonly policyFor: (tenantId: string) => RegistryPolicy;
}

/** What is known of a holder: a live customer, one merged away or forgotten, or none that ever came to exist. */
export type HolderState = 'live' | 'merged' | 'forgotten' | 'unknown';

/** One value held in a reservation stream. */
export interface Holding {
  readonly kind: UniqueKind;
  /** The reservation key (keyed hash of the value): the id of the stream. */
  readonly key: string;
  readonly holderId: string;
  readonly holder: HolderState;
  /** `reserved` until the holder exists and confirms it. */
  readonly status: 'reserved' | 'confirmed';
  readonly reservedAt: string;
  /** The events that gave the holder the value. */
  readonly events: readonly EventRef[];
}

/** The rules the registry's consistency check proves. */
export type RegistryRule = 'identifier.held_by_two_live_customers';

/** A broken uniqueness rule, with the customer and reservation events behind it. */
export interface RegistryViolation {
  readonly rule: RegistryRule;
  readonly message: string;
  readonly events: readonly EventRef[];
}

/** Who holds each phone, card, tax id and email of every tenant. */
export interface UniquenessRegistry {
  readonly apply: (recorded: RecordedEvent<CustomerEvent | ReservationEvent>) => void;
  /** The holding of a reservation key. */
  readonly holding: (tenantId: string, kind: UniqueKind, key: string) => Holding | undefined;
  /** Who holds a value typed as a person would (`8 916…`, `PL 123-456-32-18`): hashed with the shop's secret. */
  readonly holderOf: (tenantId: string, kind: UniqueKind, typed: string) => Holding | undefined;
  /** The values a customer holds. */
  readonly heldBy: (tenantId: string, customerId: string) => readonly Holding[];
  /** Reservations never confirmed and older than the shop's grace period at `now`: a registration that died. */
  readonly orphans: (tenantId: string, now: Date) => readonly Holding[];
  /** Every unique value (phone and card always; tax id and email when the shop makes them unique) held by two live customers. */
  readonly check: (tenantId: string) => readonly RegistryViolation[];
}

interface Reservation {
  readonly kind: UniqueKind;
  readonly key: string;
  holderId: string;
  status: 'reserved' | 'confirmed';
  reservedAt: string;
  events: EventRef[];
}

/** A value a profile carries, with the event that set it; hashed into its reservation key only once a check needs it. */
interface HeldValue {
  readonly value: string;
  key: string | undefined;
  readonly ref: EventRef;
}

interface Customer {
  state: Exclude<HolderState, 'unknown'>;
  readonly values: Map<UniqueKind, HeldValue>;
}

interface Tenant {
  /** By kind, then key: a reservation event finds its record without building a `kind.key` string. */
  readonly reservations: ReadonlyMap<UniqueKind, Map<string, Reservation>>;
  /** A holder's reservations in the order it took them, at their exact length (a `Set` each cost several times more). */
  readonly byHolder: Map<string, readonly Reservation[]>;
  /** Reserved and not yet confirmed: few, so orphans never scan the whole registry. */
  readonly unconfirmed: Set<Reservation>;
  readonly customers: Map<string, Customer>;
}

const slotOf = (kind: string, key: string) => `${kind}.${key}`;
const RESERVATION_CATEGORY = /^unique-([a-z][a-z0-9]*)$/;
const isUniqueKind = (kind: string): kind is UniqueKind => (UNIQUE_KINDS as readonly string[]).includes(kind);
// A log has a handful of stream categories: each is read once, not matched per event.
const kindOfCategory = new Map<string, UniqueKind | undefined>();
/** The unique kind a reservation stream category holds (`unique-phone` → `phone`), if any. */
const reservationKindOf = (category: string): UniqueKind | undefined => {
  if (kindOfCategory.has(category)) return kindOfCategory.get(category);
  const kind = RESERVATION_CATEGORY.exec(category)?.[1];
  const known = kind !== undefined && isUniqueKind(kind) ? kind : undefined;
  if (kindOfCategory.size < 1000) kindOfCategory.set(category, known);
  return known;
};

const LABEL: Readonly<Record<UniqueKind, string>> = {
  phone: 'phone number',
  card: 'card',
  taxid: 'tax id',
  email: 'email address',
};

/** Creates an empty registry. */
export const uniquenessRegistry = (options: UniquenessRegistryOptions): UniquenessRegistry => {
  const tenants = new Map<string, Tenant>();
  const secrets = new Map<string, TenantSecret>();
  const tenantOf = (id: string): Tenant => {
    let t = tenants.get(id);
    if (t === undefined)
      tenants.set(
        id,
        (t = {
          reservations: new Map(UNIQUE_KINDS.map((kind) => [kind, new Map()])),
          byHolder: new Map(),
          unconfirmed: new Set(),
          customers: new Map(),
        }),
      );
    return t;
  };
  const keyOf = (tenantId: string, kind: UniqueKind, value: string) => {
    let secret = secrets.get(tenantId);
    if (secret === undefined) secrets.set(tenantId, (secret = options.secretFor(tenantId)));
    return reservationKey(secret, kind, value);
  };

  const holdingOf = (t: Tenant, r: Reservation): Holding => ({
    kind: r.kind,
    key: r.key,
    holderId: r.holderId,
    holder: t.customers.get(r.holderId)?.state ?? 'unknown',
    status: r.status,
    reservedAt: r.reservedAt,
    events: [...r.events],
  });

  const unhold = (t: Tenant, r: Reservation) => {
    const held = t.byHolder.get(r.holderId);
    if (held === undefined || !held.includes(r)) return;
    if (held.length === 1) t.byHolder.delete(r.holderId);
    else {
      // Built at its exact length, as `appended` builds it (a filter's result grows by pushes).
      const rest = new Array<Reservation>(held.length - 1);
      let at = 0;
      for (const x of held) if (x !== r) rest[at++] = x;
      t.byHolder.set(r.holderId, rest);
    }
  };

  const applyReservation = (t: Tenant, kind: UniqueKind, key: string, r: RecordedEvent<ReservationEvent>) => {
    const { event } = r;
    const ofKind = t.reservations.get(kind) as Map<string, Reservation>;
    let current = ofKind.get(key);
    switch (event.type) {
      case 'IdentifierReserved': {
        const { holderId } = event.data;
        // A value reserved again keeps its record (and its place among the unconfirmed), as a new holder.
        if (current === undefined) {
          current = {
            kind,
            key,
            holderId,
            status: 'reserved',
            reservedAt: event.data.reservedAt,
            events: [],
          };
          ofKind.set(key, current);
        } else {
          unhold(t, current);
          current.holderId = holderId;
          current.status = 'reserved';
          current.reservedAt = event.data.reservedAt;
        }
        current.events = [refOf(r)];
        t.unconfirmed.add(current);
        const held = t.byHolder.get(holderId);
        if (held === undefined) t.byHolder.set(holderId, [current]);
        else if (!held.includes(current)) t.byHolder.set(holderId, appended(held, current));
        return;
      }
      case 'ReservationConfirmed':
        if (current === undefined || current.holderId !== event.data.holderId) return;
        current.status = 'confirmed';
        // At its exact length: a push would reserve room for ~16 refs in every reservation kept.
        current.events = appended(current.events, refOf(r));
        t.unconfirmed.delete(current);
        return;
      case 'ReservationReleased':
        if (current === undefined) return;
        unhold(t, current);
        ofKind.delete(key);
        t.unconfirmed.delete(current);
        return;
    }
  };

  const applyCustomer = (t: Tenant, customerId: string, r: RecordedEvent<CustomerEvent>) => {
    let customer = t.customers.get(customerId);
    if (customer === undefined)
      t.customers.set(customerId, (customer = { state: 'live', values: new Map() }));
    if (customer.state !== 'live') return;
    const { event } = r;
    const ref = refOf(r);
    const set = (values: Partial<Record<UniqueKind, string>>) => {
      for (const kind of UNIQUE_KINDS) {
        const value = values[kind];
        // Not hashed here: a rebuild would hash every value ever set (three HMACs a registration),
        // while only a check reads keys, and only of live customers' last values.
        if (value !== undefined) customer.values.set(kind, { value, key: undefined, ref });
      }
    };
    switch (event.type) {
      case 'CustomerRegistered':
        return set(profileValues(event.data.profile));
      case 'CustomerProfileUpdated':
        if (event.data.removed.includes('email')) customer.values.delete('email');
        if (event.data.removed.includes('taxId')) customer.values.delete('taxid');
        return set(profileValues(event.data.set));
      case 'CustomerPhoneChanged':
        return set(profileValues({ phone: event.data.phone }));
      case 'CustomerPhoneRemoved':
        customer.values.delete('phone');
        return;
      case 'CustomerCardAssigned':
        return set(profileValues({ card: event.data.card }));
      case 'CustomerCardRemoved':
        customer.values.delete('card');
        return;
      case 'CustomerMergedInto':
        customer.state = 'merged';
        customer.values.clear();
        return;
      case 'CustomerForgotten':
        // Nothing of the person stays, not even the hashes of what they held.
        customer.state = 'forgotten';
        customer.values.clear();
        return;
      default:
        return;
    }
  };

  const check = (tenantId: string): RegistryViolation[] => {
    const t = tenants.get(tenantId);
    if (t === undefined) return [];
    const policy = options.policyFor(tenantId);
    const unique = (kind: UniqueKind) =>
      kind === 'taxid' ? policy.uniqueTaxId : kind === 'email' ? policy.uniqueEmail : true;
    // Who holds each key: the customers whose profile carries it, and the reservation's live holder.
    const claims = new Map<string, Map<string, EventRef[]>>();
    const claim = (slot: string, customerId: string, refs: readonly EventRef[]) => {
      let holders = claims.get(slot);
      if (holders === undefined) claims.set(slot, (holders = new Map()));
      holders.set(customerId, [...(holders.get(customerId) ?? []), ...refs]);
    };
    for (const [customerId, customer] of t.customers)
      if (customer.state === 'live')
        for (const [kind, held] of customer.values)
          if (unique(kind))
            claim(slotOf(kind, (held.key ??= keyOf(tenantId, kind, held.value))), customerId, [held.ref]);
    for (const [kind, ofKind] of t.reservations)
      for (const [key, r] of ofKind) {
        const slot = slotOf(kind, key);
        if (claims.has(slot) && t.customers.get(r.holderId)?.state === 'live')
          claim(slot, r.holderId, r.events);
      }
    const out: RegistryViolation[] = [];
    for (const [slot, holders] of claims) {
      if (holders.size < 2) continue;
      const kind = slot.slice(0, slot.indexOf('.')) as UniqueKind;
      const ids = [...holders.keys()].sort();
      out.push({
        rule: 'identifier.held_by_two_live_customers',
        // The value itself is personal data: the message names it by its reservation key only.
        message: `The ${LABEL[kind]} with reservation key ${slot.slice(kind.length + 1)} is held by ${ids.length} live customers: ${ids.join(', ')}.`,
        events: [...holders.values()]
          .flat()
          .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0)),
      });
    }
    return out;
  };

  return {
    apply: (r) => {
      // The head's verdict is remembered by the kernel: no regular expression per event.
      const head = streamHead(r.streamName);
      if (head === undefined) return;
      const t = tenantOf(r.metadata.tenantId);
      const id = r.streamName.slice(r.streamName.indexOf('.') + 1);
      if (head.category === 'customer') return applyCustomer(t, id, r as RecordedEvent<CustomerEvent>);
      const kind = reservationKindOf(head.category);
      if (kind !== undefined) applyReservation(t, kind, id, r as RecordedEvent<ReservationEvent>);
    },
    holding: (tenantId, kind, key) => {
      const t = tenants.get(tenantId);
      const r = t?.reservations.get(kind)?.get(key);
      return t === undefined || r === undefined ? undefined : holdingOf(t, r);
    },
    holderOf: (tenantId, kind, typed) => {
      const t = tenants.get(tenantId);
      const value = typedValue(kind, typed, options.policyFor(tenantId));
      if (t === undefined || value === undefined) return undefined;
      const r = t.reservations.get(kind)?.get(keyOf(tenantId, kind, value));
      return r === undefined ? undefined : holdingOf(t, r);
    },
    heldBy: (tenantId, customerId) => {
      const t = tenants.get(tenantId);
      if (t === undefined) return [];
      return (t.byHolder.get(customerId) ?? []).map((r) => holdingOf(t, r));
    },
    orphans: (tenantId, now) => {
      const t = tenants.get(tenantId);
      if (t === undefined) return [];
      const { orphanGraceMs } = options.policyFor(tenantId);
      return [...t.unconfirmed].flatMap((r) =>
        now.getTime() - Date.parse(r.reservedAt) >= orphanGraceMs ? [holdingOf(t, r)] : [],
      );
    },
    check,
  };
};

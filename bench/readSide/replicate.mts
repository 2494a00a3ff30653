// Copies of the template day with fresh ids, tenants and people: every string that names something
// (stream, event, command, customer, order, merge, reservation key, phone, card, email, name,
// address) is rewritten consistently within a copy, so each copy is a day of its own.
import type { StoredEvent } from '@tillstream/domain';
import { reservationKey } from '@tillstream/domain';
import { card, email, mobile, person } from './people.mjs';
import {
  TEMPLATE_CUSTOMERS,
  TEMPLATE_TENANT,
  WALLET_KEYS,
  templatePerson,
  walletKey,
} from './templateDay.mjs';

/** A copy's number and the tenant it is written for. */
export interface Copy {
  readonly index: number;
  readonly tenantId: string;
}

type Rewrite = (copy: Copy) => string;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TENANT_IN_STREAM = `-${TEMPLATE_TENANT}.`;
/**
 * A copy's version of a template id: the copy's number (5 hex digits, up to 1,048,575 copies) in
 * place of digits 25–29, the rest kept. The ids a command writes differ only in their last digits
 * (`nthId`) and wallet keys in their first, so both ends are kept.
 */
const idIn = (id: string, copy: Copy): string =>
  id.slice(0, 24) + (copy.index + 1).toString(16).padStart(5, '0') + id.slice(29);
/** What a copy keeps of a template id. */
const keptOf = (id: string): string => id.slice(0, 24) + id.slice(29);

// Phones per customer slot: the registered one and the one a phone change gives.
const PHONES = 2;

/** Template values (as stored) and what each becomes in a copy. */
const valueRewrites = (): Map<string, Rewrite> => {
  const out = new Map<string, Rewrite>();
  const C = TEMPLATE_CUSTOMERS;
  const keys: [kind: string, value: string, rewrite: Rewrite][] = [];
  for (let i = 0; i < C; i++) {
    const t = templatePerson(i);
    const slot = (copy: Copy) => copy.index * C + i;
    const who = (copy: Copy) => person(slot(copy));
    out.set(t.firstName, (c) => who(c).firstName);
    out.set(t.lastName, (c) => who(c).lastName);
    out.set(t.street, (c) => who(c).street);
    out.set(t.houseNumber, (c) => who(c).houseNumber);
    out.set(t.postalCode, (c) => who(c).postalCode);
    out.set(t.city, (c) => who(c).city);
    for (const [p, typed] of [t.phone, t.secondPhone].entries()) {
      const phone = (c: Copy) => mobile(slot(c) * PHONES + p);
      const e164 = typed.replace(/\s/g, '');
      out.set(typed, (c) => phone(c).typed);
      out.set(e164, (c) => phone(c).e164);
      keys.push(['phone', e164, (c) => phone(c).e164]);
    }
    out.set(t.card, (c) => card(slot(c)));
    keys.push(['card', t.card, (c) => card(slot(c))]);
    out.set(t.email, (c) => email(slot(c)));
    keys.push(['email', t.email, (c) => email(slot(c))]);
  }
  // Wallet idempotency keys are claimed per tenant in their own reservation streams.
  for (let n = 1; n <= WALLET_KEYS; n++) keys.push(['walletkey', walletKey(n), (c) => idIn(walletKey(n), c)]);
  // Reservation streams are named by the keyed hash of the value (tenant secret = tenant id by default).
  for (const [kind, value, rewrite] of keys)
    out.set(reservationKey(TEMPLATE_TENANT, kind, value), (c) =>
      reservationKey(c.tenantId, kind, rewrite(c)),
    );
  return out;
};

/** A function that writes copy after copy of the given template events. */
export const replicator = (template: readonly StoredEvent[]) => {
  const rewrites = valueRewrites();
  // A copy keeps each id but for five digits, where it puts its own number.
  const ids = new Set<string>();
  for (const e of template)
    for (const id of JSON.stringify([e.eventId, e.streamName, e.data, e.metadata]).match(UUID) ?? [])
      ids.add(id);
  if (new Set([...ids].map(keptOf)).size !== ids.size)
    throw new Error('template ids agree outside digits 25–29: copies would collide');

  return (copy: Copy, position: (n: number) => bigint): StoredEvent[] => {
    const memo = new Map<string, string>();
    const str = (s: string): string => {
      const rewrite = rewrites.get(s);
      if (rewrite !== undefined) {
        let v = memo.get(s);
        if (v === undefined) memo.set(s, (v = rewrite(copy)));
        return v;
      }
      if (s === TEMPLATE_TENANT) return copy.tenantId;
      const at = s.indexOf(TENANT_IN_STREAM);
      if (at > 0) return `${s.slice(0, at)}-${copy.tenantId}.${str(s.slice(at + TENANT_IN_STREAM.length))}`;
      return s.length >= 36 ? s.replace(UUID, (id) => idIn(id, copy)) : s;
    };
    const tree = (v: unknown): unknown => {
      if (typeof v === 'string') return str(v);
      if (Array.isArray(v)) return v.map(tree);
      if (typeof v === 'object' && v !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[k] = tree(x);
        return out;
      }
      return v;
    };
    return template.map((e, n) => ({
      eventId: str(e.eventId),
      type: e.type,
      data: tree(e.data),
      metadata: tree(e.metadata) as StoredEvent['metadata'],
      streamName: str(e.streamName),
      revision: e.revision,
      position: position(n),
    }));
  };
};

/** Template values that must never survive into a copy (checked on the first copy). */
export const leftovers = (template: readonly StoredEvent[], events: readonly StoredEvent[]): string[] => {
  const text = JSON.stringify(events, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  const markers = [/Q(first|last|street|city)[a-z]{2}/, /qmail/, /\+48 ?45\d/, /-tpl\./, /"tpl"/]
    .filter((re) => re.test(text))
    .map(String);
  // A reservation key left as it was would make copies in one shop share the stream.
  const idOf = (streamName: string) => streamName.slice(streamName.indexOf('.') + 1);
  const keys = new Set(
    template.filter((e) => e.streamName.startsWith('unique-')).map((e) => idOf(e.streamName)),
  );
  const kept = events.filter((e) => keys.has(idOf(e.streamName))).map((e) => e.streamName);
  return [...markers, ...new Set(kept)];
};

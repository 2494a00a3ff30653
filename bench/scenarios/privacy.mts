import type { CustomerCommand, EventStore, InMemoryEventStore } from '@tillstream/domain';
import {
  cachedKeyStore,
  customerAggregate,
  customerEvents,
  decodeEvent,
  defaultCustomerPolicy,
  defaultPreferences,
  handleCommand,
  inMemoryEventStore,
  inMemoryKeyStore,
  parseEmail,
  parsePersonName,
  parsePhone,
  personalDataStore,
  streamName,
} from '@tillstream/domain';
import type { CaseResult, Scenario } from '../harness.mjs';
import { measure } from '../harness.mjs';
import { NOW, TENANT } from '../workload.mjs';

/** Customers each case spreads its commands over, and events each stream starts with. */
const CUSTOMERS = 500;
const EDITS_BEFORE = 9;

const value = <A,>(e: { _tag: 'Left'; left: Error } | { _tag: 'Right'; right: A }): A => {
  if (e._tag === 'Left') throw e.left;
  return e.right;
};

const metadata = (commandId: string) => ({
  commandId,
  tenantId: TENANT,
  actor: { role: 'operator' as const, id: 'op-1' },
  now: NOW,
});

const aggregate = customerAggregate(defaultCustomerPolicy);
const streamOf = (n: number) => streamName('customer', TENANT, `c${n % CUSTOMERS}`);

/** The n-th command: a registration with every personal field, or an edit of one. */
const command = (n: number): CustomerCommand => {
  const customerId = `c${n % CUSTOMERS}`;
  if (n < CUSTOMERS)
    return {
      type: 'RegisterCustomer',
      data: {
        customerId,
        profile: {
          phone: value(parsePhone(`+4860${String(1000000 + n).padStart(7, '0')}`)),
          firstName: value(parsePersonName('Anna')),
          lastName: value(parsePersonName('Kowalska')),
          email: value(parseEmail(`anna${n}@example.pl`)),
          comments: 'Prefers the window table',
          preferences: defaultPreferences,
        },
      },
      metadata: metadata(`reg-${n}`),
    };
  return n % 2 === 0
    ? { type: 'SetComments', data: { comments: `Visit ${n}` }, metadata: metadata(`edit-${n}`) }
    : {
        type: 'UpdateProfile',
        data: { set: { lastName: value(parsePersonName(`Kowalska-${n}`)) }, remove: [] },
        metadata: metadata(`edit-${n}`),
      };
};

/** A store holding every customer with its registration and edits, as a till would have written them. */
const seeded = async (wrap: (raw: InMemoryEventStore) => EventStore) => {
  const raw = inMemoryEventStore();
  const store = wrap(raw);
  for (let n = 0; n < CUSTOMERS * (1 + EDITS_BEFORE); n++)
    value(await handleCommand(store, aggregate, streamOf(n), command(n)));
  return { raw, store };
};

const plain = (raw: InMemoryEventStore): EventStore => raw;
const encrypted = (raw: InMemoryEventStore): EventStore =>
  personalDataStore(raw, { keys: inMemoryKeyStore() });
const encryptedCachedKeys = (raw: InMemoryEventStore): EventStore =>
  personalDataStore(raw, { keys: cachedKeyStore(inMemoryKeyStore()) });

/** Command handling and rebuild of customer streams, with personal fields in clear and sealed. */
export const privacy: Scenario = {
  name: 'privacy',
  title: 'Cost of personal-data encryption (customer streams, AES-256-GCM per event)',
  run: async (mode) => {
    const cases: CaseResult[] = [];
    for (const [name, wrap] of [
      ['in clear', plain],
      ['encrypted', encrypted],
      ['encrypted, cached keys', encryptedCachedKeys],
    ] as const) {
      const { raw, store } = await seeded(wrap);
      // Rebuild first, while both stores hold the same seeded events.
      const events = raw.allEvents().length;
      const rebuild = await measure(
        mode,
        'privacy',
        `rebuild: read and decode ${events} customer events, ${name}`,
        'passes/s',
        async () => {
          for (const stored of await store.readAll({
            filter: { kind: 'streamPrefix', prefixes: ['customer-'] },
          }))
            value(decodeEvent(customerEvents, stored));
        },
      );
      cases.push({ ...rebuild, extra: { 'events/s': Math.round(rebuild.rate * events) } });
      let n = CUSTOMERS * (1 + EDITS_BEFORE);
      cases.push(
        await measure(
          mode,
          'privacy',
          `customer edit, stream of ${1 + EDITS_BEFORE}+ events, ${name}`,
          'cmd/s',
          async () => {
            const i = n++;
            value(await handleCommand(store, aggregate, streamOf(i), command(i)));
          },
          { population: `${CUSTOMERS} customers` },
        ),
      );
    }
    return { cases };
  },
};

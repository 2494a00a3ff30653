// One small shop's day written through the real facades (`createTillstream`), which the read-side
// datasets replicate: every event in them is one the library itself wrote.
import type {
  InMemoryEventStore,
  KeyStore,
  StoredEvent,
  Tillstream,
  TillstreamError,
} from '@tillstream/domain';
import {
  createTillstream,
  inMemoryEventStore,
  manualClock,
  sampleCatalog,
  seededIds,
} from '@tillstream/domain';
import type { Either } from 'fp-ts/Either';

/** Tenant of the template day; every copy gets its own. */
export const TEMPLATE_TENANT = 'tpl';

/** Customers the template day registers. */
export const TEMPLATE_CUSTOMERS = 40;

/** Template customer i's personal values: unique marker strings that a copy swaps for generated ones. */
export const templatePerson = (i: number) => {
  const tag = String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
  return {
    firstName: `Qfirst${tag}`,
    lastName: `Qlast${tag}`,
    street: `Qstreet${tag}`,
    houseNumber: `Q${tag}`,
    postalCode: `QP${tag.toUpperCase()}`,
    city: `Qcity${tag}`,
    // The template's own values: distinct numbers a copy never produces (see people.mts ranges).
    phone: `+48 45${String(10_000_000 + i).slice(1)}`,
    secondPhone: `+48 45${String(10_000_100 + i).slice(1)}`,
    card: `9${String(100000000 + i)}`,
    email: `qmail${tag}@example.org`,
  };
};

/** The n-th wallet idempotency key a till sends: UUID-shaped, so copies rewrite it like any id. */
export const walletKey = (n: number): string =>
  `${(0x10000000 + n).toString(16)}-7a11-4e7c-8e1c-000000000000`;

/** Wallet idempotency keys the template day may send (its top-ups number fewer). */
export const WALLET_KEYS = 64;

const must = <A,>(what: string, result: Either<TillstreamError, A>): A => {
  if (result._tag === 'Left')
    throw new Error(`template day, ${what}: ${result.left.code} ${result.left.message}`);
  return result.right;
};

/**
 * The day: 40 customers registered (phone, card or both; some with email and address), a few
 * profile edits, phone changes and card assignments, top-ups, about 50 orders placed, accepted,
 * paid (deposit, cash or card) and completed, some left unpaid as debt, some cancelled, two merges.
 * Personal fields are in clear (`keys: false`) unless a key store is given.
 */
export const templateDay = async (keys: KeyStore | false = false): Promise<InMemoryEventStore> => {
  const store = inMemoryEventStore();
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  const till: Tillstream = createTillstream({
    eventStore: store,
    keys,
    catalog: sampleCatalog(TEMPLATE_TENANT),
    policy: { customer: { defaultCountry: 'PL' } },
    clock,
    ids: seededIds('bench-template'),
  });
  const tick = () => clock.advance(3 * 60 * 1000);
  const op = { tenantId: TEMPLATE_TENANT, actor: { role: 'operator' as const, id: 'kasia' } };
  const manager = { tenantId: TEMPLATE_TENANT, actor: { role: 'manager' as const, id: 'ola' } };
  const ids: string[] = [];

  for (let i = 0; i < TEMPLATE_CUSTOMERS; i++) {
    const p = templatePerson(i);
    tick();
    const result = must(
      'register',
      await till.customers.register(op, {
        firstName: p.firstName,
        lastName: p.lastName,
        ...(i % 10 === 9 ? {} : { phone: p.phone }),
        ...(i % 4 === 0 || i % 10 === 9 ? { card: p.card } : {}),
        ...(i % 3 === 0 ? { email: p.email } : {}),
        ...(i % 2 === 0
          ? {
              address: {
                street: p.street,
                houseNumber: p.houseNumber,
                postalCode: p.postalCode,
                city: p.city,
              },
            }
          : {}),
      }),
    );
    ids.push(result.customerId);
  }
  const id = (i: number) => ids[i] as string;

  // Edits a till makes during a day.
  for (let i = 1; i < TEMPLATE_CUSTOMERS; i += 7) {
    const p = templatePerson(i);
    tick();
    must(
      'update',
      await till.customers.update(op, id(i), {
        email: p.email,
        address: { street: p.street, houseNumber: p.houseNumber, postalCode: p.postalCode, city: p.city },
      }),
    );
  }
  for (const i of [2, 13, 25]) {
    tick();
    must('change phone', await till.customers.changePhone(op, id(i), templatePerson(i).secondPhone));
  }
  for (const i of [5, 17]) {
    tick();
    must('assign card', await till.customers.assignCard(op, id(i), templatePerson(i).card));
  }

  // Deposits, and orders paid from them or at the till.
  let key = 0;
  const wallet = (i: number) => ({ ...op, customerId: id(i), idempotencyKey: walletKey(++key) });
  for (let i = 0; i < TEMPLATE_CUSTOMERS; i++) {
    if (i % 3 === 2) continue;
    tick();
    must(
      'top up',
      await till.wallets.topUp({
        ...wallet(i),
        amount: 2000 + 500 * (i % 5),
        method: i % 2 === 0 ? 'cash' : 'card',
      }),
    );
  }
  const menus = [['cola', 'play-3h'], ['chips'], ['gamer-combo'], ['cola', 'chips'], ['energy', 'play-3h']];
  for (let n = 0; n < 50; n++) {
    const i = (n * 7) % (TEMPLATE_CUSTOMERS - 2);
    const products = menus[n % menus.length] as string[];
    const method = i % 3 === 2 ? (n % 2 === 0 ? 'cash' : 'card') : 'deposit';
    tick();
    const placed = must(
      'place',
      await till.orders.place({
        ...op,
        customerId: id(i),
        lines: products.map((productId) => ({ productId, quantity: 1 + (n % 2), payWith: 'money' as const })),
        paymentMethod: method,
      }),
    );
    const order = { ...op, orderId: placed.orderId };
    if (n % 13 === 12) {
      must('cancel', await till.orders.cancel({ ...order, reason: 'customer left' }));
      continue;
    }
    must('accept', await till.orders.accept(order));
    if (n % 9 === 8) {
      // Completed before paying: the invoice becomes debt.
      must('complete unpaid', await till.orders.complete(order));
      continue;
    }
    tick();
    const paid = await till.orders.pay({ ...order, method });
    if (paid._tag === 'Left') {
      // The deposit ran out: the customer pays cash instead, as at a real till.
      must('pay cash', await till.orders.pay({ ...order, method: 'cash' }));
    }
    must('complete', await till.orders.complete(order));
  }

  // Duplicates found at the end of the day.
  for (const [source, target] of [
    [TEMPLATE_CUSTOMERS - 1, 0],
    [TEMPLATE_CUSTOMERS - 2, 3],
  ] as const) {
    tick();
    must(
      'merge',
      await till.customers.merge({ ...manager, sourceCustomerId: id(source), targetCustomerId: id(target) }),
    );
  }
  return store;
};

/** The template day's events, as stored. */
export const templateEvents = async (): Promise<readonly StoredEvent[]> => (await templateDay()).allEvents();

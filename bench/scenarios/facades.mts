import type { EventStore, Tillstream, TillstreamError } from '@tillstream/domain';
import { createTillstream, inMemoryEventStore, sampleCatalog } from '@tillstream/domain';
import * as E from 'fp-ts/lib/Either.js';
import type { CaseSpec } from '../harness.mjs';
import { NOW, TENANT } from '../workload.mjs';

/** Reads and appends one facade call makes, counted by wrapping its store. */
export interface StoreOps {
  calls: number;
  reads: number;
  appends: number;
}

const counted = (store: EventStore, ops: StoreOps): EventStore => ({
  ...store,
  readStream: (...args) => {
    ops.reads++;
    return store.readStream(...args);
  },
  appendToStream: (...args) => {
    ops.appends++;
    return store.appendToStream(...args);
  },
});

const must = <A,>(what: string, result: E.Either<TillstreamError, A>): A => {
  if (E.isLeft(result)) throw new Error(`${what} was refused: ${result.left.code} ${result.left.message}`);
  return result.right;
};

const operator = { tenantId: TENANT, actor: { role: 'operator' as const, id: 'op-1' } };

/** A backend's `createTillstream` on a fresh in-memory store, personal data in clear, store calls counted. */
const till = (ops: StoreOps): Tillstream =>
  createTillstream({
    eventStore: counted(inMemoryEventStore(), ops),
    keys: false,
    catalog: sampleCatalog(TENANT),
    policy: { customer: { defaultCountry: 'PL' } },
    clock: { now: () => NOW },
  });

/** The n-th distinct Polish mobile number. */
const phone = (n: number) => `+4850${String(1_000_000 + n).padStart(7, '0')}`;

/** Labels of the facade cases. */
export const FACADES = {
  registration: 'register customer by phone (customers facade: reservation + customer stream)',
  lifecycle: 'order lifecycle: place, accept, deliver, pay by deposit (orders facade, 4 commands)',
} as const;

/**
 * Scenario 1 through the public facades a backend calls: a registration (phone reserved, customer
 * written, reservation confirmed) and an order's whole life paid from the deposit. Each case counts
 * the store reads and appends it makes, so its rate can be set against the raw store doing as many.
 */
export const facadeCases = async (): Promise<{
  readonly specs: CaseSpec[];
  readonly ops: Record<string, StoreOps>;
}> => {
  const registrationOps: StoreOps = { calls: 0, reads: 0, appends: 0 };
  let registrations = till(registrationOps);
  let n = 0;
  const register = async () => {
    if (n % 1000 === 0) registrations = till(registrationOps);
    registrationOps.calls++;
    must(
      'registration',
      await registrations.customers.register(operator, {
        phone: phone(n),
        firstName: 'Anna',
        lastName: 'Kowalska',
      }),
    );
    n++;
  };

  const lifecycleOps: StoreOps = { calls: 0, reads: 0, appends: 0 };
  let orders = till(lifecycleOps);
  let customers: readonly string[] = [];
  let k = 0;
  // 100 customers, each with a deposit that pays for every order they place before the next refill.
  const refill = async () => {
    orders = till(lifecycleOps);
    const made: string[] = [];
    for (let c = 0; c < 100; c++) {
      const customerId = must(
        'registration',
        await orders.customers.register(operator, { phone: phone(c), firstName: 'Jan', lastName: 'Nowak' }),
      ).customerId;
      must(
        'top-up',
        await orders.wallets.topUp({
          ...operator,
          customerId,
          amount: 100_000,
          method: 'cash',
          idempotencyKey: `t-${c}`,
        }),
      );
      made.push(customerId);
    }
    customers = made;
  };
  const lifecycle = async () => {
    const customerId = customers[k % customers.length] as string;
    k++;
    lifecycleOps.calls++;
    const placed = must(
      'place',
      await orders.orders.place({
        ...operator,
        customerId,
        lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
        paymentMethod: 'deposit',
      }),
    );
    const order = { ...operator, orderId: placed.orderId };
    must('accept', await orders.orders.accept(order));
    for (const line of placed.order.lines)
      must('deliver', await orders.orders.deliver({ ...order, lineId: line.lineId }));
    must('pay', await orders.orders.pay({ ...order, method: 'deposit' }));
  };
  await refill();
  // Counting starts after the setup; each case's own calls are what is counted from here on.
  lifecycleOps.reads = 0;
  lifecycleOps.appends = 0;
  const base = { scenario: 'contexts' };
  return {
    specs: [
      { ...base, label: FACADES.registration, unit: 'cmd/s', fn: register },
      {
        ...base,
        label: FACADES.lifecycle,
        unit: 'orders/s',
        fn: lifecycle,
        beforeEach: async () => {
          if (k > 0 && k % 1000 === 0) {
            const before = { ...lifecycleOps };
            await refill();
            Object.assign(lifecycleOps, before);
          }
        },
      },
    ],
    ops: { [FACADES.registration]: registrationOps, [FACADES.lifecycle]: lifecycleOps },
  };
};

import * as E from 'fp-ts/Either';
import type { CustomerCommand } from '../../customer/customerCommands';
import { defaultPreferences, type CustomerProfile } from '../../customer/customerProfile';
import { manualClock } from '../../kernel/clock';
import type { Actor, Role } from '../../kernel/envelope';
import { seededIds } from '../../kernel/ids';
import { inMemoryEventStore, type InMemoryEventStore } from '../../kernel/inMemoryEventStore';
import { orderStreamName, orderAggregate } from '../../order/orderStream';
import { handleCommand } from '../../kernel/handleCommand';
import { sampleCatalogItems } from '../../order/sampleCatalog';
import { parseAddress } from '../../values/address';
import { parseCardNumber, type CardNumber } from '../../values/cardNumber';
import { parseEmail, type Email } from '../../values/email';
import { parsePersonName, type PersonName } from '../../values/personName';
import { parsePhone, type PhoneNumber } from '../../values/phoneNumber';
import type { Address } from '../../values/address';
import type { WalletCommand } from '../../wallet/walletCommands';
import { defaultWalletPolicy } from '../../wallet/walletPolicy';
import { handleWalletCommand, readWallet } from '../../wallet/walletStream';
import type { OrderCommand, PayOrder } from '../../order/orderCommands';
import { handleOrderCommand } from '../orderPayment/orderPayment';
import { runCustomerCommand } from '../registration/customerProcess';
import { mergeFacade } from './facade';
import { defaultMergePolicy, type MergePolicy } from './mergePolicy';

/** The tenant every merge test works in. */
export const TENANT = 'shop1';
/** The reservation secret of the tests. */
export const SECRET = 'merge-test-secret';
/** The instant every test command is sent at. */
export const T0 = '2026-03-01T10:00:00.000Z';

const value = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

/** A Dutch mobile number as a cashier types it. */
export const phone = (typed: string): PhoneNumber => value(parsePhone(typed, { defaultCountry: 'NL' }));
/** A plain loyalty card number. */
export const card = (typed: string): CardNumber => value(parseCardNumber(typed));
/** A Dutch address. */
export const address = (street: string, houseNumber: string): Address =>
  value(parseAddress({ street, houseNumber, postalCode: '1011 AB', city: 'Amsterdam', country: 'NL' }));

/** A person's name. */
export const name = (typed: string): PersonName => value(parsePersonName(typed));
/** An email address. */
export const email = (typed: string): Email => value(parseEmail(typed));

/** An actor of a role. */
export const as = (role: Role, id = `${role}-1`): Actor => ({ role, id });

/** A shop in euros whose merges are operators' work. */
export const testMergePolicy: MergePolicy = { ...defaultMergePolicy, wallet: defaultWalletPolicy };

/** A fresh shop: store, merge facade, and the till actions that give customers a history. */
export const shop = (
  store: InMemoryEventStore = inMemoryEventStore(),
  policy: MergePolicy = testMergePolicy,
) => {
  const clock = manualClock(T0);
  const meta = (commandId: string, role: Role = 'operator') => ({
    commandId,
    tenantId: TENANT,
    actor: as(role),
    now: clock.now(),
  });
  const customerDeps = { store, policy: policy.customer, tenantSecret: SECRET };
  const orderDeps = { store, walletPolicy: policy.wallet };
  const ok = async <A>(p: Promise<E.Either<Error, A>>): Promise<A> => value(await p);
  const wallet = (command: Omit<WalletCommand, 'metadata'>, commandId: string) =>
    ok(handleWalletCommand(store, policy.wallet, { ...command, metadata: meta(commandId) } as WalletCommand));
  const order = (command: Omit<Exclude<OrderCommand, PayOrder>, 'metadata'>, commandId: string) =>
    ok(
      handleOrderCommand(orderDeps, { ...command, metadata: meta(commandId) } as Exclude<
        OrderCommand,
        PayOrder
      >),
    );
  return {
    store,
    clock,
    merges: mergeFacade({
      store,
      clock,
      ids: seededIds('merge-test'),
      policyFor: () => policy,
      tenantSecret: () => SECRET,
    }),
    register: (customerId: string, profile: Partial<CustomerProfile>) =>
      ok(
        runCustomerCommand(customerDeps, customerId, {
          type: 'RegisterCustomer',
          data: { customerId, profile: { preferences: defaultPreferences, ...profile } },
          metadata: meta(`register:${customerId}`),
        }),
      ),
    edit: (customerId: string, command: Omit<CustomerCommand, 'metadata'>, commandId: string) =>
      runCustomerCommand(customerDeps, customerId, {
        ...command,
        metadata: meta(commandId),
      } as CustomerCommand),
    topUp: (customerId: string, amount: number, commandId = `top-up:${customerId}:${amount}`) =>
      wallet({ type: 'TopUp', data: { customerId, amount, currency: 'EUR', method: 'cash' } }, commandId),
    earn: (customerId: string, points: number, commandId: string) =>
      wallet(
        { type: 'EarnPoints', data: { customerId, points, source: { kind: 'manual', reason: 'welcome' } } },
        commandId,
      ),
    /** Places order `orderId` for the customer: one cola, paid by cash. */
    place: (orderId: string, customerId: string) =>
      order(
        {
          type: 'PlaceOrder',
          data: {
            orderId,
            customerId,
            currency: 'EUR',
            paymentMethod: 'cash',
            lines: [{ productId: 'cola', quantity: 1, payWith: 'money' }],
            catalog: sampleCatalogItems,
            discountRules: [],
          },
        },
        `place:${orderId}`,
      ),
    accept: (orderId: string) => order({ type: 'AcceptOrder', data: { orderId } }, `accept:${orderId}`),
    cancel: (orderId: string) => order({ type: 'CancelOrder', data: { orderId } }, `cancel:${orderId}`),
    /** Completes an accepted order unpaid: its invoice becomes the customer's debt. */
    completeUnpaid: (orderId: string) =>
      order({ type: 'CompleteOrder', data: { orderId } }, `complete:${orderId}`),
    /** Starts a payment and leaves it pending, as a till that crashed mid-payment would. */
    startPayment: (orderId: string) =>
      ok(
        handleCommand(store, orderAggregate, orderStreamName(TENANT, orderId), {
          type: 'PayOrder',
          data: { orderId, method: 'cash', pointsToEarn: 0 },
          metadata: meta(`pay:${orderId}`),
        }),
      ),
    walletOf: (customerId: string) => ok(readWallet(store, TENANT, customerId)),
  };
};

/** A shop's two duplicates: Jan by phone with money, points, open and unpaid orders; and Jan by card. */
export const duplicates = async (store?: InMemoryEventStore, policy?: MergePolicy) => {
  const s = shop(store, policy);
  await s.register('jan-phone', {
    phone: phone('06 1234 5678'),
    firstName: name('Jan'),
    address: address('Voorstraat', '12'),
    email: email('jan@example.nl'),
  });
  await s.register('jan-card', {
    card: card('CARD-7001'),
    firstName: name('Jan'),
    lastName: name('Kowalski'),
    address: address('Voorstraat', '21'),
  });
  await s.topUp('jan-phone', 5000);
  await s.earn('jan-phone', 40, 'earn:welcome');
  await s.topUp('jan-card', 1000);
  await s.place('o-open', 'jan-phone');
  await s.accept('o-open');
  await s.place('o-unpaid', 'jan-phone');
  await s.accept('o-unpaid');
  await s.completeUnpaid('o-unpaid');
  await s.place('o-cancelled', 'jan-phone');
  await s.cancel('o-cancelled');
  return s;
};

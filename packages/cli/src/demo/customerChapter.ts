import {
  customersFacade,
  defaultCustomerPolicy,
  inMemoryEventStore,
  manualClock,
  seededIds,
  type CustomersFacade,
} from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { heading, type Print } from './output';

const operator = { tenantId: 'demo', actor: { role: 'operator' as const, id: 'cashier-1' } };

const show = async (
  print: Print,
  what: string,
  result: ReturnType<CustomersFacade['register']>,
): Promise<string | undefined> => {
  const outcome = await result;
  if (E.isLeft(outcome)) {
    print(`${what}: refused (${outcome.left.code}) ${outcome.left.message}`);
    return undefined;
  }
  const { customerId, customer } = outcome.right;
  const ids = [
    customer.profile.phone === undefined ? undefined : `phone ${customer.profile.phone.e164}`,
    customer.profile.card === undefined ? undefined : `card ${customer.profile.card}`,
  ].filter((x) => x !== undefined);
  print(`${what}: registered customer ${customerId} with ${ids.join(' and ')}`);
  return customerId;
};

/** Registers customers in a Russian shop: one phone however it is typed, card-only customers, required fields. */
export const customerChapter = async (print: Print): Promise<void> => {
  heading(print, 'Customers: one phone, however it is typed');
  const customers = customersFacade({
    store: inMemoryEventStore(),
    clock: manualClock('2026-01-01T09:00:00.000Z'),
    ids: seededIds('demo-customers'),
    policyFor: (tenantId) =>
      tenantId === 'salon'
        ? {
            ...defaultCustomerPolicy,
            defaultCountry: 'BG',
            requiredFields: ['firstName', 'lastName', 'gender'],
          }
        : { ...defaultCustomerPolicy, defaultCountry: 'RU' },
    tenantSecret: (tenantId) => `demo-secret-${tenantId}`,
  });
  print('shop "demo" reads numbers as Russian (default country RU)');
  await show(
    print,
    'register "8 916 123-45-67"',
    customers.register(operator, { phone: '8 916 123-45-67', firstName: 'Anna' }),
  );
  await show(
    print,
    'register "+7 916 123 45 67"',
    customers.register(operator, { phone: '+7 916 123 45 67' }),
  );
  await show(print, 'register card "4000-0012" only', customers.register(operator, { card: '4000-0012' }));
  print('shop "salon" requires first name, last name and gender');
  await show(
    print,
    'register "+359 88 123 4567" with a first name only',
    customers.register({ ...operator, tenantId: 'salon' }, { phone: '+359 88 123 4567', firstName: 'Maria' }),
  );
};

import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { manualClock } from '../kernel/clock';
import type { Role } from '../kernel/envelope';
import { deterministicId, seededIds } from '../kernel/ids';
import { inMemoryEventStore } from '../kernel/inMemoryEventStore';
import type { CompanyRegistry } from './companyRegistry';
import { defaultCustomerPolicy, type CustomerPolicy } from './customerPolicy';
import { customersFacade } from './facade';

const setup = (policy: Partial<CustomerPolicy> = {}, companyRegistry?: CompanyRegistry) =>
  customersFacade({
    store: inMemoryEventStore(),
    clock: manualClock('2026-03-01T10:00:00Z'),
    ids: seededIds('facade'),
    policyFor: () => ({ ...defaultCustomerPolicy, defaultCountry: 'RU', ...policy }),
    tenantSecret: (tenantId) => `secret-${tenantId}`,
    ...(companyRegistry === undefined ? {} : { companyRegistry }),
  });
const ctx = (role: Role = 'operator', tenantId = 'shop1', id = 'op-1') => ({ tenantId, actor: { role, id } });
const right = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};
const left = <A>(either: E.Either<Error & { code?: string }, A>) => {
  if (E.isRight(either)) throw new Error(`expected a refusal, got ${JSON.stringify(either.right)}`);
  return either.left as Error & { code: string; details: Record<string, unknown> };
};

describe('the customers facade', () => {
  it('registers by a phone typed the Russian way and refuses it typed with +7, naming the holder', async () => {
    const customers = setup();
    const first = right(await customers.register(ctx(), { phone: '8 916 123-45-67', firstName: ' Anna ' }));
    expect(first.customer.profile.phone?.e164).toBe('+79161234567');
    expect(first.customer.profile.firstName).toBe('Anna');
    const again = left(await customers.register(ctx(), { phone: '+7 916 123 45 67' }));
    expect(again.code).toBe('customer.phone_taken');
    expect(again.details['holderId']).toBe(first.customerId);
  });

  it('keeps tenants apart: the same phone is free in another shop, and a customer is not read across shops', async () => {
    const customers = setup();
    const first = right(await customers.register(ctx(), { phone: '89161234567' }));
    right(await customers.register(ctx('operator', 'shop2'), { phone: '89161234567' }));
    expect(left(await customers.get('shop2', first.customerId)).code).toBe('customer.not_found');
    expect(right(await customers.get('shop1', first.customerId)).customerId).toBe(first.customerId);
  });

  it('refuses what was typed wrong, showing it', async () => {
    const error = left(await setup().register(ctx(), { phone: '123' }));
    expect(error.code).toMatch(/^phone\./);
    expect(error.message).toContain('"123"');
  });

  it('reuses the customer id when the same command is retried', async () => {
    const customers = setup();
    const a = right(await customers.register({ ...ctx(), commandId: 'once' }, { card: 'X1' }));
    const b = right(await customers.register({ ...ctx(), commandId: 'once' }, { card: 'X1' }));
    expect(b.customerId).toBe(a.customerId);
    expect(b.idempotent).toBe(true);
  });

  it("derives a registration's ids from its request: the customer id, and the command id request:<request id>", async () => {
    const store = inMemoryEventStore();
    const customers = customersFacade({
      store,
      clock: manualClock('2026-03-01T10:00:00Z'),
      ids: seededIds('ids'),
      policyFor: () => ({ ...defaultCustomerPolicy, defaultCountry: 'PL' }),
      tenantSecret: () => 'secret',
    });
    const keyed = right(await customers.register({ ...ctx(), commandId: 'once' }, { phone: '501 234 567' }));
    const made = right(await customers.register(ctx(), { card: 'X2' }));
    const requestId = seededIds('ids').newId();
    expect([keyed.customerId, made.customerId]).toEqual([
      deterministicId('customer|shop1|request:once'),
      deterministicId(`customer|shop1|${requestId}`),
    ]);
    const written = await store.readAll();
    expect(written.map((e) => [e.type, e.metadata.commandId, e.metadata.occurredAt])).toEqual([
      ['IdentifierReserved', 'request:request:once:reserve-phone@new', '2026-03-01T10:00:00.000Z'],
      ['CustomerRegistered', 'request:request:once', '2026-03-01T10:00:00.000Z'],
      ['ReservationConfirmed', 'request:request:once:confirm-phone@0', '2026-03-01T10:00:00.000Z'],
      ['IdentifierReserved', `request:${requestId}:reserve-card@new`, '2026-03-01T10:00:00.000Z'],
      ['CustomerRegistered', `request:${requestId}`, '2026-03-01T10:00:00.000Z'],
      ['ReservationConfirmed', `request:${requestId}:confirm-card@0`, '2026-03-01T10:00:00.000Z'],
    ]);
  });

  it('prefills company data from the registry, and registers with a warning when it fails', async () => {
    const found = setup({ defaultCountry: 'PL' }, { lookup: async () => ({ name: 'ACME sp. z o.o.' }) });
    const withCompany = right(await found.register(ctx(), { card: 'K1', taxId: '526-025-02-74' }));
    expect(withCompany.customer.profile.company).toEqual({ name: 'ACME sp. z o.o.' });
    const down = setup({ defaultCountry: 'PL' }, { lookup: () => Promise.reject(new Error('timeout')) });
    const without = right(await down.register(ctx(), { card: 'K1', taxId: '5260250274' }));
    expect(without.customer.profile.company).toBeUndefined();
    expect(without.warnings.map((w) => w.code)).toEqual(['customer.company_registry_unavailable']);
  });

  it('edits profile, identifiers, preferences and comments', async () => {
    const customers = setup();
    const { customerId } = right(await customers.register(ctx(), { phone: '89161234567' }));
    right(await customers.update(ctx(), customerId, { lastName: 'Petrova', gender: 'female' }));
    right(await customers.assignCard(ctx(), customerId, 'c-77'));
    right(await customers.removePhone(ctx(), customerId));
    right(
      await customers.changePreferences(ctx('customer', 'shop1', customerId), customerId, {
        smsNotifications: true,
      }),
    );
    const last = right(await customers.setComments(ctx(), customerId, 'Prefers mornings'));
    expect(last.customer.profile).toMatchObject({
      lastName: 'Petrova',
      gender: 'female',
      card: 'C77',
      comments: 'Prefers mornings',
      preferences: { smsNotifications: true },
    });
    expect(last.customer.profile.phone).toBeUndefined();
    expect(left(await customers.removeCard(ctx(), customerId)).code).toBe('customer.last_identifier');
    expect(
      left(await customers.setComments(ctx('customer', 'shop1', customerId), customerId, 'x')).code,
    ).toBe('customer.actor_not_allowed');
  });

  it('runs groups and lists the modifiers that apply to a customer', async () => {
    const customers = setup();
    const regulars = right(
      await customers.createGroup(ctx('manager'), {
        name: 'Regulars',
        discounts: [{ target: { kind: 'everything' }, adjustment: { kind: 'percent', basisPoints: 500 } }],
      }),
    );
    right(await customers.renameGroup(ctx('manager'), regulars.groupId, 'Stali klienci'));
    const { customerId } = right(await customers.register(ctx(), { card: 'G1', groupId: regulars.groupId }));
    right(
      await customers.setPriceModifiers(ctx('manager'), customerId, [
        {
          target: { kind: 'product', productId: 'espresso' },
          adjustment: { kind: 'fixed', amount: 200, currency: 'PLN' },
        },
      ]),
    );
    const modifiers = right(await customers.applicableModifiers('shop1', customerId));
    expect(modifiers.map((m) => m.source.kind)).toEqual(['customer', 'group']);
    right(await customers.setGroupDiscounts(ctx('manager'), regulars.groupId, []));
    right(await customers.archiveGroup(ctx('manager'), regulars.groupId));
    expect(right(await customers.applicableModifiers('shop1', customerId))).toHaveLength(1);
    expect(left(await customers.register(ctx(), { card: 'G2', groupId: regulars.groupId })).code).toBe(
      'customer.group_archived',
    );
    expect(left(await customers.assignGroup(ctx(), customerId, 'nope')).code).toBe('customer.group_unknown');
  });

  it('refuses one registration listing every missing required field', async () => {
    const customers = setup({ requiredFields: ['firstName', 'lastName', 'gender'] });
    const error = left(await customers.register(ctx(), { phone: '89161234567', firstName: '  ' }));
    expect(error.code).toBe('customer.required_fields_missing');
    expect(error.details['missing']).toEqual(['firstName', 'lastName', 'gender']);
  });
});

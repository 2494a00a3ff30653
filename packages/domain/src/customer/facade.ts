import * as E from 'fp-ts/Either';
import type { Clock } from '../kernel/clock';
import type { CommandMetadata } from '../kernel/decider';
import type { Actor } from '../kernel/envelope';
import { DomainError, type PermissionError } from '../kernel/errors';
import type { EventStore } from '../kernel/eventStore';
import { decodeEvent, handleCommand, type CommandError, type StateCache } from '../kernel/handleCommand';
import { callerCommandId } from '../kernel/facadeKeys';
import { checkRequest } from '../kernel/facadeRequest';
import { deterministicId, type IdGenerator } from '../kernel/ids';
import { streamName } from '../kernel/streamName';
import { customerStream, runCustomerCommand, type Warning } from '../processes/registration/customerProcess';
import type { TenantSecret } from '../processes/reservation/reservationKey';
import type { CardNumber } from '../values/cardNumber';
import type { PhoneNumber } from '../values/phoneNumber';
import type { TaxId } from '../values/taxId';
import { applicableModifiers, type ApplicableModifier } from './applicableModifiers';
import { admission } from './customerAdmission';
import type { CompanyRegistry } from './companyRegistry';
import type { CustomerCommand } from './customerCommands';
import { customerEvents, type CustomerEvent } from './customerEvents';
import {
  readCard,
  readComments,
  readDetails,
  readPhone,
  readPreferences,
  readRegistration,
  type DetailsInput,
  type PreferencesInput,
  type RegisterInput,
} from './customerInput';
import type { CustomerProfile } from './customerProfile';
import type { CustomerAction, CustomerPolicy } from './customerPolicy';
import { evolveCustomer, initialCustomerState, type CustomerState } from './customerState';
import {
  customerGroupAggregate,
  evolveCustomerGroup,
  type CustomerGroupCommand,
  type CustomerGroupState,
} from './groupDecider';
import { customerGroupEvents, type CustomerGroupEvent } from './groupEvents';
import { checkPriceModifiers, type PriceModifier } from './priceModifier';

/** What the customers facade needs. */
export interface CustomersDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  /** Makes command ids when the caller sends none. */
  readonly ids: IdGenerator;
  readonly policyFor: (tenantId: string) => CustomerPolicy;
  readonly companyRegistry?: CompanyRegistry;
  /** The tenant's secret for reservation hashes; keep it stable, or held values look free. */
  readonly tenantSecret: (tenantId: string) => TenantSecret;
  /** Folded customers and groups kept between commands (see `stateCache`); each command then reads only new events. */
  readonly cache?: StateCache;
}

/** Who is asking, for which shop; `commandId` makes a retry safe (one is made when absent). */
export interface CommandContext {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly commandId?: string;
  readonly correlationId?: string;
}

/** A customer that exists. */
export type Customer = Extract<CustomerState, { exists: true }>;

/** What a customer command produced. */
export interface CustomerResult {
  readonly customerId: string;
  readonly customer: Customer;
  readonly events: readonly CustomerEvent[];
  readonly warnings: readonly Warning[];
  readonly idempotent: boolean;
}

/** A customer group that exists. */
export type CustomerGroup = Extract<CustomerGroupState, { exists: true }>;

/** What a group command produced. */
export interface GroupResult {
  readonly groupId: string;
  readonly group: CustomerGroup;
  readonly events: readonly CustomerGroupEvent[];
  readonly idempotent: boolean;
}

/** A group as given to `createGroup`. */
export interface CreateGroupInput {
  readonly groupId?: string;
  readonly name: string;
  /** Checked at run time too, for callers without types. */
  readonly discounts?: readonly PriceModifier[];
}

type Result<A> = Promise<E.Either<CommandError, A>>;

const notFound = () => E.left(new DomainError('customer.not_found', 'There is no such customer.', {}));

/** The customers context for an embedding backend: registration, edits, groups and reads, per tenant. */
export const customersFacade = (deps: CustomersDeps) => {
  const { store } = deps;

  const commandMetadata = (tenantId: string, ctx: CommandContext, commandId: string): CommandMetadata => ({
    tenantId,
    actor: ctx.actor,
    commandId,
    now: deps.clock.now(),
    ...(ctx.correlationId === undefined ? {} : { correlationId: ctx.correlationId }),
  });

  const metadataOf = (
    ctx: CommandContext,
    ids: Readonly<Record<string, string | undefined>> = {},
  ): E.Either<CommandError, CommandMetadata> =>
    E.map((tenantId: string) =>
      commandMetadata(
        tenantId,
        ctx,
        ctx.commandId === undefined ? deps.ids.newId() : callerCommandId(ctx.commandId),
      ),
    )(checkRequest(ctx.tenantId, ids));

  // No actor is a trusted caller (the backend itself); with one, the shop's `mayAct` rule decides.
  const mayRead = (
    tenantId: string,
    actor: Actor | undefined,
    action: CustomerAction,
    subjectId: string,
  ): E.Either<PermissionError, void> =>
    actor === undefined ? E.right(undefined) : deps.policyFor(tenantId).mayAct(actor, action, subjectId);

  const groupStream = (tenantId: string, groupId: string) => streamName('customer-group', tenantId, groupId);

  const readGroup = async (tenantId: string, groupId: string): Result<CustomerGroupState> => {
    let state: CustomerGroupState = { exists: false };
    for (const stored of await store.readStream(groupStream(tenantId, groupId))) {
      const decoded = decodeEvent(customerGroupEvents, stored);
      if (E.isLeft(decoded)) return decoded;
      state = evolveCustomerGroup(state, decoded.right.event);
    }
    return E.right(state);
  };

  const readCustomer = async (tenantId: string, customerId: string): Result<CustomerState> => {
    let state = initialCustomerState();
    for (const stored of await store.readStream(customerStream(tenantId, customerId))) {
      const decoded = decodeEvent(customerEvents, stored);
      if (E.isLeft(decoded)) return decoded;
      state = evolveCustomer(state, decoded.right.event);
    }
    return E.right(state);
  };

  // A customer read on a caller's behalf: the request checked, the actor allowed to read it.
  const readCustomerFor = async (
    tenantId: string,
    customerId: string,
    actor: Actor | undefined,
  ): Result<CustomerState> => {
    const tenant = checkRequest(tenantId, { customerId });
    if (E.isLeft(tenant)) return tenant;
    const allowed = mayRead(tenantId, actor, 'ReadCustomer', customerId);
    if (E.isLeft(allowed)) return allowed;
    return readCustomer(tenantId, customerId);
  };

  const modifiersOf = async (tenantId: string, customer: Customer): Result<readonly ApplicableModifier[]> => {
    const groupId = customer.profile.groupId;
    const groupState = groupId === undefined ? E.right(undefined) : await readGroup(tenantId, groupId);
    if (E.isLeft(groupState)) return groupState;
    return E.right(applicableModifiers(customer, groupState.right));
  };

  const checkGroup = async (tenantId: string, groupId: string | undefined): Result<void> => {
    if (groupId === undefined) return E.right(undefined);
    const group = await readGroup(tenantId, groupId);
    if (E.isLeft(group)) return group;
    if (!group.right.exists)
      return E.left(
        new DomainError('customer.group_unknown', `There is no customer group ${groupId}.`, { groupId }),
      );
    return group.right.archived
      ? E.left(
          new DomainError('customer.group_archived', `The group "${group.right.name}" is archived.`, {
            groupId,
          }),
        )
      : E.right(undefined);
  };

  // Runs a built command through the customer process (reservations, customer stream, confirmations).
  const runCommand = async (
    policy: CustomerPolicy,
    customerId: string,
    command: CustomerCommand,
    warnings: readonly Warning[],
  ): Result<CustomerResult> => {
    const processDeps = {
      store,
      policy,
      tenantSecret: deps.tenantSecret(command.metadata.tenantId),
      cache: deps.cache,
    };
    const outcome = await runCustomerCommand(processDeps, customerId, command);
    if (E.isLeft(outcome)) return outcome;
    const { state, events, idempotent } = outcome.right;
    return state.exists
      ? E.right({
          customerId,
          customer: state,
          events,
          idempotent,
          warnings: warnings.length === 0 ? outcome.right.warnings : [...warnings, ...outcome.right.warnings],
        })
      : notFound();
  };

  const run = async (
    ctx: CommandContext,
    customerId: string,
    build: (metadata: CommandMetadata, policy: CustomerPolicy) => E.Either<CommandError, CustomerCommand>,
  ): Result<CustomerResult> => {
    const metadata = metadataOf(ctx, { customerId });
    if (E.isLeft(metadata)) return metadata;
    const policy = deps.policyFor(metadata.right.tenantId);
    const command = build(metadata.right, policy);
    if (E.isLeft(command)) return command;
    return runCommand(policy, customerId, command.right, []);
  };

  const prefillCompany = async (
    profile: CustomerProfile,
    taxId: TaxId,
  ): Promise<[CustomerProfile, Warning[]]> => {
    const registry = deps.companyRegistry;
    if (registry === undefined || profile.company !== undefined) return [profile, []];
    const shownId = `${taxId.country} ${taxId.value}`;
    try {
      const record = await registry.lookup(taxId);
      if (record === undefined)
        return [
          profile,
          [
            {
              code: 'customer.company_not_found',
              message: `The company registry has no company with tax id ${shownId}; fill in the company data by hand.`,
              details: { taxId },
            },
          ],
        ];
      return [{ ...profile, company: record }, []];
    } catch (error) {
      return [
        profile,
        [
          {
            code: 'customer.company_registry_unavailable',
            message: `The company registry could not be asked about ${shownId}; the customer was registered without company data.`,
            details: { taxId, reason: error instanceof Error ? error.message : String(error) },
          },
        ],
      ];
    }
  };

  const edit =
    <A>(
      build: (input: A, policy: CustomerPolicy) => E.Either<CommandError, Omit<CustomerCommand, 'metadata'>>,
    ) =>
    (ctx: CommandContext, customerId: string, input: A): Result<CustomerResult> =>
      run(ctx, customerId, (metadata, policy) =>
        E.map((c: Omit<CustomerCommand, 'metadata'>) => ({ ...c, metadata }) as CustomerCommand)(
          build(input, policy),
        ),
      );

  const group = async (
    ctx: CommandContext,
    groupId: (metadata: CommandMetadata) => string,
    build: (metadata: CommandMetadata) => E.Either<CommandError, CustomerGroupCommand>,
  ): Result<GroupResult> => {
    const metadata = metadataOf(ctx);
    if (E.isLeft(metadata)) return metadata;
    const id = groupId(metadata.right);
    const named = checkRequest(metadata.right.tenantId, { groupId: id });
    if (E.isLeft(named)) return named;
    const command = build(metadata.right);
    if (E.isLeft(command)) return command;
    const aggregate = customerGroupAggregate(deps.policyFor(metadata.right.tenantId));
    const result = await handleCommand(
      store,
      aggregate,
      groupStream(metadata.right.tenantId, id),
      command.right,
      { cache: deps.cache },
    );
    if (E.isLeft(result)) return result;
    const { state, events, idempotent } = result.right;
    return state.exists
      ? E.right({ groupId: id, group: state, events: events.map((e) => e.event), idempotent })
      : E.left(new DomainError('group.not_found', 'There is no such customer group.', { groupId: id }));
  };

  return {
    /** Registers a customer by phone and/or card; duplicates are refused naming the holder. */
    register: async (ctx: CommandContext, input: RegisterInput): Result<CustomerResult> => {
      const tenant = checkRequest(ctx.tenantId, { customerId: input.customerId });
      if (E.isLeft(tenant)) return tenant;
      const tenantId = tenant.right;
      // The request's id: the customer id derives from it, and the command runs as `request:<it>`
      // (a caller's key is thus namespaced twice, as it always was, so retries find their events).
      const requestId = ctx.commandId === undefined ? deps.ids.newId() : callerCommandId(ctx.commandId);
      const policy = deps.policyFor(tenantId);
      const parsed = readRegistration(policy, input);
      if (E.isLeft(parsed)) return parsed;
      if (parsed.right.groupId !== undefined) {
        const groupOk = await checkGroup(tenantId, parsed.right.groupId);
        if (E.isLeft(groupOk)) return groupOk;
      }
      const [profile, warnings] =
        parsed.right.taxId === undefined
          ? [parsed.right, []]
          : await prefillCompany(parsed.right, parsed.right.taxId);
      const customerId = input.customerId ?? deterministicId(`customer|${tenantId}|${requestId}`);
      const metadata = commandMetadata(tenantId, ctx, callerCommandId(requestId));
      return runCommand(
        policy,
        customerId,
        { type: 'RegisterCustomer', data: { customerId, profile }, metadata },
        warnings,
      );
    },
    /** Sets profile details (names, gender, email, address, tax id, company, WhatsApp); `null` removes one. */
    update: edit((input: DetailsInput, policy) =>
      E.map((data: UpdateData) => ({ type: 'UpdateProfile' as const, data }))(readDetails(policy, input)),
    ),
    /** Gives the customer a new phone; the new number is claimed before the old one is released. */
    changePhone: edit((phone: string, policy) =>
      E.map((p: PhoneNumber) => ({ type: 'ChangePhone' as const, data: { phone: p } }))(
        readPhone(policy, phone),
      ),
    ),
    /** Removes the customer's phone, unless it is the last identifier. */
    removePhone: (ctx: CommandContext, customerId: string) =>
      edit(() => E.right({ type: 'RemovePhone' as const, data: {} }))(ctx, customerId, undefined),
    /** Assigns or replaces the customer's card. */
    assignCard: edit((card: string, policy) =>
      E.map((c: CardNumber) => ({ type: 'AssignCard' as const, data: { card: c } }))(readCard(policy, card)),
    ),
    /** Removes the customer's card, unless it is the last identifier. */
    removeCard: (ctx: CommandContext, customerId: string) =>
      edit(() => E.right({ type: 'RemoveCard' as const, data: {} }))(ctx, customerId, undefined),
    /** Puts the customer in an existing, active group. */
    assignGroup: async (ctx: CommandContext, customerId: string, groupId: string): Result<CustomerResult> => {
      const named = checkRequest(ctx.tenantId, { customerId, groupId });
      if (E.isLeft(named)) return named;
      const ok = await checkGroup(ctx.tenantId, groupId);
      if (E.isLeft(ok)) return ok;
      return edit(() => E.right({ type: 'AssignGroup' as const, data: { groupId } }))(
        ctx,
        customerId,
        undefined,
      );
    },
    /** Takes the customer out of its group. */
    leaveGroup: (ctx: CommandContext, customerId: string) =>
      edit(() => E.right({ type: 'LeaveGroup' as const, data: {} }))(ctx, customerId, undefined),
    /** Replaces the customer's personal price modifiers (see `PriceModifier`). */
    setPriceModifiers: edit((modifiers: readonly PriceModifier[]) =>
      E.map((m: SetModifiers) => ({ type: 'SetPriceModifiers' as const, data: { modifiers: m } }))(
        checkPriceModifiers(modifiers),
      ),
    ),
    /** Changes some preferences; a customer actor may do this for itself. */
    changePreferences: edit((changes: PreferencesInput) =>
      E.map((c: object) => ({ type: 'ChangePreferences' as const, data: { changes: c } }))(
        readPreferences(changes),
      ),
    ),
    /** Replaces the free-text comments ('' clears them). */
    setComments: edit((comments: string) =>
      E.map((c: string) => ({ type: 'SetComments' as const, data: { comments: c } }))(readComments(comments)),
    ),
    /** Reads one customer; with an actor, only if the shop's `mayAct` lets it (a customer: itself). No actor means a trusted caller. */
    get: async (tenantId: string, customerId: string, actor?: Actor): Result<Customer> => {
      const state = await readCustomerFor(tenantId, customerId, actor);
      if (E.isLeft(state)) return state;
      return state.right.exists ? E.right(state.right) : notFound();
    },
    /** Reads one customer group; with an actor, only if `mayAct` lets it (not a customer, by default). No actor means a trusted caller. */
    getGroup: async (tenantId: string, groupId: string, actor?: Actor): Result<CustomerGroup> => {
      const tenant = checkRequest(tenantId, { groupId });
      if (E.isLeft(tenant)) return tenant;
      const allowed = mayRead(tenantId, actor, 'ReadGroup', groupId);
      if (E.isLeft(allowed)) return allowed;
      const state = await readGroup(tenantId, groupId);
      if (E.isLeft(state)) return state;
      return state.right.exists
        ? E.right(state.right)
        : E.left(new DomainError('group.not_found', 'There is no such customer group.', { groupId }));
    },
    /** The price modifiers that apply to a customer's orders (personal, then group); an actor reads them as it reads the customer. */
    applicableModifiers: async (
      tenantId: string,
      customerId: string,
      actor?: Actor,
    ): Result<readonly ApplicableModifier[]> => {
      const customer = await readCustomerFor(tenantId, customerId, actor);
      if (E.isLeft(customer)) return customer;
      return customer.right.exists ? modifiersOf(tenantId, customer.right) : notFound();
    },
    /**
     * The price modifiers of a customer that may take orders (`admission`: it exists, was not merged
     * away nor forgotten), from one read of the customer: what placing an order needs. An actor reads
     * them as it reads the customer.
     */
    admittedModifiers: async (
      tenantId: string,
      customerId: string,
      actor?: Actor,
    ): Result<readonly ApplicableModifier[]> => {
      const customer = await readCustomerFor(tenantId, customerId, actor);
      if (E.isLeft(customer)) return customer;
      const admitted = admission(customerId, customer.right);
      return E.isLeft(admitted) ? admitted : modifiersOf(tenantId, admitted.right);
    },
    /** Creates a customer group with optional discount rules. */
    createGroup: (ctx: CommandContext, input: CreateGroupInput) => {
      const idOf = (m: CommandMetadata) =>
        input.groupId ?? deterministicId(`customer-group|${m.tenantId}|${m.commandId}`);
      return group(ctx, idOf, (metadata) =>
        E.map((discounts: SetModifiers) => ({
          type: 'CreateGroup' as const,
          data: { groupId: idOf(metadata), name: input.name, discounts },
          metadata,
        }))(checkPriceModifiers(input.discounts ?? [], 'discounts')),
      );
    },
    /** Renames a group. */
    renameGroup: (ctx: CommandContext, groupId: string, name: string) =>
      group(
        ctx,
        () => groupId,
        (metadata) => E.right({ type: 'RenameGroup', data: { name }, metadata }),
      ),
    /** Replaces a group's discount rules. */
    setGroupDiscounts: (ctx: CommandContext, groupId: string, discounts: readonly PriceModifier[]) =>
      group(
        ctx,
        () => groupId,
        (metadata) =>
          E.map((d: SetModifiers) => ({
            type: 'SetGroupDiscounts' as const,
            data: { discounts: d },
            metadata,
          }))(checkPriceModifiers(discounts, 'discounts')),
      ),
    /** Archives a group: its discounts stop applying and it takes no new members. */
    archiveGroup: (ctx: CommandContext, groupId: string) =>
      group(
        ctx,
        () => groupId,
        (metadata) => E.right({ type: 'ArchiveGroup', data: {}, metadata }),
      ),
  };
};

type UpdateData = Extract<CustomerCommand, { type: 'UpdateProfile' }>['data'];
type SetModifiers = Extract<CustomerCommand, { type: 'SetPriceModifiers' }>['data']['modifiers'];

/** The customers facade. */
export type CustomersFacade = ReturnType<typeof customersFacade>;

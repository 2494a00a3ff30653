import * as E from 'fp-ts/Either';
import type { CustomerPolicy } from '../customer/customerPolicy';
import type { CommandContext } from '../customer/facade';
import type { Clock } from '../kernel/clock';
import type { Actor } from '../kernel/envelope';
import { PermissionError, ValidationError } from '../kernel/errors';
import { callerCommandId } from '../kernel/facadeKeys';
import type { EventStore } from '../kernel/eventStore';
import type { CommandError, StateCache } from '../kernel/handleCommand';
import type { IdGenerator } from '../kernel/ids';
import { checkRequest } from '../kernel/facadeRequest';
import type { TenantSecret } from '../processes/reservation/reservationKey';
import { exportCustomerData, type CustomerDataExport } from './customerExport';
import { forgetCustomer, type ForgetOutcome } from './forgetCustomer';
import type { KeyStore } from './keyStore';

/** What the privacy facade needs; `store` must be the `personalDataStore` over the same `keys`. */
export interface PrivacyDeps {
  readonly store: EventStore;
  readonly keys: KeyStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly policyFor: (tenantId: string) => CustomerPolicy;
  readonly tenantSecret: (tenantId: string) => TenantSecret;
  /** The customers facade's state cache: forgetting drops the customer's cached fold from it. */
  readonly cache?: StateCache;
}

/** Who asks for an export, for which shop. */
export interface ExportContext {
  readonly tenantId: string;
  readonly actor: Actor;
}

type Result<A> = Promise<E.Either<CommandError, A>>;

const REFERENCE_MAX = 200;

/** A customer's rights over its personal data: to be forgotten and to get a copy. */
export const privacyFacade = (deps: PrivacyDeps) => ({
  /** Forgets a customer (manager only): its personal fields read `[erased]` from now on; money and orders stay auditable. */
  forget: async (
    ctx: CommandContext,
    customerId: string,
    requestReference: string,
  ): Result<ForgetOutcome> => {
    const tenant = checkRequest(ctx.tenantId, { customerId });
    if (E.isLeft(tenant)) return tenant;
    const reference = requestReference.trim();
    if (reference.length === 0 || reference.length > REFERENCE_MAX)
      return E.left(
        new ValidationError(
          'privacy.request_reference_invalid',
          `Give the reference of the erasure request (1-${REFERENCE_MAX} characters), e.g. the ticket number.`,
          'requestReference',
          requestReference,
        ),
      );
    const tenantId = tenant.right;
    const commandId = ctx.commandId === undefined ? deps.ids.newId() : callerCommandId(ctx.commandId);
    return forgetCustomer(
      {
        store: deps.store,
        keys: deps.keys,
        policy: deps.policyFor(tenantId),
        tenantSecret: deps.tenantSecret(tenantId),
        cache: deps.cache,
      },
      customerId,
      {
        type: 'ForgetCustomer',
        data: { requestReference: reference },
        metadata: {
          tenantId,
          actor: ctx.actor,
          commandId,
          now: deps.clock.now(),
          ...(ctx.correlationId === undefined ? {} : { correlationId: ctx.correlationId }),
        },
      },
    );
  },
  /** Everything the log holds about a customer, as JSON; for a manager, or for the customer itself. */
  exportData: async (ctx: ExportContext, customerId: string): Result<CustomerDataExport> => {
    const tenant = checkRequest(ctx.tenantId, { customerId });
    if (E.isLeft(tenant)) return tenant;
    const { actor } = ctx;
    if (actor.role !== 'manager' && !(actor.role === 'customer' && actor.id === customerId))
      return E.left(
        new PermissionError(
          'privacy.export_not_allowed',
          `A ${actor.role} cannot export a customer's personal data; ask a manager.`,
          { role: actor.role, actorId: actor.id, customerId },
        ),
      );
    return exportCustomerData(deps.store, tenant.right, customerId, deps.clock.now());
  },
});

/** The privacy facade. */
export type PrivacyFacade = ReturnType<typeof privacyFacade>;

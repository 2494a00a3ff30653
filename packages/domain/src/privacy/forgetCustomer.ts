import * as E from 'fp-ts/Either';
import type { ForgetCustomer } from '../customer/customerCommands';
import { customerAggregate } from '../customer/customerDecider';
import type { CustomerPolicy } from '../customer/customerPolicy';
import { DomainError } from '../kernel/errors';
import type { EventStore } from '../kernel/eventStore';
import { dropCachedFold, handleCommand, type CommandError, type StateCache } from '../kernel/handleCommand';
import { identifiersOf, type IdentifierKind } from '../processes/registration/customerIdentifiers';
import { customerStream } from '../processes/registration/customerProcess';
import type { TenantSecret } from '../processes/reservation/reservationKey';
import { readReservation, release, reservationTarget } from '../processes/reservation/reservations';
import { ERASED } from './erased';
import type { KeyStore } from './keyStore';

/** What forgetting a customer needs: the personal-data store, its keys, and the shop's policy and secret. */
export interface ForgetDeps {
  /** The store as `personalDataStore` wraps it, so the customer's identifiers can still be read. */
  readonly store: EventStore;
  readonly keys: KeyStore;
  readonly policy: CustomerPolicy;
  readonly tenantSecret: TenantSecret;
  /** The state cache the customers facade uses, so no fold decoded with the destroyed key outlives it. */
  readonly cache?: StateCache | undefined;
}

/** What forgetting did. */
export interface ForgetOutcome {
  readonly customerId: string;
  /** The reference of the request the customer was forgotten under (the first one, on a repeat). */
  readonly requestReference: string;
  /** The kinds of identifier whose reservation the customer still held and gave up. */
  readonly released: readonly IdentifierKind[];
  /** True when the customer had been forgotten before; any step an interrupted run left was done now. */
  readonly idempotent: boolean;
}

/**
 * Forgets a customer: records `CustomerForgotten` (which also stops every later command), releases
 * the phone, card, tax id and email it holds, then destroys its data key. The order matters: the
 * identifiers can only be read, and their reservation streams found, while the key exists. Running
 * it again, with any command id, finishes what an interrupted run left and changes nothing else.
 */
export const forgetCustomer = async (
  deps: ForgetDeps,
  customerId: string,
  command: ForgetCustomer,
): Promise<E.Either<CommandError, ForgetOutcome>> => {
  const { store, policy } = deps;
  const { tenantId, commandId } = command.metadata;
  const stream = customerStream(tenantId, customerId);
  const aggregate = customerAggregate(policy);
  const written = await handleCommand(store, aggregate, stream, command, { cache: deps.cache });
  if (E.isLeft(written)) return written;
  const { state } = written.right;
  if (!state.exists) return E.left(new DomainError('customer.not_found', 'There is no such customer.', {}));

  const metadata = {
    tenantId,
    actor: command.metadata.actor,
    now: command.metadata.now,
    correlationId: command.metadata.correlationId ?? commandId,
    causationId: commandId,
  };
  const released: IdentifierKind[] = [];
  // Values already erased (a run after the key was destroyed) have no reservation left to find.
  for (const id of identifiersOf(state.profile, policy).filter((i) => !i.value.includes(ERASED))) {
    const target = reservationTarget(deps.tenantSecret, id.kind, tenantId, id.value);
    const held = await readReservation(store, target);
    if (E.isLeft(held)) return held;
    const holder = held.right.state;
    if (holder.status === 'free' || holder.holderId !== customerId) continue;
    const freed = await release(
      store,
      target,
      customerId,
      'removed',
      `${commandId}:forget-${id.kind}`,
      metadata,
    );
    if (E.isLeft(freed)) return freed;
    released.push(id.kind);
  }
  await deps.keys.destroy({ tenantId, subjectId: customerId });
  dropCachedFold(deps.cache, store, aggregate, stream);

  const forgotten = (await store.readStream(stream)).find((e) => e.type === 'CustomerForgotten');
  const reference = (forgotten?.data as { requestReference?: string } | undefined)?.requestReference;
  return E.right({
    customerId,
    requestReference: reference ?? command.data.requestReference,
    released,
    idempotent: written.right.events.length === 0 || written.right.idempotent,
  });
};

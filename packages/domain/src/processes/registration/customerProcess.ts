import * as E from 'fp-ts/Either';
import type { CustomerCommand } from '../../customer/customerCommands';
import { customerAggregate } from '../../customer/customerDecider';
import { customerEvents, type CustomerEvent } from '../../customer/customerEvents';
import type { CustomerPolicy } from '../../customer/customerPolicy';
import { evolveCustomer, initialCustomerState, type CustomerState } from '../../customer/customerState';
import { DomainError, type ErrorDetails } from '../../kernel/errors';
import type { StoredEvent } from '../../kernel/envelope';
import type { EventStore } from '../../kernel/eventStore';
import {
  decodeEvent,
  dropCachedFold,
  handleCommand,
  type CommandError,
  type StateCache,
} from '../../kernel/handleCommand';
import { streamName } from '../../kernel/streamName';
import type { TenantSecret } from '../reservation/reservationKey';
import {
  claim,
  confirm,
  readReservation,
  release,
  reservationTarget,
  type OrphanRule,
  type ReservationTarget,
  type StepMetadata,
} from '../reservation/reservations';
import { identifierLabel, identifiersOf, includesIdentifier, type Identifier } from './customerIdentifiers';

/** What the customer process needs. */
export interface CustomerProcessDeps {
  readonly store: EventStore;
  readonly policy: CustomerPolicy;
  /** The tenant's secret for reservation hashes. */
  readonly tenantSecret: TenantSecret;
  /** Folded customers kept between commands (see `stateCache`). */
  readonly cache?: StateCache | undefined;
}

/** Something the operator should know that did not stop the command (a shared tax id, a registry that did not answer). */
export interface Warning {
  readonly code: string;
  readonly message: string;
  readonly details: ErrorDetails;
}

/** What a customer command produced. */
export interface CustomerOutcome {
  readonly customerId: string;
  readonly state: CustomerState;
  /** The events the command wrote (or wrote the first time, when `idempotent`). */
  readonly events: readonly CustomerEvent[];
  readonly warnings: readonly Warning[];
  /** True when the command had been handled before; its unfinished steps were completed now. */
  readonly idempotent: boolean;
}

/** The stream of one customer. */
export const customerStream = (tenantId: string, customerId: string): string =>
  streamName('customer', tenantId, customerId);

interface History {
  readonly state: CustomerState;
  /** The stream as read, so that the command's own write need not read it again. */
  readonly events: readonly StoredEvent[];
  /** The state before and after this command's events, when an earlier send already wrote them. */
  readonly replay?: { readonly before: CustomerState; readonly after: CustomerState };
}

const readHistory = async (
  store: EventStore,
  stream: string,
  commandId: string,
): Promise<E.Either<CommandError, History>> => {
  let state = initialCustomerState();
  let before: CustomerState | undefined;
  let after: CustomerState | undefined;
  const events = await store.readStream(stream);
  for (const stored of events) {
    const decoded = decodeEvent(customerEvents, stored);
    if (E.isLeft(decoded)) return decoded;
    const mine = stored.metadata.commandId === commandId;
    if (mine && before === undefined) before = state;
    state = evolveCustomer(state, decoded.right.event);
    if (mine) after = state;
  }
  return E.right(
    before !== undefined && after !== undefined
      ? { state, events, replay: { before, after } }
      : { state, events },
  );
};

const idsOf = (state: CustomerState, policy: CustomerPolicy) =>
  state.exists ? identifiersOf(state.profile, policy) : [];

const stepMetadata = (command: CustomerCommand): StepMetadata => ({
  tenantId: command.metadata.tenantId,
  actor: command.metadata.actor,
  now: command.metadata.now,
  correlationId: command.metadata.correlationId ?? command.metadata.commandId,
  causationId: command.metadata.commandId,
});

const shown = (id: Identifier) => (id.kind === 'taxid' ? id.value.replace(':', ' ') : id.value);

/**
 * Runs a customer command with the reservations it needs: registering, changing a phone, card, tax
 * id or email. New values are claimed before the customer stream is written and confirmed after;
 * values given up are released last. If the command is refused or the write fails, the values it
 * claimed are released. Re-sending the same commandId completes whatever an interrupted run left.
 */
export const runCustomerCommand = async (
  deps: CustomerProcessDeps,
  customerId: string,
  command: CustomerCommand,
): Promise<E.Either<CommandError, CustomerOutcome>> => {
  const { store, policy } = deps;
  const { tenantId, commandId } = command.metadata;
  const stream = customerStream(tenantId, customerId);
  const aggregate = customerAggregate(policy);
  const meta = stepMetadata(command);
  // A value is claimed, then confirmed (or released): hash each one once per command, not per step.
  const targets = new Map<string, ReservationTarget>();
  const target = (id: Identifier): ReservationTarget => {
    const name = `${id.kind}\u0000${id.value}`;
    let found = targets.get(name);
    if (found === undefined)
      targets.set(name, (found = reservationTarget(deps.tenantSecret, id.kind, tenantId, id.value)));
    return found;
  };
  const step = (name: string, id: Identifier) => `${commandId}:${name}-${id.kind}`;
  const orphans: OrphanRule = {
    graceMs: policy.orphanGraceMs,
    isOrphan: async (holderId) => (await store.readStream(customerStream(tenantId, holderId))).length === 0,
  };

  const releaseAll = async (ids: readonly Identifier[]) => {
    for (const id of ids)
      await release(store, target(id), customerId, 'abandoned', step('release', id), meta);
  };

  /** Confirms what the customer now has and releases what it gave up; the last steps of every run. */
  const settle = async (
    before: CustomerState,
    after: CustomerState,
    claimed: readonly Identifier[],
  ): Promise<E.Either<CommandError, void>> => {
    const now = idsOf(after, policy);
    for (const id of claimed.filter((c) => !includesIdentifier(now, c))) {
      const released = await release(store, target(id), customerId, 'abandoned', step('release', id), meta);
      if (E.isLeft(released)) return released;
    }
    for (const id of now.filter((n) => includesIdentifier(claimed, n))) {
      const confirmed = await confirm(store, target(id), customerId, step('confirm', id), meta);
      if (E.isLeft(confirmed)) return confirmed;
    }
    for (const id of idsOf(before, policy).filter((b) => !includesIdentifier(now, b))) {
      const reason = now.some((n) => n.kind === id.kind) ? 'replaced' : 'removed';
      const released = await release(store, target(id), customerId, reason, step('release', id), meta);
      if (E.isLeft(released)) return released;
    }
    return E.right(undefined);
  };

  const history = await readHistory(store, stream, commandId);
  if (E.isLeft(history)) return history;
  // A customer forgotten by any instance decodes erased now; a fold cached before would not.
  const { state: current } = history.right;
  if (current.exists && current.status.kind === 'forgotten')
    dropCachedFold(deps.cache, store, aggregate, stream);

  if (history.right.replay !== undefined) {
    const { before, after } = history.right.replay;
    const replayed = await handleCommand(store, aggregate, stream, command, { cache: deps.cache });
    if (E.isLeft(replayed)) return replayed;
    // Only values this customer still has reserved are its to confirm; a shared tax id is not.
    const added = idsOf(after, policy).filter((id) => !includesIdentifier(idsOf(before, policy), id));
    const held: Identifier[] = [];
    for (const id of added) {
      const read = await readReservation(store, target(id));
      if (E.isLeft(read)) return read;
      const { state } = read.right;
      if (state.status !== 'free' && state.holderId === customerId) held.push(id);
    }
    const settled = await settle(before, replayed.right.state, held);
    if (E.isLeft(settled)) return settled;
    return E.right({
      customerId,
      state: replayed.right.state,
      events: replayed.right.events.map((e) => e.event),
      warnings: [],
      idempotent: true,
    });
  }

  const before = history.right.state;
  const dryRun = aggregate.decider.decide(command, before);
  if (E.isLeft(dryRun)) return dryRun;
  const planned = dryRun.right.reduce(evolveCustomer, before);
  const beforeIds = idsOf(before, policy);
  const added = idsOf(planned, policy).filter((id) => !includesIdentifier(beforeIds, id));

  const claimed: Identifier[] = [];
  const warnings: Warning[] = [];
  for (const id of added) {
    const claimedOne = await claim(store, target(id), customerId, orphans, step('reserve', id), meta);
    if (E.isRight(claimedOne)) {
      claimed.push(id);
      continue;
    }
    const error = claimedOne.left;
    if (error.code !== 'reservation.taken') {
      await releaseAll(claimed);
      return claimedOne;
    }
    const holderId = error.details['holderId'];
    const details = { field: id.field, value: shown(id), holderId };
    const message = `The ${identifierLabel(id.kind)} ${shown(id)} already belongs to customer ${String(holderId)}.`;
    if (id.strict) {
      await releaseAll(claimed);
      return E.left(new DomainError(`customer.${id.kind}_taken`, message, details));
    }
    warnings.push({ code: `customer.${id.kind}_shared`, message, details });
  }

  let written;
  try {
    written = await handleCommand(store, aggregate, stream, command, {
      cache: deps.cache,
      known: history.right.events,
    });
  } catch (failure) {
    // The store failed mid-way: give back what was claimed, or leave it for the grace period if that fails too.
    await releaseAll(claimed).catch(() => undefined);
    throw failure;
  }
  if (E.isLeft(written)) {
    await releaseAll(claimed);
    return written;
  }
  const settled = await settle(before, written.right.state, claimed);
  if (E.isLeft(settled)) return settled;
  return E.right({
    customerId,
    state: written.right.state,
    events: written.right.events.map((e) => e.event),
    warnings,
    idempotent: written.right.idempotent,
  });
};

import * as E from 'fp-ts/Either';
import { isDeepStrictEqual } from 'node:util';
import type { CustomerCommand } from '../../customer/customerCommands';
import { customerEvents } from '../../customer/customerEvents';
import { evolveCustomer, initialCustomerState, type CustomerState } from '../../customer/customerState';
import type { CommandMetadata, DecisionError } from '../../kernel/decider';
import type { Actor } from '../../kernel/envelope';
import { DomainError } from '../../kernel/errors';
import { decodeEvent, handleCommand, type CommandError } from '../../kernel/handleCommand';
import { streamName } from '../../kernel/streamName';
import { transferInFrom } from '../../wallet/decideTransfer';
import type { WalletCommand } from '../../wallet/walletCommands';
import { handleWalletCommand } from '../../wallet/walletStream';
import { handleOrderCommand } from '../orderPayment/orderPayment';
import type { Identifier } from '../registration/customerIdentifiers';
import { customerStream, runCustomerCommand } from '../registration/customerProcess';
import { reservationAggregate } from '../reservation/reservationDecider';
import { readReservation, release } from '../reservation/reservations';
import { readCustomerSnapshot } from './customerResolution';
import { ordersOfCustomer } from './customerOrders';
import { abandonedRefusal, abandonedStep } from './mergeAbandonment';
import { mergeAggregate } from './mergeDecider';
import type { IdentifierRef, MergedOrder, MergeEvent, MergeWalletMoved } from './mergeEvents';
import type { FieldChoices } from './mergeFields';
import { identifierKey, inspectMerge, type MergeProcessDeps } from './mergeInspection';
import { mergeLockAggregate, mergeLockStream, type MergeLockCommand } from './mergeLock';
import { planMerge, type MergeBlocker } from './mergePlan';
import { mayMerge } from './mergePolicy';
import { evolveMergeRecord, initialMergeRecord, type MergeRecord } from './mergeRecord';
import { sourceClosingAggregate } from './sourceClosing';

/** A merge as the operator asks for it; `mergeId` names its stream and derives every step's command id. */
export interface MergeStart {
  readonly tenantId: string;
  readonly mergeId: string;
  readonly sourceCustomerId: string;
  readonly targetCustomerId: string;
  readonly choices: FieldChoices;
  readonly reason?: string;
  readonly actor: Actor;
}

/** What a merge run ends with: the record as its stream tells it. */
export type MergeResult = Promise<E.Either<CommandError, MergeRecord>>;

/** The stream of one merge: `merge-{tenantId}.{mergeId}`. */
export const mergeStream = (tenantId: string, mergeId: string): string =>
  streamName('merge', tenantId, mergeId);

/** Reads and folds a merge's record (an unknown merge reads as status 'none'). */
export const readMergeRecord = async (
  deps: Pick<MergeProcessDeps, 'store'>,
  tenantId: string,
  mergeId: string,
): Promise<E.Either<CommandError, MergeRecord>> => {
  let record = initialMergeRecord();
  for (const stored of await deps.store.readStream(mergeStream(tenantId, mergeId))) {
    const decoded = decodeEvent(mergeAggregate.events, stored);
    if (E.isLeft(decoded)) return decoded;
    record = evolveMergeRecord(record, decoded.right.event);
  }
  return E.right(record);
};

const isDecisionError = (error: CommandError): error is DecisionError =>
  error.kind === 'domain' || error.kind === 'validation' || error.kind === 'permission';

/** The first blocker as the refusal, with all of them in its details. */
export const blockedBy = (blockers: readonly MergeBlocker[]): DomainError => {
  const [first] = blockers;
  return new DomainError(first?.code ?? 'merge.blocked', first?.message ?? 'The merge is blocked.', {
    ...first?.details,
    blockers,
  });
};

/** A running merge: its ids and how each step's commands are stamped. */
interface Run {
  readonly deps: MergeProcessDeps;
  readonly tenantId: string;
  readonly mergeId: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly choices: FieldChoices;
  readonly actor: Actor;
}

// Steps in other contexts act as the merge itself: the operator is in the merge record, and the
// correlation id (the merge id) ties every step to it. Wallet transfers are the system's alone.
const stepMeta = (run: Run, step: string): CommandMetadata => ({
  commandId: `${run.mergeId}:${step}`,
  tenantId: run.tenantId,
  actor: { role: 'system', id: `merge:${run.mergeId}` },
  now: run.deps.now(),
  correlationId: run.mergeId,
  causationId: `${run.mergeId}:request`,
});

const record = (run: Run, step: MergeEvent) =>
  handleCommand(
    run.deps.store,
    mergeAggregate,
    mergeStream(run.tenantId, run.mergeId),
    {
      type: 'RecordMergeStep',
      data: { step },
      metadata: { ...stepMeta(run, step.type), actor: run.actor },
    },
    { cache: run.deps.cache },
  );

const setLock = async (run: Run, customerId: string, take: boolean, outcome: 'completed' | 'abandoned') => {
  const side = customerId === run.sourceId ? ('source' as const) : ('target' as const);
  const command: MergeLockCommand = take
    ? {
        type: 'TakeMergeLock',
        data: { customerId, mergeId: run.mergeId, side },
        metadata: stepMeta(run, `lock:${customerId}`),
      }
    : {
        type: 'ReleaseMergeLock',
        data: { customerId, mergeId: run.mergeId, outcome },
        metadata: stepMeta(run, `unlock:${customerId}`),
      };
  return handleCommand(
    run.deps.store,
    mergeLockAggregate,
    mergeLockStream(run.tenantId, customerId),
    command,
    { cache: run.deps.cache },
  );
};

const unlockAll = async (run: Run, outcome: 'completed' | 'abandoned') => {
  for (const id of [run.sourceId, run.targetId]) {
    const done = await setLock(run, id, false, outcome);
    if (E.isLeft(done)) return done;
  }
  return E.right(undefined);
};

/** Before the point of no return: record why, give the customers back, and report the refusal. */
const abandon = async (run: Run, why: DecisionError): Promise<E.Either<CommandError, never>> => {
  const written = await record(run, abandonedStep(why));
  if (E.isLeft(written)) return E.left(written.left);
  const unlocked = await unlockAll(run, 'abandoned');
  return E.left(E.isLeft(unlocked) ? unlocked.left : why);
};

const closedByThisMerge = async (run: Run): Promise<boolean> =>
  (await run.deps.store.readStream(customerStream(run.tenantId, run.sourceId))).some(
    (e) => e.metadata.commandId === `${run.mergeId}:close-source`,
  );

/** Locks both customers (in id order, so two merges over the same pair cannot both get one), checks again, and closes the source. */
const passPointOfNoReturn = async (run: Run): Promise<E.Either<CommandError, void>> => {
  if (!(await closedByThisMerge(run))) {
    for (const id of [run.sourceId, run.targetId].sort()) {
      const locked = await setLock(run, id, true, 'abandoned');
      if (E.isLeft(locked)) return isDecisionError(locked.left) ? abandon(run, locked.left) : locked;
    }
    const input = {
      tenantId: run.tenantId,
      sourceCustomerId: run.sourceId,
      targetCustomerId: run.targetId,
      choices: run.choices,
    };
    const inspected = await inspectMerge(run.deps, input, run.mergeId);
    if (E.isLeft(inspected)) return inspected;
    if (inspected.right.blockers.length > 0) return abandon(run, blockedBy(inspected.right.blockers));
    const closed = await handleCommand(
      run.deps.store,
      sourceClosingAggregate,
      customerStream(run.tenantId, run.sourceId),
      {
        type: 'CloseMergedCustomer',
        data: { customerId: run.sourceId, survivorId: run.targetId, mergeId: run.mergeId },
        metadata: stepMeta(run, 'close-source'),
      },
      { cache: run.deps.cache },
    );
    if (E.isLeft(closed)) return isDecisionError(closed.left) ? abandon(run, closed.left) : closed;
  }
  const written = await record(run, {
    type: 'MergeSourceClosed',
    data: { sourceCustomerId: run.sourceId, survivorId: run.targetId },
  });
  return E.map(() => undefined)(written);
};

/**
 * Re-points every order of the source at the target, in any state, before the wallet moves: the
 * order process first finishes any wallet effect an order still owes the source's wallet (which is
 * still open), and the wallet transfer then carries the orders' payments, points and debts.
 */
const moveOrders = async (run: Run): Promise<E.Either<CommandError, readonly MergedOrder[]>> => {
  const moveStep = (orderId: string) => `order:${orderId}`;
  const found = await ordersOfCustomer(
    run.deps.store,
    run.tenantId,
    run.sourceId,
    (id) => `${run.mergeId}:${moveStep(id)}`,
  );
  if (E.isLeft(found)) return found;
  const orderDeps = { store: run.deps.store, walletPolicy: run.deps.policy.wallet, cache: run.deps.cache };
  const out: MergedOrder[] = [];
  for (const { order, lifecycle } of found.right) {
    if (order.customerId === run.sourceId && lifecycle === 'payment_pending')
      return E.left(
        new DomainError(
          'merge.order_payment_pending',
          `Order ${order.orderId} is being paid right now; the merge goes on once the payment is finished.`,
          { orderId: order.orderId, mergeId: run.mergeId },
        ),
      );
    const moved = await handleOrderCommand(orderDeps, {
      type: 'MoveMergedOrder',
      data: { orderId: order.orderId, customerId: run.targetId, mergeId: run.mergeId },
      metadata: stepMeta(run, moveStep(order.orderId)),
    });
    if (E.isLeft(moved)) return moved;
    const event = moved.right.events.find((e) => e.type === 'OrderMovedByMerge');
    out.push({
      orderId: order.orderId,
      lifecycle,
      moved: true,
      debtMoved: event?.type === 'OrderMovedByMerge' ? event.data.debt : 0,
    });
  }
  return E.right(out);
};

// A wallet under a burst of top-ups may conflict many times; the transfer must get through.
const TRANSFER_ATTEMPTS = 1000;

const moveWallet = async (run: Run): Promise<E.Either<CommandError, MergeWalletMoved['data']>> => {
  const { store, policy } = run.deps;
  const wallet = (command: WalletCommand) =>
    handleWalletCommand(store, policy.wallet, command, {
      maxAttempts: TRANSFER_ATTEMPTS,
      cache: run.deps.cache,
    });
  const out = await wallet({
    type: 'TransferOut',
    data: { customerId: run.sourceId, mergeId: run.mergeId, toCustomerId: run.targetId },
    metadata: stepMeta(run, 'wallet-out'),
  });
  if (E.isLeft(out)) return out;
  const incoming = transferInFrom(
    run.sourceId,
    run.targetId,
    run.mergeId,
    policy.wallet.currency,
    out.right.events,
  );
  const into = await wallet({ type: 'TransferIn', data: incoming, metadata: stepMeta(run, 'wallet-in') });
  if (E.isLeft(into)) return into;
  const moved: { -readonly [K in keyof MergeWalletMoved['data']]: MergeWalletMoved['data'][K] } = {
    currency: incoming.currency,
    money: 0,
    points: 0,
    lots: [],
    pointsExpired: 0,
    debt: 0,
    debtOrders: [],
  };
  for (const { event } of out.right.events) {
    if (event.type === 'WalletMoneyTransferredOut') moved.money = event.data.amount;
    if (event.type === 'PointsTransferredOut') moved.points = event.data.points;
    if (event.type === 'PointsExpired') moved.pointsExpired = event.data.points;
    if (event.type === 'DebtTransferredOut') {
      moved.debt = event.data.amount;
      moved.debtOrders = event.data.orders;
    }
  }
  for (const { event } of into.right.events)
    if (event.type === 'PointsTransferredIn')
      moved.lots = event.data.lots.map((l) => ({
        fromLotId: l.transferredFrom?.lotId ?? l.lotId,
        lotId: l.lotId,
        points: l.remaining,
        source: l.source,
      }));
  return E.right(moved);
};

/** The target as it was before this merge first touched it, so a resumed run plans exactly the same changes. */
const targetBeforeMerge = async (run: Run): Promise<E.Either<CommandError, CustomerState>> => {
  let state = initialCustomerState();
  for (const stored of await run.deps.store.readStream(customerStream(run.tenantId, run.targetId))) {
    if (stored.metadata.commandId.startsWith(`${run.mergeId}:`)) break;
    const decoded = decodeEvent(customerEvents, stored);
    if (E.isLeft(decoded)) return decoded;
    state = evolveCustomer(state, decoded.right.event);
  }
  return E.right(state);
};

const settleIdentifiers = async (
  run: Run,
): Promise<E.Either<CommandError, { readonly identifiers: MergeEvent; readonly survivor: MergeEvent }>> => {
  const { store, policy, tenantSecret } = run.deps;
  const source = await readCustomerSnapshot(store, run.tenantId, run.sourceId);
  if (E.isLeft(source)) return source;
  const target = await targetBeforeMerge(run);
  if (E.isLeft(target)) return target;
  const s = source.right.state;
  const t = target.right;
  if (!s.exists || !t.exists)
    return E.left(
      new DomainError('merge.customer_missing', 'A customer of this merge no longer exists.', {}),
    );
  const plan = planMerge(s.profile, t.profile, run.choices, policy.customer);
  const key = (id: Identifier) => identifierKey(tenantSecret, run.tenantId, id);

  for (const id of plan.kept) {
    const read = await readReservation(store, key(id));
    if (E.isLeft(read)) return read;
    const held = read.right.state;
    if (held.status !== 'free' && held.holderId !== run.sourceId) continue;
    const handed = await handleCommand(
      store,
      reservationAggregate,
      streamName(`unique-${id.kind}`, run.tenantId, key(id).key),
      {
        type: 'HandOverReservation',
        data: { kind: id.kind, fromHolderId: run.sourceId, toHolderId: run.targetId },
        metadata: stepMeta(run, `handover:${id.kind}`),
      },
      { cache: run.deps.cache },
    );
    if (E.isLeft(handed)) return handed;
  }

  const customerDeps = { store, policy: policy.customer, tenantSecret, cache: run.deps.cache };
  for (const change of plan.changes) {
    const command = {
      type: change.type,
      data: change.data,
      metadata: stepMeta(run, `survivor:${change.step}`),
    } as CustomerCommand;
    const done = await runCustomerCommand(customerDeps, run.targetId, command);
    if (E.isLeft(done)) return done;
  }

  for (const id of plan.releasedFromSource) {
    const meta = stepMeta(run, `release:${id.kind}`);
    const released = await release(store, key(id), run.sourceId, 'removed', meta.commandId, meta);
    if (E.isLeft(released)) return released;
  }

  const ref = (id: Identifier): IdentifierRef => ({ kind: id.kind, key: key(id).key });
  return E.right({
    identifiers: {
      type: 'MergeIdentifiersSettled',
      data: {
        kept: plan.kept.map(ref),
        released: [
          ...plan.releasedFromSource.map((id) => ({ ...ref(id), holderId: run.sourceId })),
          ...plan.releasedFromTarget.map((id) => ({ ...ref(id), holderId: run.targetId })),
        ],
      },
    },
    survivor: { type: 'MergeSurvivorUpdated', data: { changes: plan.changes.map((c) => c.step) } },
  });
};

/** After the point of no return: every remaining step, in order, each skipped when already recorded. */
const goForward = async (run: Run, start: MergeRecord): MergeResult => {
  let current = start;
  const write = async (step: MergeEvent): Promise<E.Either<CommandError, void>> => {
    const written = await record(run, step);
    if (E.isLeft(written)) return written;
    current = written.right.state;
    return E.right(undefined);
  };
  if (current.orders === undefined) {
    const orders = await moveOrders(run);
    if (E.isLeft(orders)) return orders;
    const written = await write({ type: 'MergeOrdersMoved', data: { orders: orders.right } });
    if (E.isLeft(written)) return written;
  }
  if (current.wallet === undefined) {
    const wallet = await moveWallet(run);
    if (E.isLeft(wallet)) return wallet;
    const written = await write({ type: 'MergeWalletMoved', data: wallet.right });
    if (E.isLeft(written)) return written;
  }
  if (current.identifiers === undefined || current.survivorChanges === undefined) {
    const settled = await settleIdentifiers(run);
    if (E.isLeft(settled)) return settled;
    for (const step of [settled.right.identifiers, settled.right.survivor]) {
      const written = await write(step);
      if (E.isLeft(written)) return written;
    }
  }
  if (current.status !== 'completed') {
    const written = await write({
      type: 'MergeCompleted',
      data: {
        sourceCustomerId: run.sourceId,
        survivorId: run.targetId,
        completedAt: run.deps.now().toISOString(),
      },
    });
    if (E.isLeft(written)) return written;
  }
  const unlocked = await unlockAll(run, 'completed');
  return E.isLeft(unlocked) ? unlocked : E.right(current);
};

/** Runs (or resumes) a recorded merge from wherever its stream says it is. */
const continueMerge = async (
  deps: MergeProcessDeps,
  tenantId: string,
  mergeId: string,
  actor: Actor,
): MergeResult => {
  const read = await readMergeRecord(deps, tenantId, mergeId);
  if (E.isLeft(read)) return read;
  const { request } = read.right;
  if (request === undefined)
    return E.left(new DomainError('merge.not_found', `There is no merge ${mergeId}.`, { mergeId }));
  const run: Run = {
    deps,
    tenantId,
    mergeId,
    sourceId: request.sourceCustomerId,
    targetId: request.targetCustomerId,
    choices: request.choices,
    actor,
  };
  switch (read.right.status) {
    case 'abandoned':
      return E.left(abandonedRefusal(mergeId, read.right.abandoned));
    case 'requested': {
      const passed = await passPointOfNoReturn(run);
      if (E.isLeft(passed)) return passed;
      const after = await readMergeRecord(deps, tenantId, mergeId);
      return E.isLeft(after) ? after : goForward(run, after.right);
    }
    default:
      return goForward(run, read.right);
  }
};

/**
 * Merges the source customer into the target: checks, records the request, locks both customers,
 * closes the source (the point of no return), then moves orders, wallet and identifiers and updates
 * the survivor. Sent again with the same merge id it resumes where a crash left it; before the
 * point of no return a refusal undoes the locks, after it the merge only goes forward.
 */
export const runMerge = async (deps: MergeProcessDeps, start: MergeStart): MergeResult => {
  const allowed = mayMerge(deps.policy, start.actor);
  if (E.isLeft(allowed)) return allowed;
  const existing = await readMergeRecord(deps, start.tenantId, start.mergeId);
  if (E.isLeft(existing)) return existing;
  const asked = existing.right.request;
  if (asked === undefined) {
    const inspected = await inspectMerge(deps, start, start.mergeId);
    if (E.isLeft(inspected)) return inspected;
    if (inspected.right.blockers.length > 0) return E.left(blockedBy(inspected.right.blockers));
    const run: Run = {
      deps,
      tenantId: start.tenantId,
      mergeId: start.mergeId,
      sourceId: start.sourceCustomerId,
      targetId: start.targetCustomerId,
      choices: start.choices,
      actor: start.actor,
    };
    const requested = await record(run, {
      type: 'MergeRequested',
      data: {
        mergeId: start.mergeId,
        sourceCustomerId: start.sourceCustomerId,
        targetCustomerId: start.targetCustomerId,
        choices: start.choices,
        ...(start.reason === undefined ? {} : { reason: start.reason }),
        requestedBy: start.actor,
        requestedAt: deps.now().toISOString(),
      },
    });
    if (E.isLeft(requested)) return requested;
  } else if (
    asked.sourceCustomerId !== start.sourceCustomerId ||
    asked.targetCustomerId !== start.targetCustomerId ||
    !isDeepStrictEqual(asked.choices, start.choices)
  )
    return E.left(
      new DomainError(
        'merge.id_conflict',
        `Merge ${start.mergeId} was asked for other customers or choices; use a new merge id.`,
        {
          mergeId: start.mergeId,
        },
      ),
    );
  return continueMerge(deps, start.tenantId, start.mergeId, start.actor);
};

/** Resumes a merge by its id alone, e.g. after a crash or once a payment that held it up has finished. */
export const resumeMerge = async (
  deps: MergeProcessDeps,
  tenantId: string,
  mergeId: string,
  actor: Actor,
): MergeResult => {
  const allowed = mayMerge(deps.policy, actor);
  return E.isLeft(allowed) ? allowed : continueMerge(deps, tenantId, mergeId, actor);
};

import * as E from 'fp-ts/Either';
import type { Command, CommandMetadata, DecisionError } from '../../kernel/decider';
import { DomainError } from '../../kernel/errors';
import type { EventStore } from '../../kernel/eventStore';
import type { StoredEvent } from '../../kernel/envelope';
import {
  handleCommand,
  type CommandError,
  type CommandResult,
  type StateCache,
} from '../../kernel/handleCommand';
import type { OrderCommand, PayOrder } from '../../order/orderCommands';
import type { OrderEvent, OrderPaymentStarted, PaymentMethod } from '../../order/orderEvents';
import type { OrderState } from '../../order/orderState';
import {
  orderAggregate,
  orderStreamName,
  readOrder,
  type OrderHistory,
  type OrderRead,
} from '../../order/orderStream';
import { pointsEarnedFor } from '../../wallet/earningRule';
import type { WalletCommand } from '../../wallet/walletCommands';
import { walletDecider } from '../../wallet/walletDecider';
import type { WalletPolicy } from '../../wallet/walletPolicy';
import type { WalletState } from '../../wallet/walletState';
import { handleWalletCommand, readWallet, walletStreamName } from '../../wallet/walletStream';
import { linkFirst, settleLinks } from './orderLinks';
import { MAX_MERGE_HOPS, readdressed, survivorOf } from './walletRedirect';
import { effectsOf, paymentKey, paymentReverts, paymentSteps, type WalletStep } from './walletSteps';

/** What the order process needs: the store, the shop's wallet rules and, optionally, a state cache. */
export interface OrderProcessDeps {
  readonly store: EventStore;
  readonly walletPolicy: WalletPolicy;
  /** Folded orders, wallets and order indexes kept between commands (see `stateCache`). */
  readonly cache?: StateCache | undefined;
}

/** What an order command did: the order events it wrote (or wrote when first sent) and the order after everything it caused. */
export interface OrderOutcome {
  readonly events: readonly OrderEvent[];
  readonly state: OrderState;
  readonly idempotent: boolean;
}

/** Pay an order's invoice; the points it earns are computed from the shop's rule, not sent. */
export type PayOrderRequest = Command<
  'PayOrder',
  { readonly orderId: string; readonly method: PaymentMethod }
>;

type Outcome<A> = Promise<E.Either<CommandError, A>>;

// A refusal by a rule (the wallet said no), as opposed to a store conflict or a bad stored event.
const isDecisionError = (error: CommandError): error is DecisionError =>
  error.kind === 'domain' || error.kind === 'validation' || error.kind === 'permission';

// Each wallet step is its own command, keyed for idempotency, caused by the order command. The
// order process is its actor (`system`, `order-process`): the wallet's order-bound movements (debt,
// refunds, reversals) are the process's alone, and the causation id leads to the person who acted.
const stepCommand = (step: WalletStep, meta: CommandMetadata): WalletCommand =>
  ({
    type: step.type,
    data: step.data,
    metadata: {
      ...meta,
      actor: { role: 'system', id: 'order-process' },
      commandId: step.key,
      correlationId: meta.correlationId ?? meta.commandId,
      causationId: meta.commandId,
    },
  }) as WalletCommand;

// A step whose wallet was merged away goes, under the same key, to the wallet that took it over:
// the merge moved that wallet's money, points, debts and order claims there.
const runStep = async (deps: OrderProcessDeps, meta: CommandMetadata, step: WalletStep): Outcome<void> => {
  let current = step;
  for (let hop = 0; ; hop++) {
    const done = await handleWalletCommand(deps.store, deps.walletPolicy, stepCommand(current, meta), {
      cache: deps.cache,
    });
    if (E.isRight(done)) return E.right(undefined);
    const survivor = survivorOf(done.left);
    if (survivor === undefined || hop >= MAX_MERGE_HOPS) return done;
    current = readdressed(current, survivor);
  }
};

const runSteps = async (
  deps: OrderProcessDeps,
  meta: CommandMetadata,
  steps: readonly WalletStep[],
): Outcome<void> => {
  for (const step of steps) {
    const done = await runStep(deps, meta, step);
    if (E.isLeft(done)) return done;
  }
  return E.right(undefined);
};

/** True when the step was written, on its wallet or on a wallet that wallet was merged into. */
const walletHas = async (store: EventStore, tenantId: string, step: WalletStep): Promise<boolean> => {
  let customerId = step.data.customerId;
  for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
    const events = await store.readStream(walletStreamName(tenantId, customerId));
    if (events.some((e) => e.metadata.commandId === step.key)) return true;
    const last = events[events.length - 1];
    const survivor =
      last?.type === 'WalletMergedInto'
        ? (last.data as { survivorCustomerId?: unknown }).survivorCustomerId
        : undefined;
    if (typeof survivor !== 'string') return false;
    customerId = survivor;
  }
  return false;
};

const stepsOf = (event: OrderEvent, policy: WalletPolicy): readonly WalletStep[] =>
  event.type === 'OrderPaymentStarted' ? paymentSteps(event.data) : effectsOf(event, policy.earning.ruleId);

/** Applies, in stream order, every wallet effect the order's events call for; done ones are skipped by key. */
const applyEffects = async (deps: OrderProcessDeps, meta: CommandMetadata, history: OrderHistory) => {
  for (const { event } of history.events) {
    const done = await runSteps(deps, meta, effectsOf(event, deps.walletPolicy.earning.ruleId));
    if (E.isLeft(done)) return done;
  }
  return E.right(undefined);
};

// `known`: the order's stream as just read, so the command need not read it again.
const orderCommand = (deps: OrderProcessDeps, command: OrderCommand, known?: readonly StoredEvent[]) =>
  handleCommand(
    deps.store,
    orderAggregate,
    orderStreamName(command.metadata.tenantId, command.data.orderId),
    command,
    { cache: deps.cache, known },
  );

/**
 * Finishes a started payment: takes every step from the wallet, then marks the order paid. If the
 * wallet refuses a step, what was taken goes back and the payment is marked failed. Once any
 * give-back was written the payment can only fail, so a retry never pays with points already returned.
 */
const finishPayment = async (
  deps: OrderProcessDeps,
  meta: CommandMetadata,
  p: OrderPaymentStarted['data'],
): Outcome<E.Either<DecisionError, CommandResult<OrderEvent, OrderState>>> => {
  const reverts = paymentReverts(p);
  const reverting = (await Promise.all(reverts.map((r) => walletHas(deps.store, meta.tenantId, r)))).some(
    Boolean,
  );
  const taken = reverting
    ? E.left(
        new DomainError('order.payment.reverted', `Payment ${p.paymentNumber} was being given back.`, {
          orderId: p.orderId,
          paymentNumber: p.paymentNumber,
        }),
      )
    : await runSteps(deps, meta, paymentSteps(p));
  const key = (step: string) => paymentKey(p.orderId, p.paymentNumber, step);
  if (E.isRight(taken)) {
    const paid = await orderCommand(deps, {
      type: 'ConfirmOrderPayment',
      data: { orderId: p.orderId, paymentNumber: p.paymentNumber },
      metadata: { ...meta, commandId: key('confirm'), causationId: meta.commandId },
    });
    return E.map((r: CommandResult<OrderEvent, OrderState>) => E.right(r))(paid);
  }
  const refusal = taken.left;
  if (!isDecisionError(refusal)) return E.left(refusal);
  // Only what was really taken is given back: a refund of a debit that never happened would create money.
  const takenSteps = paymentSteps(p);
  const happened = await Promise.all(takenSteps.map((s) => walletHas(deps.store, meta.tenantId, s)));
  const giveBack = reverts.filter((r) =>
    takenSteps.some((s, i) => happened[i] && s.type === (r.type === 'Refund' ? 'Spend' : 'RedeemPoints')),
  );
  const returned = await runSteps(deps, meta, giveBack);
  if (E.isLeft(returned)) return returned;
  const failed = await orderCommand(deps, {
    type: 'FailOrderPayment',
    data: { orderId: p.orderId, paymentNumber: p.paymentNumber, code: refusal.code, reason: refusal.message },
    metadata: { ...meta, commandId: key('fail'), causationId: meta.commandId },
  });
  return E.map(() => E.left(refusal))(failed);
};

/**
 * Completes whatever an order still owes its wallets: effects of written events, then a payment
 * left under way by a crash. Safe to run any number of times.
 */
export const resumeOrder = async (
  deps: OrderProcessDeps,
  meta: CommandMetadata,
  orderId: string,
): Outcome<OrderRead> => {
  const first = await readOrder(deps.store, meta.tenantId, orderId);
  if (E.isLeft(first)) return first;
  return resumeFrom(deps, meta, orderId, first.right);
};

/** What `resumeOrder` does once it has the order's history. */
const resumeFrom = async <H extends OrderHistory>(
  deps: OrderProcessDeps,
  meta: CommandMetadata,
  orderId: string,
  history: H,
): Outcome<H | OrderRead> => {
  const linked = await settleLinks(deps, meta, history);
  if (E.isLeft(linked)) return linked;
  const effects = await applyEffects(deps, meta, history);
  if (E.isLeft(effects)) return effects;
  const state = history.state;
  if (state.status === 'absent' || state.pendingPayment === undefined) return E.right(history);
  const finished = await finishPayment(deps, meta, state.pendingPayment);
  if (E.isLeft(finished)) return finished;
  const after = await readOrder(deps.store, meta.tenantId, orderId);
  if (E.isLeft(after)) return after;
  const earned = await applyEffects(deps, meta, after.right);
  return E.isLeft(earned) ? earned : after;
};

/**
 * Resumes the order as its commands left it: the history read before them and the events they
 * wrote, when each append came right after the one before and the first right after that read;
 * otherwise (someone else wrote to the order too, or a command had been handled before) the order
 * is read again.
 */
const resumeAfter = (
  deps: OrderProcessDeps,
  meta: CommandMetadata,
  orderId: string,
  before: OrderHistory,
  done: readonly CommandResult<OrderEvent, OrderState>[],
): Outcome<OrderHistory> => {
  let events = before.events;
  let at = before.revision === 'no_stream' ? -1n : before.revision;
  for (const result of done) {
    const to = result.revision === 'no_stream' ? -1n : result.revision;
    if (result.idempotent || to !== at + BigInt(result.events.length))
      return resumeOrder(deps, meta, orderId);
    if (result.events.length > 0)
      events = [
        ...events,
        ...result.events.map((e) => ({ event: e.event, commandId: e.metadata.commandId })),
      ];
    at = to;
  }
  const last = done[done.length - 1];
  return last === undefined
    ? resumeFrom(deps, meta, orderId, before)
    : resumeFrom(deps, meta, orderId, { events, state: last.state, revision: last.revision });
};

// Tries the wallet steps an order command would cause against the wallets as they are, so a
// refusal (insufficient funds, credit limit) comes back before anything is written.
const dryRun = async (
  deps: OrderProcessDeps,
  meta: CommandMetadata,
  command: OrderCommand,
  state: OrderState,
): Outcome<void> => {
  const decided = orderAggregate.decider.decide(command, state);
  if (E.isLeft(decided)) return decided;
  const decider = walletDecider(deps.walletPolicy);
  const wallets = new Map<string, WalletState>();
  for (const planned of decided.right.flatMap((e) => stepsOf(e, deps.walletPolicy))) {
    let step = planned;
    for (let hop = 0; ; hop++) {
      const id = step.data.customerId;
      let wallet = wallets.get(id);
      if (wallet === undefined) {
        const read = await readWallet(deps.store, meta.tenantId, id, deps.cache);
        if (E.isLeft(read)) return read;
        wallet = read.right;
      }
      const events = decider.decide(stepCommand(step, meta), wallet);
      if (E.isRight(events)) {
        wallets.set(id, events.right.reduce(decider.evolve, wallet));
        break;
      }
      const survivor = survivorOf(events.left);
      if (survivor === undefined || hop >= MAX_MERGE_HOPS) return events;
      step = readdressed(step, survivor);
    }
  }
  return E.right(undefined);
};

const sentBefore = (history: OrderHistory, commandId: string) =>
  history.events.filter((e) => e.commandId === commandId).map((e) => e.event);

/**
 * Handles an order command and the wallet movements it causes (debt on completion, refunds on
 * void, debt moves on change of customer). Re-sending the same command completes what a crash left.
 */
export const handleOrderCommand = async (
  deps: OrderProcessDeps,
  command: Exclude<OrderCommand, PayOrder>,
): Outcome<OrderOutcome> => {
  const before = await resumeOrder(deps, command.metadata, command.data.orderId);
  if (E.isLeft(before)) return before;
  if (sentBefore(before.right, command.metadata.commandId).length === 0) {
    const checked = await dryRun(deps, command.metadata, command, before.right.state);
    if (E.isLeft(checked)) return checked;
    const linked = await linkFirst(deps, command);
    if (E.isLeft(linked)) return linked;
  }
  const done = await orderCommand(deps, command, before.right.stored);
  if (E.isLeft(done)) return done;
  const after = await resumeAfter(deps, command.metadata, command.data.orderId, before.right, [done.right]);
  return E.map((h: OrderHistory) => ({
    events: done.right.events.map((e) => e.event),
    state: h.state,
    idempotent: done.right.idempotent,
  }))(after);
};

/**
 * Pays an order: starts payment n on the order, takes points and deposit money from the wallet
 * under keys `order:<id>:payment:<n>:…`, marks the order paid, then grants the points it earns.
 * A refusal by the wallet leaves nothing taken. Re-sending the same command resumes after a crash.
 */
export const payOrder = async (deps: OrderProcessDeps, request: PayOrderRequest): Outcome<OrderOutcome> => {
  const meta = request.metadata;
  const before = await resumeOrder(deps, meta, request.data.orderId);
  if (E.isLeft(before)) return before;
  const state = before.right.state;
  const earlier = sentBefore(before.right, meta.commandId).find((e) => e.type === 'OrderPaymentStarted');
  const moneyDue = state.status === 'absent' ? 0 : (state.invoice?.moneyDue ?? 0);
  const command: PayOrder = {
    type: 'PayOrder',
    data: {
      ...request.data,
      pointsToEarn:
        earlier?.type === 'OrderPaymentStarted'
          ? earlier.data.pointsToEarn
          : pointsEarnedFor(deps.walletPolicy, { paidWithMoney: moneyDue }),
    },
    metadata: meta,
  };
  if (earlier === undefined) {
    const checked = await dryRun(deps, meta, command, state);
    if (E.isLeft(checked)) return checked;
  }
  const started = await orderCommand(deps, command, before.right.stored);
  if (E.isLeft(started)) return started;
  const payment = started.right.events.find((e) => e.event.type === 'OrderPaymentStarted')?.event;
  const n = payment?.type === 'OrderPaymentStarted' ? payment.data.paymentNumber : 0;
  const pending = started.right.state;
  const written = [started.right];
  if (pending.status !== 'absent' && pending.pendingPayment?.paymentNumber === n) {
    const finished = await finishPayment(deps, meta, pending.pendingPayment);
    if (E.isLeft(finished)) return finished;
    if (E.isLeft(finished.right)) return finished.right;
    written.push(finished.right.right);
  }
  const after = await resumeAfter(deps, meta, request.data.orderId, before.right, written);
  if (E.isLeft(after)) return after;
  const failure = after.right.events
    .map((e) => e.event)
    .find((e) => e.type === 'OrderPaymentFailed' && e.data.paymentNumber === n);
  if (failure?.type === 'OrderPaymentFailed')
    return E.left(
      new DomainError(failure.data.code, failure.data.reason, {
        orderId: request.data.orderId,
        paymentNumber: n,
      }),
    );
  return E.right({
    events: started.right.events.map((e) => e.event),
    state: after.right.state,
    idempotent: started.right.idempotent,
  });
};

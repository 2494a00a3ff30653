import {
  appended,
  effectsOf,
  joined,
  paymentReverts,
  paymentSteps,
  type OrderEvent,
  type OrderPaymentStarted,
  type OrderVoided,
  type WalletStep,
} from '@tillstream/domain';
import type { EventRef } from './eventRef';
import type { OrderMovement, OrderMovementType } from './walletOrderMovement';

/** A wallet movement an order's own events call for, under the key the order process writes it with. */
export interface ExpectedMovement extends OrderMovement {
  readonly key: string;
  /** The wallet it is addressed to; a wallet this one was merged into takes it over. */
  readonly customerId: string;
  /** The order event that calls for it. */
  readonly cause: EventRef;
  /** What happened to the order, in words ("Order o1 was voided"). */
  readonly why: string;
  /** `optional`: a payment still under way or failed may or may not have taken it. */
  readonly need: 'required' | 'optional';
}

/** What gives back a failed payment's step: owed exactly when that step was taken. */
export interface ExpectedRevert extends Omit<ExpectedMovement, 'amount' | 'need'> {
  /** Keys of the payment's steps it gives back; its amount is what they took. */
  readonly givesBack: readonly string[];
  /** The payment failed (rather than being still under way), so the give-back must be there. */
  readonly failed: boolean;
}

interface Payment {
  readonly number: number;
  readonly started: OrderPaymentStarted['data'];
  readonly ref: EventRef;
  // Made with the payment (undefined until it is paid or fails): added later, it gave every paid
  // order's payment a second shape and a property store of its own.
  outcome: { readonly paid: boolean; readonly ref: EventRef } | undefined;
}

/** What an order's events say about its wallets, folded in log order. */
export interface OrderWalletCalls {
  /** The order's stream, as its first event named it: the references to its events share this name. */
  readonly streamName: string;
  /**
   * By payment number, in the order first started (an order makes one or two: a list, not a map per
   * order). Both lists are allocated to their exact length: kept for every order of the log, a list
   * that `push` grew reserves 16 slots.
   */
  payments: readonly Payment[];
  effects: readonly ExpectedMovement[];
}

/** An order that has called for nothing yet. */
export const noWalletCalls = (streamName: string): OrderWalletCalls => ({
  streamName,
  payments: [],
  effects: [],
});

const paymentOf = (calls: OrderWalletCalls, n: number): Payment | undefined =>
  calls.payments.find((p) => p.number === n);

// The shop's earning rule only names the rule on the lot; keys and amounts do not depend on it.
const ANY_EARNING_RULE = '';

// The wallet events one wallet command of the order process writes (a void's ReversePoints reads its
// amounts from the void: the step itself carries none).
const movementsOf = (
  step: WalletStep,
  voided: OrderVoided['data'] | undefined,
): readonly { type: OrderMovementType; amount: number }[] => {
  switch (step.type) {
    case 'Spend':
      return [{ type: 'WalletSpent', amount: step.data.amount }];
    case 'Refund':
      return [{ type: 'WalletRefunded', amount: step.data.amount }];
    case 'RedeemPoints':
      return [{ type: 'PointsRedeemed', amount: step.data.points }];
    case 'EarnPoints':
      return [{ type: 'PointsEarned', amount: step.data.points }];
    case 'RecordDebt':
      return [{ type: 'DebtRecorded', amount: step.data.amount }];
    case 'SettleDebt':
      return [{ type: 'DebtSettled', amount: step.data.amount }];
    case 'ReversePoints':
      return voided === undefined
        ? []
        : [
            ...(voided.pointsReturned > 0
              ? [{ type: 'PointsRedemptionReversed' as const, amount: voided.pointsReturned }]
              : []),
            ...(voided.pointsEarnedReversed > 0
              ? [{ type: 'PointsEarningReversed' as const, amount: voided.pointsEarnedReversed }]
              : []),
          ];
    default:
      return [];
  }
};

// Pushed one by one: this runs for every order event that calls for a movement.
const addExpected = (
  into: ExpectedMovement[],
  steps: readonly WalletStep[],
  orderId: string,
  cause: EventRef,
  why: string,
  need: ExpectedMovement['need'],
  voided?: OrderVoided['data'],
): void => {
  for (const step of steps)
    for (const { type, amount } of movementsOf(step, voided))
      into.push({ type, amount, orderId, key: step.key, customerId: step.data.customerId, cause, why, need });
};

const whyOf = (event: OrderEvent): string => {
  const order = `Order ${event.data.orderId}`;
  switch (event.type) {
    case 'OrderPaid':
      return `${order} was paid (payment ${event.data.paymentNumber})`;
    case 'OrderCompleted':
      return `${order} was completed unpaid`;
    case 'OrderVoided':
      return `${order} was voided`;
    case 'OrderCustomerChanged':
      return `${order} moved from ${event.data.fromCustomerId} to ${event.data.toCustomerId} (change ${event.data.changeNumber})`;
    default:
      return `${order} had ${event.type}`;
  }
};

/** Adds what one order event calls for, with the same pure functions the order process runs. */
export const foldWalletCalls = (calls: OrderWalletCalls, event: OrderEvent, ref: EventRef): void => {
  switch (event.type) {
    case 'OrderPaymentStarted': {
      const payment: Payment = {
        number: event.data.paymentNumber,
        started: event.data,
        ref,
        outcome: undefined,
      };
      // Started again under the same number: the later start stands, in the first one's place.
      const at = calls.payments.findIndex((p) => p.number === payment.number);
      calls.payments =
        at < 0 ? appended(calls.payments, payment) : calls.payments.map((p, i) => (i === at ? payment : p));
      return;
    }
    case 'OrderPaymentFailed': {
      const payment = paymentOf(calls, event.data.paymentNumber);
      if (payment !== undefined) payment.outcome = { paid: false, ref };
      return;
    }
    case 'OrderPaid': {
      const payment = paymentOf(calls, event.data.paymentNumber);
      if (payment !== undefined) payment.outcome = { paid: true, ref };
      break;
    }
    default:
      break;
  }
  const steps = effectsOf(event, ANY_EARNING_RULE);
  // Most order events call for nothing: the sentence is built only for those that do.
  if (steps.length === 0) return;
  const effects: ExpectedMovement[] = [];
  addExpected(
    effects,
    steps,
    event.data.orderId,
    ref,
    whyOf(event),
    'required',
    event.type === 'OrderVoided' ? event.data : undefined,
  );
  calls.effects = joined(calls.effects, effects);
};

// A give-back's wallet event, and the event type of the steps it gives back.
const revertTypes = (step: WalletStep) =>
  step.type === 'Refund'
    ? ({ type: 'WalletRefunded', of: 'Spend' } as const)
    : ({ type: 'PointsRedemptionReversed', of: 'RedeemPoints' } as const);

/** Every movement the order's events call for, and the give-backs its unfinished payments may owe. */
export const expectedOf = (
  calls: OrderWalletCalls,
): { readonly movements: readonly ExpectedMovement[]; readonly reverts: readonly ExpectedRevert[] } => {
  const movements: ExpectedMovement[] = [];
  const reverts: ExpectedRevert[] = [];
  for (const { number: n, started, ref, outcome } of calls.payments) {
    const steps = paymentSteps(started);
    const order = `Order ${started.orderId}`;
    const why = outcome?.paid === true ? `${order} was paid (payment ${n})` : `${order} started payment ${n}`;
    addExpected(
      movements,
      steps,
      started.orderId,
      outcome?.ref ?? ref,
      why,
      outcome?.paid === true ? 'required' : 'optional',
    );
    // A paid payment gives nothing back: a give-back marks the payment as failing.
    if (outcome?.paid === true) continue;
    for (const revert of paymentReverts(started)) {
      const { type, of } = revertTypes(revert);
      reverts.push({
        type,
        orderId: started.orderId,
        key: revert.key,
        customerId: revert.data.customerId,
        cause: outcome?.ref ?? ref,
        why: `Payment ${n} of order ${started.orderId} ${outcome === undefined ? 'is under way' : 'failed'}`,
        givesBack: steps.filter((s) => s.type === of).map((s) => s.key),
        failed: outcome !== undefined,
      });
    }
  }
  return { movements: [...movements, ...calls.effects], reverts };
};

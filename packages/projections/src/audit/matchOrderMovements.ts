import type { EventRef } from './eventRef';
import { expectedOf, type ExpectedMovement, type OrderWalletCalls } from './orderWalletCalls';
import type { AuditRule, Violation } from './violation';
import {
  amountText,
  movementText,
  type OrderMovementType,
  type WalletOrderMovement,
} from './walletOrderMovement';

const where = (ref: EventRef): string => `${ref.type} ${ref.streamName}@${ref.revision}`;

const found = (m: WalletOrderMovement): string =>
  `${m.type} of ${amountText(m)} for order ${m.orderId} on wallet ${m.customerId}`;

const missingRule = (e: ExpectedMovement): AuditRule =>
  e.type === 'WalletSpent'
    ? 'order.deposit_without_wallet_debit'
    : e.type === 'DebtRecorded' && e.cause.type === 'OrderCompleted'
      ? 'order.unpaid_without_debt'
      : 'order.wallet_movement_missing';

const sum = (ms: readonly { readonly amount: number }[]) => ms.reduce((s, m) => s + m.amount, 0);

// A movement called for is matched once per key and type: a bit per type under its key, rather than a
// "key|type" string built for every movement called for, on every pass.
const TYPE_BIT: Readonly<Record<OrderMovementType, number>> = {
  WalletSpent: 1,
  WalletRefunded: 2,
  PointsRedeemed: 4,
  PointsRedemptionReversed: 8,
  PointsEarned: 16,
  PointsEarningReversed: 32,
  DebtRecorded: 64,
  DebtSettled: 128,
};

const missingMessage = (e: ExpectedMovement, instead: readonly WalletOrderMovement[]): string => {
  const sameKind = instead.filter((m) => m.type === e.type && m.orderId === e.orderId);
  const others = instead.filter((m) => !sameKind.includes(m));
  const otherText =
    others.length === 0 ? '' : ` Under its key ${e.key} the log has ${others.map(found).join('; ')}.`;
  if (e.type === 'WalletSpent')
    return `Order ${e.orderId} was paid ${e.amount} from the deposit, but its wallet debits add up to ${sum(sameKind)}.${otherText}`;
  if (e.type === 'DebtRecorded' && e.cause.type === 'OrderCompleted')
    return `Order ${e.orderId} completed owing ${e.amount}, but ${
      sameKind.length === 0
        ? "no debt was recorded on the customer's account"
        : `the debt recorded for it is ${sum(sameKind)}`
    }.${otherText}`;
  const log =
    instead.length === 0 ? 'the log has none' : `the log has ${instead.map(found).join('; ')} instead`;
  return `${e.why}, so wallet ${e.customerId} should show ${movementText(e)} under key ${e.key}, but ${log}.`;
};

const unexpectedViolation = (m: WalletOrderMovement, orderKnown: boolean): Violation => {
  const order = orderKnown
    ? `none of order ${m.orderId}'s events calls for it`
    : `order ${m.orderId} is not in the log`;
  return m.type === 'DebtRecorded'
    ? {
        rule: 'wallet.debt_without_unpaid_order',
        message: `A debt of ${m.amount} was recorded for order ${m.orderId} on wallet ${m.customerId} (key ${m.key}), but ${order}.`,
        events: [m.ref],
      }
    : {
        rule: 'wallet.movement_without_order',
        message: `Wallet ${m.customerId} shows ${movementText(m)} for order ${m.orderId} (${where(m.ref)}, key ${m.key}), but ${order}.`,
        events: [m.ref],
      };
};

/**
 * Matches what every order's events call for against the wallets' order movements: first by key (the
 * command id the order process writes each movement under), then, for movements written under another
 * key (an integration that drives the order decider itself and moves the wallet through its facade),
 * by order, kind and amount. A movement counts on the wallet it was addressed to or on any wallet
 * that one was merged into. Reports each movement called for but missing or different, and each
 * order movement nothing calls for.
 */
export const orderMovementViolations = (
  orders: ReadonlyMap<string, OrderWalletCalls>,
  movements: readonly WalletOrderMovement[],
  mergedInto: ReadonlyMap<string, string>,
): Violation[] => {
  const byKey = new Map<string, WalletOrderMovement[]>();
  const byOrder = new Map<string, WalletOrderMovement[]>();
  const add = (map: Map<string, WalletOrderMovement[]>, id: string, m: WalletOrderMovement) => {
    const list = map.get(id);
    if (list === undefined) map.set(id, [m]);
    else list.push(m);
  };
  for (const m of movements) {
    add(byKey, m.key, m);
    add(byOrder, m.orderId, m);
  }
  const calledFor = [...orders.values()].map(expectedOf);
  const processKeys = new Set(
    calledFor.flatMap(({ movements: ms, reverts }) => [...ms, ...reverts].map((e) => e.key)),
  );
  const consumed = new Set<WalletOrderMovement>();
  const matched = new Map<string, number>();
  const isMatched = (e: ExpectedMovement) => ((matched.get(e.key) ?? 0) & TYPE_BIT[e.type]) !== 0;
  const takenUnder = new Map<string, WalletOrderMovement[]>();

  const reaches = (from: string, to: string) => {
    const seen = new Set<string>();
    for (let at: string | undefined = from; at !== undefined && !seen.has(at); at = mergedInto.get(at)) {
      if (at === to) return true;
      seen.add(at);
    }
    return false;
  };
  const fits = (e: ExpectedMovement) => (m: WalletOrderMovement) =>
    !consumed.has(m) &&
    m.type === e.type &&
    m.orderId === e.orderId &&
    m.amount === e.amount &&
    reaches(e.customerId, m.customerId);
  const passes = [
    (e: ExpectedMovement) => byKey.get(e.key)?.find(fits(e)),
    // Under another key only when no order calls for that key: a process key belongs to its own movement.
    (e: ExpectedMovement) => byOrder.get(e.orderId)?.find((m) => !processKeys.has(m.key) && fits(e)(m)),
  ];
  const settle = (list: readonly ExpectedMovement[]) => {
    const open = [...list].sort((a, b) => (a.need === b.need ? 0 : a.need === 'required' ? -1 : 1));
    for (const pass of passes)
      for (const e of open) {
        if (isMatched(e)) continue;
        const m = pass(e);
        if (m === undefined) continue;
        consumed.add(m);
        matched.set(e.key, (matched.get(e.key) ?? 0) | TYPE_BIT[e.type]);
        add(takenUnder, e.key, m);
      }
  };

  const steps = calledFor.flatMap((c) => c.movements);
  settle(steps);
  // A give-back is owed for exactly what its payment took, once the payment failed.
  const reverts = calledFor.flatMap((c) =>
    c.reverts.flatMap((r): ExpectedMovement[] => {
      const taken = r.givesBack.flatMap((key) => takenUnder.get(key) ?? []);
      if (taken.length === 0) return [];
      const { givesBack: _, failed, ...rest } = r;
      return [{ ...rest, amount: sum(taken), need: failed ? 'required' : 'optional' }];
    }),
  );
  settle(reverts);

  const violations: Violation[] = [];
  const missing = [...steps, ...reverts].filter((e) => e.need === 'required' && !isMatched(e));
  for (const e of missing) {
    // What stands where the movement should be: anything under its key, then its kind for its order.
    const instead = [
      ...(byKey.get(e.key) ?? []).filter((m) => !consumed.has(m)),
      ...(byOrder.get(e.orderId) ?? []).filter(
        (m) => !consumed.has(m) && m.type === e.type && !processKeys.has(m.key),
      ),
    ].filter((m, i, all) => all.indexOf(m) === i);
    instead.forEach((m) => consumed.add(m));
    violations.push({
      rule: missingRule(e),
      message: missingMessage(e, instead),
      events: [e.cause, ...instead.map((m) => m.ref)],
    });
  }
  for (const m of movements)
    if (!consumed.has(m)) violations.push(unexpectedViolation(m, orders.has(m.orderId)));
  return violations;
};

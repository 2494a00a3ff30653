import * as E from 'fp-ts/Either';
import type { CustomerProfile } from '../../customer/customerProfile';
import type { EventStore } from '../../kernel/eventStore';
import { decodeEvent, type CommandError, type StateCache } from '../../kernel/handleCommand';
import { allowedIn } from '../../order/orderDecider';
import { isExpired, type PointsLot } from '../../wallet/pointsLot';
import { lotsOf } from '../../wallet/lotLedger';
import type { OrderDebt } from '../../wallet/walletEvents';
import { readWallet } from '../../wallet/walletStream';
import type { Identifier } from '../registration/customerIdentifiers';
import type { TenantSecret } from '../reservation/reservationKey';
import { readReservation, reservationTarget, type ReservationSnapshot } from '../reservation/reservations';
import { readCustomerSnapshot } from './customerResolution';
import { ordersOfCustomer } from './customerOrders';
import type { FieldChoices } from './mergeFields';
import { mergeLockEvents, mergeLockStream, mergeLockDecider, type MergeLockState } from './mergeLock';
import { customerBlockers, planMerge, type MergeBlocker } from './mergePlan';
import type { MergePolicy } from './mergePolicy';

/** What the merge process needs: the store, the shop's rules, the reservation secret and a clock. */
export interface MergeProcessDeps {
  readonly store: EventStore;
  readonly policy: MergePolicy;
  readonly tenantSecret: TenantSecret;
  readonly now: () => Date;
  /** Folded states kept between commands (see `stateCache`), shared with the other facades. */
  readonly cache?: StateCache | undefined;
}

/** Which customers to merge, and which values survive. */
export interface MergeInput {
  readonly tenantId: string;
  readonly sourceCustomerId: string;
  readonly targetCustomerId: string;
  readonly choices: FieldChoices;
}

/** An identifier in a preview: shown in clear, since a preview is for the operator's screen and is never stored. */
export interface PreviewIdentifier {
  readonly kind: string;
  readonly field: Identifier['field'];
  readonly value: string;
  readonly holderId: string;
}

/** What a merge would do, computed without writing anything. */
export interface MergePreview {
  readonly sourceCustomerId: string;
  readonly targetCustomerId: string;
  /** The survivor's profile after the merge (absent when a customer is missing). */
  readonly survivor?: CustomerProfile;
  /** The profile changes the survivor takes, by name. */
  readonly changes: readonly string[];
  readonly wallet: {
    readonly currency: string;
    readonly money: number;
    readonly points: number;
    readonly lots: readonly PointsLot[];
    readonly debt: number;
    readonly debtOrders: readonly OrderDebt[];
  };
  readonly orders: readonly {
    readonly orderId: string;
    readonly lifecycle: string;
    readonly moves: boolean;
    readonly debt: number;
  }[];
  readonly identifiers: {
    readonly kept: readonly PreviewIdentifier[];
    readonly released: readonly PreviewIdentifier[];
  };
  /** Empty when the merge can go ahead. */
  readonly blockers: readonly MergeBlocker[];
}

const readLock = async (
  store: EventStore,
  tenantId: string,
  customerId: string,
): Promise<E.Either<CommandError, MergeLockState>> => {
  let state = mergeLockDecider.initialState();
  for (const stored of await store.readStream(mergeLockStream(tenantId, customerId))) {
    const decoded = decodeEvent(mergeLockEvents, stored);
    if (E.isLeft(decoded)) return decoded;
    state = mergeLockDecider.evolve(state, decoded.right.event);
  }
  return E.right(state);
};

/** The identifier's reservation key, as the merge record names it. */
export const identifierKey = (secret: TenantSecret, tenantId: string, id: Identifier) =>
  reservationTarget(secret, id.kind, tenantId, id.value);

/**
 * Reads both customers, their wallets, the source's orders and the merge locks, and says what a
 * merge would do and what blocks it. `mergeId` is the merge asking: its own locks do not block it.
 */
export const inspectMerge = async (
  deps: MergeProcessDeps,
  input: MergeInput,
  mergeId?: string,
): Promise<E.Either<CommandError, MergePreview>> => {
  const { store, policy } = deps;
  const { tenantId, sourceCustomerId: sourceId, targetCustomerId: targetId } = input;
  const now = deps.now();
  const blockers: MergeBlocker[] = [];
  if (sourceId === targetId)
    blockers.push({
      code: 'merge.into_itself',
      message: 'A customer cannot be merged into itself; pick the duplicate to merge away.',
      details: { customerId: sourceId },
    });

  const source = await readCustomerSnapshot(store, tenantId, sourceId);
  if (E.isLeft(source)) return source;
  const target = await readCustomerSnapshot(store, tenantId, targetId);
  if (E.isLeft(target)) return target;
  blockers.push(...customerBlockers('source', sourceId, source.right.state));
  blockers.push(...customerBlockers('target', targetId, target.right.state));

  for (const customerId of [sourceId, targetId]) {
    const lock = await readLock(store, tenantId, customerId);
    if (E.isLeft(lock)) return lock;
    const heldBy = lock.right.heldBy;
    if (heldBy !== undefined && heldBy !== mergeId)
      blockers.push({
        code: 'merge.customer_busy',
        message: `Customer ${customerId} is in merge ${heldBy} already; finish or resume that merge first.`,
        details: { customerId, mergeId: heldBy },
      });
  }

  const sourceWallet = await readWallet(store, tenantId, sourceId);
  if (E.isLeft(sourceWallet)) return sourceWallet;
  const targetWallet = await readWallet(store, tenantId, targetId);
  if (E.isLeft(targetWallet)) return targetWallet;
  const sw = sourceWallet.right;
  const tw = targetWallet.right;
  if (sw.currency !== undefined && tw.currency !== undefined && sw.currency !== tw.currency)
    blockers.push({
      code: 'merge.currency_mismatch',
      message: `The source's wallet holds ${sw.currency} and the target's ${tw.currency}; they cannot be merged.`,
      details: { sourceCurrency: sw.currency, targetCurrency: tw.currency },
    });

  const orders = await ordersOfCustomer(store, tenantId, sourceId);
  if (E.isLeft(orders)) return orders;
  const movable = allowedIn.MoveMergedOrder;
  for (const { order, lifecycle } of orders.right)
    if (lifecycle === 'payment_pending')
      blockers.push({
        code: 'merge.order_payment_pending',
        message: `Order ${order.orderId} is being paid right now; let the payment finish, then merge.`,
        details: { orderId: order.orderId },
      });
  const orderDebt = orders.right
    .filter((o) => movable.includes(o.lifecycle))
    .reduce((sum, o) => sum + o.order.debt, 0);
  const limit = policy.wallet.creditLimit;
  if (limit !== undefined && orderDebt > 0 && tw.debt + orderDebt > limit)
    blockers.push({
      code: 'merge.credit_limit_exceeded',
      message: `The target already owes ${tw.debt}; taking over ${orderDebt} more would pass the credit limit of ${limit}.`,
      details: { targetDebt: tw.debt, debtMoved: orderDebt, creditLimit: limit },
    });

  const lots = lotsOf(sw.lots).filter((l) => l.remaining > 0 && !isExpired(l, now));
  const base = {
    sourceCustomerId: sourceId,
    targetCustomerId: targetId,
    wallet: {
      currency: sw.currency ?? tw.currency ?? policy.wallet.currency,
      money: sw.balance,
      points: lots.reduce((sum, l) => sum + l.remaining, 0),
      lots,
      debt: sw.debt,
      debtOrders: Object.entries(sw.debts).map(([orderId, amount]) => ({ orderId, amount })),
    },
    orders: orders.right.map(({ order, lifecycle }) => ({
      orderId: order.orderId,
      lifecycle,
      moves: movable.includes(lifecycle),
      debt: order.debt,
    })),
    blockers,
  };
  const s = source.right.state;
  const t = target.right.state;
  if (!s.exists || !t.exists)
    return E.right({ ...base, changes: [], identifiers: { kept: [], released: [] } });

  const plan = planMerge(s.profile, t.profile, input.choices, policy.customer);
  const shown = (id: Identifier, holderId: string): PreviewIdentifier => ({
    kind: id.kind,
    field: id.field,
    value: id.value,
    holderId,
  });
  // The holder shown is who holds the value now, so a shared (non-unique) email shows its real holder.
  // A reservation that does not decode is an error, never a guess: the preview must not name a wrong holder.
  const holder = async (
    id: Identifier,
    fallback: string,
  ): Promise<E.Either<CommandError, PreviewIdentifier>> =>
    E.map((r: ReservationSnapshot) => shown(id, r.state.status !== 'free' ? r.state.holderId : fallback))(
      await readReservation(store, identifierKey(deps.tenantSecret, tenantId, id)),
    );
  const kept = E.sequenceArray(await Promise.all(plan.kept.map((id) => holder(id, sourceId))));
  if (E.isLeft(kept)) return kept;
  const released = E.sequenceArray(
    await Promise.all([
      ...plan.releasedFromSource.map((id) => holder(id, sourceId)),
      ...plan.releasedFromTarget.map((id) => holder(id, targetId)),
    ]),
  );
  if (E.isLeft(released)) return released;
  return E.right({
    ...base,
    survivor: plan.survivor,
    changes: plan.changes.map((c) => c.step),
    identifiers: { kept: kept.right, released: released.right },
  });
};

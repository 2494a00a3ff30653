import * as E from 'fp-ts/Either';
import type { Clock } from '../kernel/clock';
import type { CommandMetadata } from '../kernel/decider';
import type { Actor } from '../kernel/envelope';
import { commandHash } from '../kernel/commandHash';
import {
  DomainError,
  IdempotencyConflictError,
  PermissionError,
  type TillstreamError,
} from '../kernel/errors';
import type { EventStore } from '../kernel/eventStore';
import type { CommandResult, StateCache } from '../kernel/handleCommand';
import { callerCommandId } from '../kernel/facadeKeys';
import { checkRequest } from '../kernel/facadeRequest';
import type { IdGenerator } from '../kernel/ids';
import { claim, confirm, reservationTarget } from '../processes/reservation/reservations';
import type { PointsSource } from './pointsLot';
import { parseVoucherHolder, voucherHolder, voucherTarget } from './voucherCode';
import type { WalletCommand } from './walletCommands';
import { walletDecider } from './walletDecider';
import type { WalletEvent } from './walletEvents';
import type { WalletAction, WalletPolicy } from './walletPolicy';
import type { WalletState } from './walletState';
import { handleWalletCommand, readWallet, walletStreamName } from './walletStream';
import { walletView, type WalletView } from './walletView';

/** What the wallets facade needs. */
export interface WalletsDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly policyFor: (tenantId: string) => WalletPolicy;
  /** Keys voucher-code hashes; without it the tenant id is the key (codes stay out of stream names, but guessable). */
  readonly tenantSecret?: (tenantId: string) => string;
  /** Folded wallets kept between commands (see `stateCache`); each command then reads only new events. */
  readonly cache?: StateCache;
  /** Checked before every movement, e.g. that the customer exists and was not merged away. */
  readonly admit?: (tenantId: string, customerId: string) => Promise<E.Either<TillstreamError, void>>;
}

/** Who acts on which wallet; the idempotency key makes a retried movement safe (omit it only for one-shot calls). */
export interface WalletRequest {
  readonly tenantId: string;
  readonly customerId: string;
  readonly actor: Actor;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
}

/** What a movement did: the events it wrote (or wrote the first time) and the wallet after them. */
export interface MovementResult {
  readonly events: readonly WalletEvent[];
  readonly wallet: WalletView;
  /** True when this key had been used for the same request before and nothing was written now. */
  readonly idempotent: boolean;
}

/** A facade call's outcome. */
export type WalletOutcome<A> = Promise<E.Either<TillstreamError, A>>;

type Data<T extends WalletCommand['type']> = Omit<Extract<WalletCommand, { type: T }>['data'], 'customerId'>;

/** Grace before a voucher reserved by a redemption that never loaded its wallet may be used again. */
const VOUCHER_GRACE_MS = 15 * 60_000;

/** Reservation kind of caller idempotency keys: `unique-walletkey-{tenant}.{hash of the key}`. */
const WALLET_KEY_KIND = 'walletkey';

// A key belongs to the first request that claimed it, for ever: it is never an orphan.
const keyNeverFreed = { graceMs: Number.POSITIVE_INFINITY, isOrphan: () => Promise.resolve(false) };

/** The wallets of every customer of every tenant, through their commands. */
export const walletsFacade = (deps: WalletsDeps) => {
  const metadata = (r: WalletRequest): CommandMetadata => ({
    commandId: r.idempotencyKey === undefined ? deps.ids.newId() : callerCommandId(r.idempotencyKey),
    tenantId: r.tenantId,
    actor: r.actor,
    now: deps.clock.now(),
    ...(r.correlationId === undefined ? {} : { correlationId: r.correlationId }),
  });

  // The request is checked first: every other step builds stream names from its tenant and customer.
  const admit = (r: WalletRequest): Promise<E.Either<TillstreamError, void>> => {
    const named = checkRequest(r.tenantId, { customerId: r.customerId });
    if (E.isLeft(named)) return Promise.resolve(named);
    return deps.admit === undefined
      ? Promise.resolve(E.right(undefined))
      : deps.admit(r.tenantId, r.customerId);
  };

  /**
   * A caller's key names one request in the whole tenant, not per wallet: it is claimed for this
   * wallet and request before anything moves, so the same key sent for another customer or another
   * amount is refused instead of moving money a second time. Keyless calls skip the extra write.
   */
  const claimKey = async (
    r: WalletRequest,
    command: WalletCommand,
  ): Promise<E.Either<TillstreamError, void>> => {
    if (r.idempotencyKey === undefined) return E.right(undefined);
    const secret = deps.tenantSecret?.(r.tenantId) ?? r.tenantId;
    const target = reservationTarget(secret, WALLET_KEY_KIND, r.tenantId, r.idempotencyKey);
    const holder = `${encodeURIComponent(r.customerId)}|${commandHash(command.type, command.data)}`;
    const step = { tenantId: r.tenantId, actor: r.actor, now: command.metadata.now };
    const claimed = await claim(deps.store, target, holder, keyNeverFreed, command.metadata.commandId, step);
    if (E.isRight(claimed)) return E.right(undefined);
    return E.left(
      claimed.left.code === 'reservation.taken'
        ? new IdempotencyConflictError(r.idempotencyKey)
        : claimed.left,
    );
  };

  // Writes one movement of a wallet whose customer was already admitted.
  const write = async <T extends WalletCommand['type']>(
    r: WalletRequest,
    type: T,
    data: Data<T>,
    meta: CommandMetadata,
  ): WalletOutcome<MovementResult> => {
    const policy = deps.policyFor(r.tenantId);
    const command = { type, data: { ...data, customerId: r.customerId }, metadata: meta } as WalletCommand;
    const keyed = await claimKey(r, command);
    if (E.isLeft(keyed)) return keyed;
    const result = await handleWalletCommand(
      deps.store,
      policy,
      command,
      deps.cache === undefined ? {} : { cache: deps.cache },
    );
    return E.map((done: CommandResult<WalletEvent, WalletState>) => ({
      events: done.events.map((e) => e.event),
      wallet: walletView(r.customerId, done.state, policy),
      idempotent: done.idempotent,
    }))(result);
  };

  const run = async <T extends WalletCommand['type']>(
    r: WalletRequest,
    type: T,
    data: Data<T>,
    meta: CommandMetadata = metadata(r),
  ): WalletOutcome<MovementResult> => {
    const admitted = await admit(r);
    return E.isLeft(admitted) ? admitted : write(r, type, data, meta);
  };

  const money = (r: WalletRequest) => deps.policyFor(r.tenantId).currency;

  /** Reads a wallet; with an actor, only if that actor may read it (a customer: its own). No actor means a trusted caller. */
  const get = async (tenantId: string, customerId: string, actor?: Actor): WalletOutcome<WalletView> => {
    const named = checkRequest(tenantId, { customerId });
    if (E.isLeft(named)) return named;
    const policy = deps.policyFor(tenantId);
    if (actor !== undefined && !policy.authorize(actor, 'read', customerId))
      return E.left(
        new PermissionError(
          'wallet.forbidden',
          `${actor.role === 'operator' ? 'An' : 'A'} ${actor.role} may not read this wallet.`,
          {
            role: actor.role,
            actorId: actor.id,
            action: 'read' satisfies WalletAction,
            customerId,
          },
        ),
      );
    return E.map((state: WalletState) => walletView(customerId, state, policy))(
      await readWallet(deps.store, tenantId, customerId, deps.cache),
    );
  };

  /**
   * Loads a wallet from a gift voucher or gift card code, once per tenant: the code's reservation
   * stream is claimed first (a second redemption, concurrent or by another customer, is refused),
   * then the wallet is topped up under the same key, then the reservation is confirmed. A retry
   * with the same key resumes wherever the first attempt stopped.
   */
  const redeemVoucher = async (
    r: WalletRequest & {
      readonly code: string;
      readonly amount: number;
      readonly kind?: 'gift_voucher' | 'gift_card';
    },
  ): WalletOutcome<MovementResult> => {
    const admitted = await admit(r);
    if (E.isLeft(admitted)) return admitted;
    const policy = deps.policyFor(r.tenantId);
    const meta = metadata(r);
    const secret = deps.tenantSecret?.(r.tenantId) ?? r.tenantId;
    const target = voucherTarget(secret, r.tenantId, r.code);
    const command: WalletCommand = {
      type: 'TopUp',
      data: {
        customerId: r.customerId,
        amount: r.amount,
        currency: policy.currency,
        method: r.kind ?? 'gift_voucher',
        reference: target.key,
      },
      metadata: meta,
    };
    // Decided once against the current wallet before the code is claimed, so a refused top-up
    // (wrong actor, bad amount, merged wallet) does not use the voucher up.
    const wallet = await readWallet(deps.store, r.tenantId, r.customerId, deps.cache);
    if (E.isLeft(wallet)) return wallet;
    const dryRun = walletDecider(policy).decide(command, wallet.right);
    if (E.isLeft(dryRun)) return dryRun;
    // The key first: a key already spent on another request must not use the voucher up.
    const keyed = await claimKey(r, command);
    if (E.isLeft(keyed)) return keyed;

    const holder = voucherHolder(r.customerId, meta.commandId);
    const step = { tenantId: r.tenantId, actor: r.actor, now: meta.now };
    const claimed = await claim(
      deps.store,
      target,
      holder,
      {
        graceMs: VOUCHER_GRACE_MS,
        // A holder whose wallet never got the top-up it reserved the code for is an abandoned redemption.
        isOrphan: async (holderId) => {
          const h = parseVoucherHolder(holderId);
          if (h === undefined) return false;
          const events = await deps.store.readStream(walletStreamName(r.tenantId, h.customerId));
          return !events.some((e) => e.metadata.commandId === h.key);
        },
      },
      `voucher:${meta.commandId}`,
      step,
    );
    if (E.isLeft(claimed))
      return E.left(
        claimed.left.code === 'reservation.taken'
          ? new DomainError('voucher.already_redeemed', 'This voucher has already been used.', {
              reference: target.key,
            })
          : claimed.left,
      );
    const loaded = await write(r, 'TopUp', command.data, meta);
    if (E.isLeft(loaded)) return loaded;
    const confirmed = await confirm(deps.store, target, holder, `voucher-confirm:${meta.commandId}`, step);
    return E.isLeft(confirmed) ? confirmed : loaded;
  };

  return {
    get,
    redeemVoucher,
    /** Money in by cash or card. */
    topUp: (r: WalletRequest & { readonly amount: number; readonly method: 'cash' | 'card' }) =>
      run(r, 'TopUp', { amount: r.amount, currency: money(r), method: r.method }),
    /** Money pays an order; refused beyond the balance with the balance and the amount asked. */
    spend: (r: WalletRequest & { readonly orderId: string; readonly amount: number }) =>
      run(r, 'Spend', { orderId: r.orderId, amount: r.amount, currency: money(r) }),
    /** Money an order took from the wallet goes back. */
    refund: (
      r: WalletRequest & { readonly orderId: string; readonly amount: number; readonly reason?: string },
    ) =>
      run(r, 'Refund', {
        orderId: r.orderId,
        amount: r.amount,
        currency: money(r),
        ...(r.reason === undefined ? {} : { reason: r.reason }),
      }),
    /** A manager's correction of the balance, with the reason. */
    adjust: (r: WalletRequest & { readonly delta: number; readonly reason: string }) =>
      run(r, 'Adjust', { delta: r.delta, reason: r.reason, currency: money(r) }),
    /** A new lot of points with its source. */
    earnPoints: (r: WalletRequest & { readonly points: number; readonly source: PointsSource }) =>
      run(r, 'EarnPoints', { points: r.points, source: r.source }),
    /** Points pay an order line, oldest lot first. */
    redeemPoints: (
      r: WalletRequest & { readonly orderId: string; readonly orderLineId: string; readonly points: number },
    ) => run(r, 'RedeemPoints', { orderId: r.orderId, orderLineId: r.orderLineId, points: r.points }),
    /** Undoes what a voided order earned and redeemed. */
    reversePoints: (r: WalletRequest & { readonly orderId: string }) =>
      run(r, 'ReversePoints', { orderId: r.orderId }),
    /** A manager's correction of the points, with the reason. */
    adjustPoints: (r: WalletRequest & { readonly delta: number; readonly reason: string }) =>
      run(r, 'AdjustPoints', { delta: r.delta, reason: r.reason }),
    /** Writes off the lots that lapsed by now. */
    expirePoints: (r: WalletRequest) => run(r, 'ExpirePoints', {}),
    /** An order completed unpaid becomes debt. */
    recordDebt: (r: WalletRequest & { readonly orderId: string; readonly amount: number }) =>
      run(r, 'RecordDebt', { orderId: r.orderId, amount: r.amount, currency: money(r) }),
    /** An unpaid order is paid later. */
    settleDebt: (r: WalletRequest & { readonly orderId: string; readonly amount: number }) =>
      run(r, 'SettleDebt', { orderId: r.orderId, amount: r.amount, currency: money(r) }),
  };
};

/** The wallets facade, as `createTillstream(...).wallets`. */
export type WalletsFacade = ReturnType<typeof walletsFacade>;

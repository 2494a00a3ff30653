import * as E from 'fp-ts/Either';
import type { ApplicableModifier } from '../customer/applicableModifiers';
import type { Clock } from '../kernel/clock';
import type { CommandMetadata } from '../kernel/decider';
import type { Actor } from '../kernel/envelope';
import { commandHash } from '../kernel/commandHash';
import {
  DomainError,
  IdempotencyConflictError,
  PermissionError,
  ValidationError,
  type TillstreamError,
} from '../kernel/errors';
import type { EventStore } from '../kernel/eventStore';
import { callerCommandId, checkCallerPrefix } from '../kernel/facadeKeys';
import { checkRequest } from '../kernel/facadeRequest';
import type { CommandError, StateCache } from '../kernel/handleCommand';
import { deterministicId, type IdGenerator } from '../kernel/ids';
import {
  handleOrderCommand,
  payOrder,
  resumeOrder,
  type OrderOutcome,
  type OrderProcessDeps,
} from '../processes/orderPayment/orderPayment';
import type { Catalog, CatalogItem } from './catalog';
import { discountRulesOf } from './customerDiscounts';
import type { OrderCommand, PayOrder, RequestedLine } from './orderCommands';
import type { OrderEvent, OrderPlaced, PaymentMethod } from './orderEvents';
import type { OrderPolicy } from './orderPolicy';
import { lifecycleOf, type ExistingOrder, type OrderLifecycle } from './orderState';
import { readOrder, type OrderHistory } from './orderStream';
import { stateCode } from './orderRefusals';

/** Where a customer's price modifiers come from: the customers facade, or anything answering the same way. */
export interface OrderModifierSource {
  readonly applicableModifiers: (
    tenantId: string,
    customerId: string,
  ) => Promise<E.Either<TillstreamError, readonly ApplicableModifier[]>>;
}

/** What the orders facade needs. */
export interface OrdersDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly catalog: Catalog;
  readonly policyFor: (tenantId: string) => OrderPolicy;
  readonly customers: OrderModifierSource;
  /** Folded orders, wallets and order indexes kept between commands (see `stateCache`). */
  readonly cache?: StateCache;
  /** Checked before an order is placed for, or moved to, a customer: that it exists, unmerged and not forgotten. */
  readonly admit?: (tenantId: string, customerId: string) => Promise<E.Either<TillstreamError, void>>;
  /**
   * `admit` and then `customers.applicableModifiers` in one read of the customer, with the same
   * refusals, for placing an order (`createTillstream` passes the customers facade's); when absent,
   * the two are asked in turn.
   */
  readonly admittedModifiers?: (
    tenantId: string,
    customerId: string,
  ) => Promise<E.Either<TillstreamError, readonly ApplicableModifier[]>>;
}

/** Who acts, in which shop; the idempotency key makes a retried call safe and resumes a crashed one. */
export interface OrderRequest {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
}

/** An order as the facade shows it: its state and where it is in the lifecycle. */
export type OrderView = ExistingOrder & { readonly lifecycle: OrderLifecycle };

/** What an order call did. */
export interface OrderResult {
  readonly orderId: string;
  readonly order: OrderView;
  /** Order events this call wrote (or wrote the first time, when `idempotent`). */
  readonly events: readonly OrderEvent[];
  readonly idempotent: boolean;
}

/** Everything `place` takes; lines name products and quantities only, never prices. */
export interface PlaceInput extends OrderRequest {
  readonly orderId?: string;
  readonly customerId: string;
  readonly lines: readonly RequestedLine[];
  readonly paymentMethod: PaymentMethod;
  readonly note?: string;
}

type Outcome<A> = Promise<E.Either<TillstreamError, A>>;
type Target = OrderRequest & { readonly orderId: string };

const view = (order: ExistingOrder): OrderView => ({ ...order, lifecycle: lifecycleOf(order) });

// What the caller of `place` sent, nothing the server looked up: a retry is the same request even
// after the catalogue or the customer's discounts changed.
const placeRequestHash = (r: {
  readonly customerId: string;
  readonly paymentMethod: PaymentMethod;
  readonly note?: string | undefined;
  readonly lines: readonly {
    readonly productId: string;
    readonly quantity: number;
    readonly payWith: string;
  }[];
}): string =>
  commandHash('PlaceOrder', {
    customerId: r.customerId,
    paymentMethod: r.paymentMethod,
    note: r.note,
    lines: r.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, payWith: l.payWith })),
  });

const placedUnder = (history: OrderHistory, commandId: string): OrderPlaced | undefined => {
  const found = history.events.find((e) => e.commandId === commandId && e.event.type === 'OrderPlaced');
  return found?.event.type === 'OrderPlaced' ? found.event : undefined;
};

/** Orders of every tenant: the lifecycle of DOMAIN.md §4, with payment against the wallets. */
export const ordersFacade = (deps: OrdersDeps) => {
  const metadata = (
    r: OrderRequest,
    ids: Readonly<Record<string, string | undefined>>,
  ): E.Either<ValidationError, CommandMetadata> =>
    E.map((tenantId: string): CommandMetadata => ({
      commandId: r.idempotencyKey === undefined ? deps.ids.newId() : callerCommandId(r.idempotencyKey),
      tenantId,
      actor: r.actor,
      now: deps.clock.now(),
      ...(r.correlationId === undefined ? {} : { correlationId: r.correlationId }),
    }))(checkRequest(r.tenantId, ids));

  const process = (tenantId: string): OrderProcessDeps => ({
    store: deps.store,
    walletPolicy: deps.policyFor(tenantId).wallet,
    cache: deps.cache,
  });

  const result = (orderId: string) =>
    E.chain((o: OrderOutcome): E.Either<TillstreamError, OrderResult> =>
      o.state.status === 'absent'
        ? E.left(new DomainError(stateCode('absent'), `There is no order ${orderId}.`, { orderId }))
        : E.right({ orderId, order: view(o.state), events: o.events, idempotent: o.idempotent }),
    );

  const send = async <T extends Exclude<OrderCommand['type'], 'PayOrder'>>(
    r: OrderRequest & { readonly orderId: string },
    type: T,
    data: Omit<Extract<OrderCommand, { type: T }>['data'], 'orderId'>,
  ): Outcome<OrderResult> => {
    const meta = metadata(r, { orderId: r.orderId });
    if (E.isLeft(meta)) return meta;
    const command = { type, data: { ...data, orderId: r.orderId }, metadata: meta.right } as Exclude<
      OrderCommand,
      PayOrder
    >;
    const handled = await handleOrderCommand(process(meta.right.tenantId), command);
    return result(r.orderId)(
      E.isLeft(handled) ? await pendingOrRefused(meta.right, r.orderId, handled.left) : handled,
    );
  };

  const admit = (tenantId: string, customerId: string): Promise<E.Either<TillstreamError, void>> =>
    deps.admit === undefined ? Promise.resolve(E.right(undefined)) : deps.admit(tenantId, customerId);

  // A failure after the order event was written is not a refusal: the order changed, and only its
  // wallet effect (a refund, a debt move) waits for `resume`. Said so, so nobody sends it again as new.
  const pendingOrRefused = async (
    meta: CommandMetadata,
    orderId: string,
    error: CommandError,
  ): Promise<E.Either<TillstreamError, never>> => {
    const read = await readOrder(deps.store, meta.tenantId, orderId);
    const written = E.isRight(read)
      ? read.right.events.filter((e) => e.commandId === meta.commandId).map((e) => e.event.type)
      : [];
    return E.left(
      written.length === 0
        ? error
        : new DomainError(
            'order.wallet_effect_pending',
            `Order ${orderId} was changed (${written.join(', ')}), but its wallet part did not go through: ${error.message} Call resume on the order to finish it.`,
            { orderId, written, cause: error.code },
          ),
    );
  };

  const admitThenModifiers = async (
    tenantId: string,
    customerId: string,
  ): Promise<E.Either<TillstreamError, readonly ApplicableModifier[]>> => {
    const admitted = await admit(tenantId, customerId);
    return E.isLeft(admitted) ? admitted : deps.customers.applicableModifiers(tenantId, customerId);
  };

  const lookUp = async (
    tenantId: string,
    lines: readonly RequestedLine[],
  ): Promise<readonly CatalogItem[]> => {
    const ids = [...new Set(lines.map((l) => l.productId))];
    const found = await Promise.all(ids.map((id) => deps.catalog.find(tenantId, id)));
    return found.filter((item): item is CatalogItem => item !== undefined);
  };

  return {
    /**
     * Places an order: the customer for itself (if the shop lets customers order, with a method it
     * offers them) or an operator for a customer. Prices come from the catalogue and the customer's
     * modifiers; a line carrying a price is refused.
     */
    place: async (input: PlaceInput): Outcome<OrderResult> => {
      const meta = metadata(input, { customerId: input.customerId });
      if (E.isLeft(meta)) return meta;
      // The order process keys its own steps `order:<orderId>:…`: a ":" would let one order's steps pass for another's.
      const chosen =
        input.orderId === undefined ? E.right(undefined) : checkCallerPrefix('orderId', input.orderId);
      if (E.isLeft(chosen)) return chosen;
      const policy = deps.policyFor(input.tenantId);
      if (input.actor.role === 'customer') {
        if (!policy.customerOrdering)
          return E.left(
            new PermissionError(
              'order.customer_ordering_off',
              'This shop takes orders at the counter only.',
              {
                tenantId: input.tenantId,
              },
            ),
          );
        if (!policy.customerPaymentMethods.includes(input.paymentMethod))
          return E.left(
            new ValidationError(
              'order.payment_method_not_offered',
              `Paying by ${input.paymentMethod} is not offered when ordering from the screen.`,
              'paymentMethod',
              input.paymentMethod,
              { offered: policy.customerPaymentMethods },
            ),
          );
      }
      const orderId =
        input.orderId ??
        (input.idempotencyKey === undefined
          ? deps.ids.newId()
          : deterministicId(`order|${input.tenantId}|${input.idempotencyKey}`));
      if (input.idempotencyKey !== undefined) {
        const history = await readOrder(deps.store, input.tenantId, orderId);
        if (E.isLeft(history)) return history;
        const earlier = placedUnder(history.right, meta.right.commandId);
        if (earlier !== undefined) {
          if (placeRequestHash(earlier.data) !== placeRequestHash(input))
            return E.left(new IdempotencyConflictError(meta.right.commandId));
          const state = history.right.state;
          if (state.status !== 'absent')
            return E.right({ orderId, order: view(state), events: [earlier], idempotent: true });
        }
      }
      const modifiers = await (deps.admittedModifiers ?? admitThenModifiers)(
        input.tenantId,
        input.customerId,
      );
      if (E.isLeft(modifiers)) return modifiers;
      return send({ ...input, orderId }, 'PlaceOrder', {
        customerId: input.customerId,
        currency: policy.wallet.currency,
        paymentMethod: input.paymentMethod,
        ...(input.note === undefined ? {} : { note: input.note }),
        lines: input.lines,
        catalog: await lookUp(input.tenantId, input.lines),
        discountRules: discountRulesOf(
          modifiers.right,
          policy.wallet.currency,
          policy.wallet.minorUnitsPerUnit,
        ),
      });
    },
    /** Accepts the order: its unpaid invoice now stands on the customer's account. */
    accept: (r: Target) => send(r, 'AcceptOrder', {}),
    /** Turns the order down; only before acceptance. */
    cancel: (r: Target & { readonly reason?: string }) =>
      send(r, 'CancelOrder', r.reason === undefined ? {} : { reason: r.reason }),
    /** Marks one line delivered. */
    deliver: (r: Target & { readonly lineId: string }) => send(r, 'DeliverOrderLine', { lineId: r.lineId }),
    /** Pays the invoice with `method` (deposit from the wallet, cash or card); points lines take points. */
    pay: async (r: Target & { readonly method: PaymentMethod }): Outcome<OrderResult> => {
      const meta = metadata(r, { orderId: r.orderId });
      if (E.isLeft(meta)) return meta;
      return result(r.orderId)(
        await payOrder(process(r.tenantId), {
          type: 'PayOrder',
          data: { orderId: r.orderId, method: r.method },
          metadata: meta.right,
        }),
      );
    },
    /** Delivers every line and finishes the order; an unpaid invoice becomes the customer's debt. */
    complete: (r: Target) => send(r, 'CompleteOrder', {}),
    /** Annuls the invoice and cancels the order, giving back what was paid. */
    void: (r: Target & { readonly reason: string }) => send(r, 'VoidOrder', { reason: r.reason }),
    /** Moves the order, and its debt, to another customer, saying why. */
    changeCustomer: async (
      r: Target & { readonly customerId: string; readonly reason: string },
    ): Outcome<OrderResult> => {
      const named = checkRequest(r.tenantId, { orderId: r.orderId, customerId: r.customerId });
      if (E.isLeft(named)) return named;
      const admitted = await admit(r.tenantId, r.customerId);
      if (E.isLeft(admitted)) return admitted;
      return send(r, 'ChangeOrderCustomer', { customerId: r.customerId, reason: r.reason });
    },
    /** Finishes whatever a crash left undone on the order (a payment under way, wallet effects). */
    resume: async (r: Target): Outcome<OrderView> => {
      const meta = metadata(r, { orderId: r.orderId });
      if (E.isLeft(meta)) return meta;
      const done = await resumeOrder(process(r.tenantId), meta.right, r.orderId);
      if (E.isLeft(done)) return done;
      const state = done.right.state;
      return state.status === 'absent'
        ? E.left(
            new DomainError(stateCode('absent'), `There is no order ${r.orderId}.`, { orderId: r.orderId }),
          )
        : E.right(view(state));
    },
    /** Reads one order; with an actor, only if the shop's `mayRead` lets it (a customer: its own orders). No actor means a trusted caller. */
    get: async (tenantId: string, orderId: string, actor?: Actor): Outcome<OrderView> => {
      const tenant = checkRequest(tenantId, { orderId });
      if (E.isLeft(tenant)) return tenant;
      const read = await readOrder(deps.store, tenantId, orderId);
      if (E.isLeft(read)) return read;
      const { state } = read.right;
      if (state.status === 'absent')
        return E.left(new DomainError(stateCode('absent'), `There is no order ${orderId}.`, { orderId }));
      if (actor !== undefined && !deps.policyFor(tenantId).mayRead(actor, state))
        return E.left(
          new PermissionError('order.forbidden', `A ${actor.role} may not read this order.`, {
            role: actor.role,
            actorId: actor.id,
            orderId,
          }),
        );
      return E.right(view(state));
    },
  };
};

/** The orders facade. */
export type OrdersFacade = ReturnType<typeof ordersFacade>;

import * as E from 'fp-ts/Either';
import type { CommandMetadata } from '../../kernel/decider';
import { handleCommand, type CommandError } from '../../kernel/handleCommand';
import {
  customerOrderIndexAggregate,
  customerOrdersStream,
  readCustomerOrderIndex,
  type CustomerOrderIndexCommand,
} from '../../order/customerOrderIndex';
import type { OrderCommand } from '../../order/orderCommands';
import type { OrderEvent } from '../../order/orderEvents';
import type { OrderHistory } from '../../order/orderStream';
import type { OrderProcessDeps } from './orderPayment';

/** One write to a customer's order index, keyed by the order command that calls for it. */
interface IndexStep {
  readonly key: string;
  readonly command: Omit<CustomerOrderIndexCommand, 'metadata'>;
}

const link = (commandId: string, orderId: string, customerId: string): IndexStep => ({
  key: `${commandId}:link`,
  command: { type: 'LinkOrder', data: { orderId, customerId } },
});

/** The customer an order command is about to make the order name, if any. */
const newHolder = (command: OrderCommand): string | undefined => {
  switch (command.type) {
    case 'PlaceOrder':
    case 'ChangeOrderCustomer':
    case 'MoveMergedOrder':
      return command.data.customerId;
    default:
      return undefined;
  }
};

/**
 * The index writes a written order event calls for. A placed order calls for none: `linkFirst`
 * wrote its link before the event, and checking again would read the customer's whole index on
 * every command on the order. A move (rare) calls for its unlink, and its link again (a no-op when
 * done) as a safety net.
 */
const stepsOf = (event: OrderEvent, commandId: string): readonly IndexStep[] => {
  switch (event.type) {
    case 'OrderCustomerChanged':
    case 'OrderMovedByMerge': {
      const { orderId, fromCustomerId, toCustomerId } = event.data;
      return [
        link(commandId, orderId, toCustomerId),
        {
          key: `${commandId}:unlink`,
          command: {
            type: 'UnlinkOrder',
            data: { orderId, customerId: fromCustomerId, toCustomerId },
          },
        },
      ];
    }
    default:
      return [];
  }
};

const send = (deps: OrderProcessDeps, meta: CommandMetadata, step: IndexStep) =>
  handleCommand(
    deps.store,
    customerOrderIndexAggregate,
    customerOrdersStream(meta.tenantId, step.command.data.customerId),
    {
      ...step.command,
      metadata: { ...meta, commandId: step.key, causationId: meta.commandId },
    } as CustomerOrderIndexCommand,
    { cache: deps.cache },
  );

/**
 * Before an order command makes the order name a customer, that customer's index lists it: so the
 * index may list an order that (after a crash or refusal) does not name the customer, never miss
 * one that does. Readers check the order itself.
 */
export const linkFirst = async (
  deps: OrderProcessDeps,
  command: OrderCommand,
): Promise<E.Either<CommandError, void>> => {
  const holder = newHolder(command);
  if (holder === undefined) return E.right(undefined);
  const done = await send(
    deps,
    command.metadata,
    link(command.metadata.commandId, command.data.orderId, holder),
  );
  return E.map(() => undefined)(done);
};

/**
 * Writes whatever index entries the order's events still call for (an unlink a crash cut off),
 * reading each customer's index once and skipping steps already written.
 */
export const settleLinks = async (
  deps: OrderProcessDeps,
  meta: CommandMetadata,
  history: OrderHistory,
): Promise<E.Either<CommandError, void>> => {
  const steps = history.events.flatMap(({ event, commandId }) => stepsOf(event, commandId));
  const written = new Map<string, ReadonlySet<string>>();
  for (const step of steps) {
    const customerId = step.command.data.customerId;
    let ids = written.get(customerId);
    if (ids === undefined) {
      const read = await readCustomerOrderIndex(deps.store, meta.tenantId, customerId);
      if (E.isLeft(read)) return read;
      ids = read.right.commandIds;
      written.set(customerId, ids);
    }
    if (ids.has(step.key)) continue;
    const done = await send(deps, meta, step);
    if (E.isLeft(done)) return done;
  }
  return E.right(undefined);
};

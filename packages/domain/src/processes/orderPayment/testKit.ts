import * as E from 'fp-ts/Either';
import type { CommandMetadata } from '../../kernel/decider';
import type { EventStore } from '../../kernel/eventStore';
import { inMemoryEventStore } from '../../kernel/inMemoryEventStore';
import type { OrderCommand, PayOrder, RequestedLine } from '../../order/orderCommands';
import type { PaymentMethod } from '../../order/orderEvents';
import { sampleCatalogItems } from '../../order/sampleCatalog';
import { readOrder } from '../../order/orderStream';
import { defaultWalletPolicy } from '../../wallet/walletPolicy';
import { orderMoney, type WalletState } from '../../wallet/walletState';
import { handleWalletCommand, readWallet } from '../../wallet/walletStream';
import { handleOrderCommand, payOrder, type OrderProcessDeps } from './orderPayment';

const TENANT = 'shop1';

/** Metadata of a test command sent by an operator. */
export const opMeta = (commandId: string): CommandMetadata => ({
  commandId,
  tenantId: TENANT,
  actor: { role: 'operator', id: 'op-1' },
  now: new Date('2026-03-01T10:00:00Z'),
});

type Data<T extends OrderCommand['type']> = Omit<Extract<OrderCommand, { type: T }>['data'], 'orderId'>;

/** One order and the wallets around it, driven through the process as a till would. */
export const orderWorld = (store: EventStore = inMemoryEventStore(), orderId = 'o1') => {
  const deps: OrderProcessDeps = { store, walletPolicy: defaultWalletPolicy };
  const send = <T extends Exclude<OrderCommand['type'], 'PayOrder'>>(
    type: T,
    data: Data<T>,
    commandId: string,
  ) =>
    handleOrderCommand(deps, {
      type,
      data: { ...data, orderId },
      metadata: opMeta(commandId),
    } as Exclude<OrderCommand, PayOrder>);
  const wallet = async (customerId = 'alice'): Promise<WalletState> => {
    const read = await readWallet(store, TENANT, customerId);
    if (E.isLeft(read)) throw read.left;
    return read.right;
  };
  return {
    deps,
    store,
    send,
    place: (lines: readonly RequestedLine[], commandId = 'place') =>
      send(
        'PlaceOrder',
        {
          customerId: 'alice',
          currency: 'EUR',
          paymentMethod: 'deposit',
          lines,
          catalog: sampleCatalogItems,
          discountRules: [],
        },
        commandId,
      ),
    pay: (method: PaymentMethod, commandId: string) =>
      payOrder(deps, { type: 'PayOrder', data: { orderId, method }, metadata: opMeta(commandId) }),
    topUp: async (amount: number, customerId = 'alice', commandId = `top-up-${amount}-${customerId}`) => {
      const done = await handleWalletCommand(store, defaultWalletPolicy, {
        type: 'TopUp',
        data: { customerId, amount, currency: 'EUR', method: 'cash' },
        metadata: opMeta(commandId),
      });
      if (E.isLeft(done)) throw done.left;
    },
    grantPoints: async (points: number, customerId = 'alice') => {
      const done = await handleWalletCommand(store, defaultWalletPolicy, {
        type: 'EarnPoints',
        data: { customerId, points, source: { kind: 'manual', reason: 'welcome gift' } },
        metadata: opMeta(`grant-${points}-${customerId}`),
      });
      if (E.isLeft(done)) throw done.left;
    },
    wallet,
    order: async () => {
      const read = await readOrder(store, TENANT, orderId);
      if (E.isLeft(read)) throw read.left;
      return read.right;
    },
    /** Money the order took from a wallet and did not give back. */
    taken: async (customerId = 'alice') => {
      const o = orderMoney(await wallet(customerId), orderId);
      return o.spent - o.refunded;
    },
  };
};

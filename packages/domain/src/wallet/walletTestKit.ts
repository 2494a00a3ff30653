import type { Actor, Role } from '../kernel/envelope';
import type { WalletCommand } from './walletCommands';
import { defaultWalletPolicy, type WalletPolicy } from './walletPolicy';

/** Tenant and customer the wallet tests act on. */
export const TENANT = 'shop1';
/** The customer whose wallet the tests use. */
export const CUSTOMER = 'cust-1';
/** The instant the tests' commands are sent at. */
export const T0 = '2026-03-01T10:00:00.000Z';

/** A shop in PLN whose points last 30 days. */
export const testPolicy: WalletPolicy = {
  ...defaultWalletPolicy,
  currency: 'PLN',
  pointsExpireAfterDays: 30,
};

/** An actor of the given role. */
export const as = (role: Role, id = `${role}-1`): Actor => ({ role, id });

type Body<T extends WalletCommand['type']> = Omit<
  Extract<WalletCommand, { type: T }>['data'],
  'customerId'
> & {
  readonly customerId?: string;
};

// Movements only the order process may make (see defaultWalletAuthorization).
const orderBound = new Set<WalletCommand['type']>(['Refund', 'ReversePoints', 'RecordDebt', 'SettleDebt']);

/** A wallet command for CUSTOMER at T0, sent by an operator, or by the order process (system) for an order-bound movement, unless told otherwise. */
export const cmd = <T extends WalletCommand['type']>(
  type: T,
  data: Body<T>,
  options: { readonly id?: string; readonly actor?: Actor; readonly now?: string } = {},
): Extract<WalletCommand, { type: T }> =>
  ({
    type,
    data: { customerId: CUSTOMER, ...data },
    metadata: {
      commandId: options.id ?? 'c1',
      tenantId: TENANT,
      actor: options.actor ?? (orderBound.has(type) ? as('system', 'order-process') : as('operator')),
      now: new Date(options.now ?? T0),
    },
  }) as unknown as Extract<WalletCommand, { type: T }>;

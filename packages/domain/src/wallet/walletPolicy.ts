import type { Actor } from '../kernel/envelope';

/** Every wallet action an actor may be allowed or refused. */
export type WalletAction =
  | 'read'
  | 'topUp'
  | 'redeemVoucher'
  | 'spend'
  | 'refund'
  | 'adjust'
  | 'earnPoints'
  | 'redeemPoints'
  | 'reversePoints'
  | 'adjustPoints'
  | 'expirePoints'
  | 'recordDebt'
  | 'settleDebt'
  | 'transfer';

/** Decides whether an actor may perform an action on one customer's wallet. */
export type WalletAuthorization = (actor: Actor, action: WalletAction, customerId: string) => boolean;

/** How a shop turns a payment into loyalty points. */
export interface EarningRule {
  /** Identifies the rule in the source of the points it grants, so a lot can name the rule behind it. */
  readonly ruleId: string;
  /** Points granted per whole currency unit paid with money (never for what was paid with points). */
  readonly pointsPerUnit: number;
}

/** Per-shop wallet settings. */
export interface WalletPolicy {
  /** ISO 4217 code of the shop's currency; a wallet never holds another. */
  readonly currency: string;
  /** Minor units in one whole currency unit (100 for EUR or PLN, 1 for JPY). */
  readonly minorUnitsPerUnit: number;
  readonly earning: EarningRule;
  /** Points expire this many days after they were earned; absent means they never expire. */
  readonly pointsExpireAfterDays?: number;
  /** Most debt (minor units) a customer may owe; absent means no limit. */
  readonly creditLimit?: number;
  readonly authorize: WalletAuthorization;
}

const staff = new Set(['operator', 'manager', 'system']);
const managerOnly = new Set<WalletAction>(['adjust', 'adjustPoints']);
// Order-bound movements are the order process's: a debt, refund or reversal written beside the
// order would leave it unable to be paid or voided (docs/events/wallet.md, "Who may do what").
const systemOnly = new Set<WalletAction>(['transfer', 'refund', 'reversePoints', 'recordDebt', 'settleDebt']);
const customerOwn = new Set<WalletAction>(['read', 'spend', 'redeemPoints']);

/**
 * Default roles: a customer reads its own wallet and pays from it (money or points); operators
 * do the till work; adjustments are a manager's; merge transfers and an order's debt, refunds and
 * points reversals are the library's own processes (system), which may also do everything else.
 */
export const defaultWalletAuthorization: WalletAuthorization = (actor, action, customerId) => {
  if (actor.role === 'system') return true;
  if (systemOnly.has(action)) return false;
  if (actor.role === 'customer') return customerOwn.has(action) && actor.id === customerId;
  if (managerOnly.has(action)) return actor.role === 'manager';
  return staff.has(actor.role);
};

/** A shop in euros: 1 point per whole euro paid with money, points never expire, no credit limit. */
export const defaultWalletPolicy: WalletPolicy = {
  currency: 'EUR',
  minorUnitsPerUnit: 100,
  earning: { ruleId: 'default', pointsPerUnit: 1 },
  authorize: defaultWalletAuthorization,
};

// The business rules of the bench's registration and wallet deciders, shared by the tillstream and
// the Emmett versions so that both do exactly the same domain work; only the plumbing differs.

/** A refusal, as each library will turn it into its own error shape. */
export interface Refusal {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
}

/** A rule's outcome: the event data to record, or a refusal. */
export type Outcome<D> = { readonly ok: true; readonly data: D } | Refusal;

const refuse = (code: string, message: string): Refusal => ({ ok: false, code, message });

/** What a cashier types to register a customer (phone already normalised to E.164). */
export type RegisterData = {
  readonly customerId: string;
  readonly phone?: string;
  readonly cardNumber?: string;
  readonly firstName: string;
  readonly lastName: string;
};

/** The event data of a registration. */
export type RegisteredData = RegisterData & { readonly registeredAt: string };

/** A customer as the registration decider folds it. */
export interface CustomerState {
  readonly registered: boolean;
}

/** Registration: once per customer, with a phone or a card, and a first name. */
export const register = (state: CustomerState, data: RegisterData, now: Date): Outcome<RegisteredData> => {
  if (state.registered) return refuse('customer.already_registered', 'This customer is already registered.');
  if (data.phone === undefined && data.cardNumber === undefined)
    return refuse('customer.no_identifier', 'A customer needs a phone number or a card.');
  if (data.firstName.trim() === '') return refuse('customer.first_name_missing', 'Type a first name.');
  return { ok: true, data: { ...data, registeredAt: now.toISOString() } };
};

/** A wallet as its decider folds it: balance in minor units. */
export interface WalletState {
  readonly balance: number;
}

/** The event data of a top-up or a spend. */
export type MovementData = { readonly amount: number; readonly balance: number; readonly at: string };

/** A top-up: a positive whole amount of minor units. */
export const topUp = (state: WalletState, amount: number, now: Date): Outcome<MovementData> =>
  Number.isSafeInteger(amount) && amount > 0
    ? { ok: true, data: { amount, balance: state.balance + amount, at: now.toISOString() } }
    : refuse('wallet.invalid_amount', 'A top-up is a positive amount.');

/** A spend: a positive whole amount no larger than the balance. */
export const spend = (state: WalletState, amount: number, now: Date): Outcome<MovementData> => {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    return refuse('wallet.invalid_amount', 'A spend is a positive amount.');
  if (amount > state.balance)
    return refuse('wallet.insufficient_funds', 'The wallet does not hold enough money.');
  return { ok: true, data: { amount, balance: state.balance - amount, at: now.toISOString() } };
};

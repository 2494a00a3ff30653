import * as E from 'fp-ts/Either';
import type { Actor } from '../kernel/envelope';
import { PermissionError } from '../kernel/errors';
import type { CardFormat } from '../values/cardNumber';
import type { CountryCode } from '../values/country';

/** A field a shop may require when a customer is registered (and then refuses to see removed). */
export type RequirableField =
  'phone' | 'card' | 'firstName' | 'lastName' | 'gender' | 'email' | 'address' | 'taxId' | 'whatsApp';

/** Everything an actor may ask of the customer context. */
export type CustomerAction =
  | 'RegisterCustomer'
  | 'UpdateProfile'
  | 'ChangePhone'
  | 'RemovePhone'
  | 'AssignCard'
  | 'RemoveCard'
  | 'AssignGroup'
  | 'LeaveGroup'
  | 'SetPriceModifiers'
  | 'ChangePreferences'
  | 'SetComments'
  | 'ForgetCustomer'
  | 'CreateGroup'
  | 'RenameGroup'
  | 'SetGroupDiscounts'
  | 'ArchiveGroup'
  | 'ReadCustomer'
  | 'ReadGroup'
  | 'ReadMerge';

/** Decides whether an actor may perform an action; `subjectId` is the customer or group acted on. */
export type ActorRule = (
  actor: Actor,
  action: CustomerAction,
  subjectId: string,
) => E.Either<PermissionError, void>;

/** Actions that set prices: managers' work, since they change what the shop earns. */
const PRICING: ReadonlySet<CustomerAction> = new Set<CustomerAction>([
  'SetPriceModifiers',
  'CreateGroup',
  'RenameGroup',
  'SetGroupDiscounts',
  'ArchiveGroup',
]);

const refuse = (actor: Actor, action: CustomerAction, subjectId: string, why: string) =>
  E.left(
    new PermissionError('customer.actor_not_allowed', `A ${actor.role} cannot ${why}.`, {
      role: actor.role,
      actorId: actor.id,
      action,
      subjectId,
    }),
  );

/**
 * The default rules: operators register and edit customers; managers and the system may do
 * everything, including prices and groups, except that only a manager may forget a customer; a
 * customer may only read itself and change its own preferences. Staff read everything.
 */
export const defaultActorRule: ActorRule = (actor, action, subjectId) => {
  // Erasure cannot be undone and answers a person's request: a manager decides it, nobody else.
  if (action === 'ForgetCustomer' && actor.role !== 'manager')
    return refuse(actor, action, subjectId, "erase a customer's personal data; ask a manager");
  switch (actor.role) {
    case 'system':
    case 'manager':
      return E.right(undefined);
    case 'operator':
      return PRICING.has(action)
        ? refuse(actor, action, subjectId, 'change prices or customer groups; ask a manager')
        : E.right(undefined);
    case 'customer':
      return (action === 'ChangePreferences' || action === 'ReadCustomer') && actor.id === subjectId
        ? E.right(undefined)
        : refuse(
            actor,
            action,
            subjectId,
            'do this; a customer may only see their own account and change their own preferences',
          );
  }
};

/** A shop's settings for its customers: one per tenant, passed to the facade as `policyFor`. */
export interface CustomerPolicy {
  /** Reads phone numbers typed without a country code (RU: `8 916…` is `+7 916…`). */
  readonly defaultCountry?: CountryCode;
  /** Refuse landlines as the customer's phone. */
  readonly requireMobile: boolean;
  /** How the shop's card reader types cards. */
  readonly cardFormat: CardFormat;
  /** Fields a registration must have, beyond the phone-or-card rule. */
  readonly requiredFields: readonly RequirableField[];
  /** Refuse a tax id another customer has (otherwise the result carries a warning). */
  readonly uniqueTaxId: boolean;
  /** Refuse an email another customer has (otherwise the result carries a warning). */
  readonly uniqueEmail: boolean;
  /** How long an unconfirmed reservation of a registration that died is kept before others may reclaim it. */
  readonly orphanGraceMs: number;
  /** Who may do what; replace it to change the rules. */
  readonly mayAct: ActorRule;
}

/** Nothing required beyond a phone or a card, tax id and email not unique, a 15-minute grace period. */
export const defaultCustomerPolicy: CustomerPolicy = {
  requireMobile: false,
  cardFormat: 'plain',
  requiredFields: [],
  uniqueTaxId: false,
  uniqueEmail: false,
  orphanGraceMs: 15 * 60_000,
  mayAct: defaultActorRule,
};

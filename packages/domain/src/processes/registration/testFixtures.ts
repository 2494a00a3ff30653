import * as E from 'fp-ts/Either';
import type { RegisterCustomer } from '../../customer/customerCommands';
import { defaultPreferences, type CustomerProfile } from '../../customer/customerProfile';
import type { Role } from '../../kernel/envelope';
import type { EventStore } from '../../kernel/eventStore';
import { parseCardNumber, type CardNumber } from '../../values/cardNumber';
import { parsePhone, type PhoneNumber } from '../../values/phoneNumber';
import { readReservation, reservationTarget } from '../reservation/reservations';

/** The secret the process tests hash with. */
export const SECRET = 'test-secret';

const value = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

/** A Russian number as a cashier would type it. */
export const ruPhone = (typed: string): PhoneNumber => value(parsePhone(typed, { defaultCountry: 'RU' }));

/** A plain card number. */
export const card = (typed: string): CardNumber => value(parseCardNumber(typed));

/** Command metadata at a given instant. */
export const metadata = (commandId: string, now: Date, role: Role = 'operator') => ({
  commandId,
  tenantId: 'shop1',
  actor: { role, id: 'op-1' },
  now,
});

/** A registration command with parsed values. */
export const registration = (
  customerId: string,
  commandId: string,
  profile: Partial<CustomerProfile>,
  now = new Date('2026-03-01T10:00:00Z'),
): RegisterCustomer => ({
  type: 'RegisterCustomer',
  data: { customerId, profile: { preferences: defaultPreferences, ...profile } },
  metadata: metadata(commandId, now),
});

/** Who holds a value, read from its reservation stream. */
export const holderOf = async (store: EventStore, kind: string, normalised: string) => {
  const read = value(await readReservation(store, reservationTarget(SECRET, kind, 'shop1', normalised)));
  return read.state;
};

import { reservationTarget, type ReservationTarget } from '../processes/reservation/reservations';

/** Reservation kind of gift voucher and gift card codes: `unique-voucher-{tenant}.{hash}`. */
export const VOUCHER_KIND = 'voucher';

/** The code as printed, whatever the cashier typed: blanks and dashes dropped, upper case. */
export const normaliseVoucherCode = (code: string): string => code.replace(/[\s-]+/g, '').toUpperCase();

/** The reservation stream target of a voucher code, keyed by the tenant's secret so no code is stored in clear. */
export const voucherTarget = (secret: string, tenantId: string, code: string): ReservationTarget =>
  reservationTarget(secret, VOUCHER_KIND, tenantId, normaliseVoucherCode(code));

/** The holder of a voucher reservation: the redemption (customer and idempotency key) that used it. */
export const voucherHolder = (customerId: string, key: string): string =>
  `${encodeURIComponent(customerId)}|${encodeURIComponent(key)}`;

/** Reads back a voucher holder; undefined for anything `voucherHolder` did not make. */
export const parseVoucherHolder = (
  holderId: string,
): { readonly customerId: string; readonly key: string } | undefined => {
  const [customerId, key, ...rest] = holderId.split('|');
  return customerId && key && rest.length === 0
    ? { customerId: decodeURIComponent(customerId), key: decodeURIComponent(key) }
    : undefined;
};

import { ERASED } from '../privacy/erased';
import type { PersonalDataSchema } from '../privacy/personalDataSchema';
import type { WalletEvent } from './walletEvents';

const reason = [{ path: 'reason', erased: ERASED }];

/**
 * The personal fields of wallet events: the reasons a manager types for a refund or a correction
 * (a voided order's reason comes along into its refund), sealed under the wallet's customer (the
 * stream's id). Amounts, balances, lots, ids and voucher references (keyed hashes) stay in clear.
 */
export const walletPersonalData: PersonalDataSchema<WalletEvent['type']> = {
  category: 'wallet',
  fields: {
    WalletToppedUp: [],
    WalletSpent: [],
    WalletRefunded: reason,
    WalletAdjusted: reason,
    WalletMoneyTransferredOut: [],
    WalletMoneyTransferredIn: [],
    PointsEarned: [],
    PointsRedeemed: [],
    PointsEarningReversed: [],
    PointsRedemptionReversed: [],
    PointsDeducted: reason,
    PointsExpired: [],
    PointsTransferredOut: [],
    PointsTransferredIn: [],
    DebtRecorded: [],
    DebtSettled: [],
    DebtTransferredOut: [],
    DebtTransferredIn: [],
    OrderClaimsTransferredOut: [],
    OrderClaimsTransferredIn: [],
    WalletMergedInto: [],
  },
};

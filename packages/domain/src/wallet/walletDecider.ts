import * as E from 'fp-ts/Either';
import type { Decider } from '../kernel/decider';
import { DomainError, PermissionError } from '../kernel/errors';
import type { Aggregate } from '../kernel/handleCommand';
import { decideRecordDebt, decideSettleDebt } from './decideDebt';
import { decideAdjust, decideRefund, decideSpend, decideTopUp } from './decideMoney';
import { decideAdjustPoints, decideEarn, decideRedeem, decideReverse, expireLots } from './decidePoints';
import { decideTransferIn, decideTransferOut } from './decideTransfer';
import type { WalletCommand } from './walletCommands';
import { walletEvents, type WalletEvent } from './walletEvents';
import type { WalletAction, WalletPolicy } from './walletPolicy';
import { evolveWallet, initialWalletState, type WalletState } from './walletState';

/** The action a command needs permission for. */
export const walletActionOf = (command: WalletCommand): WalletAction => {
  switch (command.type) {
    case 'TopUp':
      return command.data.method === 'gift_voucher' || command.data.method === 'gift_card'
        ? 'redeemVoucher'
        : 'topUp';
    case 'Spend':
      return 'spend';
    case 'Refund':
      return 'refund';
    case 'Adjust':
      return 'adjust';
    case 'EarnPoints':
      return 'earnPoints';
    case 'RedeemPoints':
      return 'redeemPoints';
    case 'ReversePoints':
      return 'reversePoints';
    case 'AdjustPoints':
      return 'adjustPoints';
    case 'ExpirePoints':
      return 'expirePoints';
    case 'RecordDebt':
      return 'recordDebt';
    case 'SettleDebt':
      return 'settleDebt';
    case 'TransferOut':
    case 'TransferIn':
      return 'transfer';
  }
};

const decide = (c: WalletCommand, s: WalletState, p: WalletPolicy) => {
  switch (c.type) {
    case 'TopUp':
      return decideTopUp(c, s, p);
    case 'Spend':
      return decideSpend(c, s, p);
    case 'Refund':
      return decideRefund(c, s, p);
    case 'Adjust':
      return decideAdjust(c, s, p);
    case 'EarnPoints':
      return decideEarn(c, s, p);
    case 'RedeemPoints':
      return decideRedeem(c, s);
    case 'ReversePoints':
      return decideReverse(c, s);
    case 'AdjustPoints':
      return decideAdjustPoints(c, s, p);
    case 'ExpirePoints':
      return E.right(expireLots(s, c.metadata.now).events);
    case 'RecordDebt':
      return decideRecordDebt(c, s, p);
    case 'SettleDebt':
      return decideSettleDebt(c, s, p);
    case 'TransferOut':
      return decideTransferOut(c, s, p);
    case 'TransferIn':
      return decideTransferIn(c, s, p);
  }
};

/** The wallet decider under one shop's policy: checks the actor, refuses a merged-away wallet, then decides. */
export const walletDecider = (policy: WalletPolicy): Decider<WalletCommand, WalletEvent, WalletState> => ({
  initialState: initialWalletState,
  evolve: evolveWallet,
  decide: (command, state) => {
    const { actor } = command.metadata;
    const action = walletActionOf(command);
    if (!policy.authorize(actor, action, command.data.customerId))
      return E.left(
        new PermissionError(
          'wallet.forbidden',
          `${actor.role === 'operator' ? 'An' : 'A'} ${actor.role} may not ${action} on this wallet.`,
          {
            role: actor.role,
            actorId: actor.id,
            action,
            customerId: command.data.customerId,
          },
        ),
      );
    if (state.mergedInto !== undefined)
      return E.left(
        new DomainError(
          'wallet.merged',
          `This customer was merged into ${state.mergedInto.customerId}; use that customer's wallet.`,
          { survivorCustomerId: state.mergedInto.customerId, mergeId: state.mergedInto.mergeId },
        ),
      );
    return decide(command, state, policy);
  },
});

/** The wallet decider and its event catalog, ready for `handleCommand`. */
export const walletAggregate = (
  policy: WalletPolicy,
): Aggregate<WalletCommand, WalletEvent, WalletState> => ({
  decider: walletDecider(policy),
  events: walletEvents,
});

import type { OrderEvent, OrderPaymentStarted } from '../../order/orderEvents';
import type { WalletCommand } from '../../wallet/walletCommands';

type Intent<C> = C extends WalletCommand
  ? { readonly key: string; readonly type: C['type']; readonly data: C['data'] }
  : never;

/** One wallet command an order needs, with its idempotency key (used as the wallet command id). */
export type WalletStep = Intent<WalletCommand>;

/** `order:<orderId>:payment:<n>:<step>`: the same payment always gets the same wallet keys. */
export const paymentKey = (orderId: string, paymentNumber: number, step: string): string =>
  `order:${orderId}:payment:${paymentNumber}:${step}`;

/** What paying takes from the wallet, in the order it is taken: points per line, money, then the debt. */
export const paymentSteps = (p: OrderPaymentStarted['data']): readonly WalletStep[] => [
  ...p.pointsLines.map((line): WalletStep => ({
    key: paymentKey(p.orderId, p.paymentNumber, `points-redeem:${line.lineId}`),
    type: 'RedeemPoints',
    data: { customerId: p.customerId, orderId: p.orderId, orderLineId: line.lineId, points: line.points },
  })),
  ...(p.method === 'deposit' && p.money > 0
    ? [
        {
          key: paymentKey(p.orderId, p.paymentNumber, 'wallet-debit'),
          type: 'Spend',
          data: { customerId: p.customerId, orderId: p.orderId, amount: p.money, currency: p.currency },
        } satisfies WalletStep,
      ]
    : []),
  ...(p.debtToSettle > 0
    ? [
        {
          key: paymentKey(p.orderId, p.paymentNumber, 'debt-settle'),
          type: 'SettleDebt',
          data: {
            customerId: p.customerId,
            orderId: p.orderId,
            amount: p.debtToSettle,
            currency: p.currency,
          },
        } satisfies WalletStep,
      ]
    : []),
];

/** What gives back a failed payment's steps; a key ending in `:revert` marks the payment as failing. */
export const paymentReverts = (p: OrderPaymentStarted['data']): readonly WalletStep[] => [
  ...(p.method === 'deposit' && p.money > 0
    ? [
        {
          key: paymentKey(p.orderId, p.paymentNumber, 'wallet-debit:revert'),
          type: 'Refund',
          data: {
            customerId: p.customerId,
            orderId: p.orderId,
            amount: p.money,
            currency: p.currency,
            reason: 'payment failed',
          },
        } satisfies WalletStep,
      ]
    : []),
  ...(p.points > 0
    ? [
        {
          key: paymentKey(p.orderId, p.paymentNumber, 'points-redeem:revert'),
          type: 'ReversePoints',
          data: { customerId: p.customerId, orderId: p.orderId },
        } satisfies WalletStep,
      ]
    : []),
];

/** The wallet commands an order event causes once it is written (effects after the fact). */
export const effectsOf = (event: OrderEvent, earningRuleId: string): readonly WalletStep[] => {
  const d = event.data;
  switch (event.type) {
    case 'OrderPaid':
      return event.data.pointsEarned > 0
        ? [
            {
              key: paymentKey(event.data.orderId, event.data.paymentNumber, 'points-earn'),
              type: 'EarnPoints',
              data: {
                customerId: event.data.customerId,
                points: event.data.pointsEarned,
                source: { kind: 'order', orderId: event.data.orderId, ruleId: earningRuleId },
              },
            },
          ]
        : [];
    case 'OrderCompleted':
      return event.data.debt > 0
        ? [
            {
              key: `order:${d.orderId}:complete:debt-record`,
              type: 'RecordDebt',
              data: {
                customerId: event.data.customerId,
                orderId: event.data.orderId,
                amount: event.data.debt,
                currency: event.data.currency,
              },
            },
          ]
        : [];
    case 'OrderVoided': {
      const v = event.data;
      const base = { customerId: v.customerId, orderId: v.orderId };
      return [
        ...(v.depositReturned > 0
          ? [
              {
                key: `order:${v.orderId}:void:wallet-refund`,
                type: 'Refund',
                data: { ...base, amount: v.depositReturned, currency: v.currency, reason: v.reason },
              } satisfies WalletStep,
            ]
          : []),
        ...(v.pointsReturned > 0 || v.pointsEarnedReversed > 0
          ? [
              {
                key: `order:${v.orderId}:void:points-reverse`,
                type: 'ReversePoints',
                data: base,
              } satisfies WalletStep,
            ]
          : []),
        ...(v.debtRemoved > 0
          ? [
              {
                key: `order:${v.orderId}:void:debt-remove`,
                type: 'SettleDebt',
                data: { ...base, amount: v.debtRemoved, currency: v.currency },
              } satisfies WalletStep,
            ]
          : []),
      ];
    }
    case 'OrderCustomerChanged': {
      const c = event.data;
      if (c.debtMoved === 0) return [];
      const key = (step: string) => `order:${c.orderId}:customer-change:${c.changeNumber}:${step}`;
      const debt = { orderId: c.orderId, amount: c.debtMoved, currency: c.currency };
      return [
        // The new holder first: if its credit limit refuses, the old one still owes and nothing moved.
        { key: key('debt-in'), type: 'RecordDebt', data: { ...debt, customerId: c.toCustomerId } },
        { key: key('debt-out'), type: 'SettleDebt', data: { ...debt, customerId: c.fromCustomerId } },
      ];
    }
    default:
      return [];
  }
};

import {
  createTillstream,
  manualClock,
  sampleCatalog,
  seededIds,
  type OrderResult,
  type OrderView,
} from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { eur, must } from './chapterKit';
import { heading, type Print } from './output';

const bill = (print: Print, order: OrderView) => {
  for (const line of order.lines) {
    const price =
      line.payWith === 'points'
        ? `${line.points} points`
        : line.rule === undefined
          ? eur(line.netPrice)
          : `${eur(line.listPrice)} − ${eur(line.discount)} (${line.rule.label}) = ${eur(line.netPrice)}`;
    print(`  line ${line.lineId}: ${line.quantity} × ${line.name} [${line.kind}] ${price}`);
  }
  print(`  total: ${eur(order.totals.money)} and ${order.totals.points} points`);
};

/** Orders in a gaming café: a discounted order paid by deposit, one left as debt, one voided. */
export const orderChapter = async (print: Print): Promise<void> => {
  heading(print, 'Orders: from the customer screen to the wallet');
  const clock = manualClock('2026-03-02T18:00:00.000Z');
  const ids = seededIds('demo-orders');
  const till = createTillstream({
    clock,
    ids,
    catalog: sampleCatalog('cafe'),
    policy: { customer: { defaultCountry: 'PL' } },
  });
  const { orders } = till;
  const staff = { tenantId: 'cafe', actor: { role: 'operator' as const, id: 'kasia' } };
  const manager = { tenantId: 'cafe', actor: { role: 'manager' as const, id: 'ola' } };

  const group = must(
    'create group',
    await till.customers.createGroup(manager, {
      groupId: 'regulars',
      name: 'regulars',
      discounts: [{ target: { kind: 'everything' }, adjustment: { kind: 'percent', basisPoints: 500 } }],
    }),
  );
  const { customerId } = must(
    'register',
    await till.customers.register(staff, {
      phone: '+48 601 234 567',
      firstName: 'Marek',
      groupId: group.groupId,
    }),
  );
  const marek = { tenantId: 'cafe', actor: { role: 'customer' as const, id: customerId } };
  const wallet = { ...staff, customerId };
  must(
    'top up',
    await till.wallets.topUp({ ...wallet, amount: 3000, method: 'cash', idempotencyKey: 'top-up-1' }),
  );
  must(
    'welcome points',
    await till.wallets.earnPoints({ ...wallet, points: 100, source: { kind: 'manual', reason: 'welcome' } }),
  );
  print(`Marek is in the group "regulars −5%", has ${eur(3000)} on deposit and 100 points`);

  print('Marek orders from his screen: 2 colas, a combo, and 3 hours of play paid with points');
  const sneaky = await orders.place({
    ...marek,
    customerId,
    lines: [{ productId: 'cola', quantity: 2, payWith: 'money', price: 1 } as never],
    paymentMethod: 'deposit',
  });
  print(
    `  (a request carrying its own price is refused: ${E.isLeft(sneaky) ? sneaky.left.code : 'accepted?!'})`,
  );
  const first: OrderResult = must(
    'place',
    await orders.place({
      ...marek,
      customerId,
      idempotencyKey: 'screen-1',
      lines: [
        { productId: 'cola', quantity: 2, payWith: 'money' },
        { productId: 'gamer-combo', quantity: 1, payWith: 'money' },
        { productId: 'play-3h', quantity: 1, payWith: 'points' },
      ],
      paymentMethod: 'deposit',
      note: 'seat 7, no ice',
    }),
  );
  bill(print, first.order);
  const order1 = { ...staff, orderId: first.orderId };
  const accepted = must('accept', await orders.accept(order1));
  print(
    `operator accepts: unpaid invoice of ${eur(accepted.order.invoice?.moneyDue ?? 0)} and ${accepted.order.invoice?.pointsDue ?? 0} points`,
  );
  for (const lineId of ['1', '2', '3']) must('deliver', await orders.deliver({ ...order1, lineId }));
  print('operator delivers lines 1, 2 and 3 one by one');
  const paid = must('pay', await orders.pay({ ...order1, method: 'deposit', idempotencyKey: 'pay-1' }));
  const after1 = must('wallet', await till.wallets.get('cafe', customerId));
  print(
    `paid by deposit: order ${paid.order.lifecycle}, earned ${paid.order.payment?.pointsEarned ?? 0} points; wallet ${eur(after1.balance)}, ${after1.points} points`,
  );
  const again = must(
    'pay again',
    await orders.pay({ ...order1, method: 'deposit', idempotencyKey: 'pay-1' }),
  );
  const after1b = must('wallet', await till.wallets.get('cafe', customerId));
  print(
    `the till retries the same Pay: idempotent=${again.idempotent}, wallet still ${eur(after1b.balance)}`,
  );

  print('a second order, completed without being paid:');
  const second = must(
    'place',
    await orders.place({
      ...staff,
      customerId,
      lines: [{ productId: 'chips', quantity: 2, payWith: 'money' }],
      paymentMethod: 'cash',
    }),
  );
  const order2 = { ...staff, orderId: second.orderId };
  must('accept', await orders.accept(order2));
  const completed = must('complete', await orders.complete(order2));
  const after2 = must('wallet', await till.wallets.get('cafe', customerId));
  print(
    `  completed, the order is ${completed.order.lifecycle}: Marek owes ${eur(after2.debt)} (debt on his account)`,
  );

  print('a third order, voided after acceptance and payment by deposit:');
  const third = must(
    'place',
    await orders.place({
      ...staff,
      customerId,
      lines: [{ productId: 'play-3h', quantity: 1, payWith: 'money' }],
      paymentMethod: 'deposit',
    }),
  );
  const order3 = { ...staff, orderId: third.orderId };
  must('accept', await orders.accept(order3));
  must('pay', await orders.pay({ ...order3, method: 'deposit' }));
  const before3 = must('wallet', await till.wallets.get('cafe', customerId));
  const voided = must('void', await orders.void({ ...order3, reason: 'PC 7 broke down' }));
  const after3 = must('wallet', await till.wallets.get('cafe', customerId));
  print(
    `  paid: wallet ${eur(before3.balance)}, ${before3.points} points → voided (${voided.order.lifecycle}): wallet ${eur(after3.balance)}, ${after3.points} points`,
  );
  const cancel = await orders.cancel(order3);
  print(
    `  cancelling it now is refused: ${E.isLeft(cancel) ? `${cancel.left.code} — ${cancel.left.message}` : 'accepted?!'}`,
  );
};

import { createTillstream, manualClock, mergeFacade, sampleCatalog, seededIds } from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import { eur, must } from './chapterKit';
import { heading, type Print } from './output';

/** Two records of one person, one by phone and one by card, merged: what moved and what the record says. */
export const mergeChapter = async (print: Print): Promise<void> => {
  heading(print, 'Merging duplicates: one person, two records');
  const clock = manualClock('2026-03-05T11:00:00.000Z');
  const ids = seededIds('demo-merge');
  const tenantSecret = () => 'demo-merge-secret';
  const till = createTillstream({
    clock,
    ids,
    tenantSecret,
    catalog: sampleCatalog('repairs'),
    policy: { customer: { defaultCountry: 'NL' }, wallet: { currency: 'EUR' } },
  });
  const merges = mergeFacade({
    store: till.eventStore,
    clock,
    ids,
    tenantSecret,
    policyFor: (tenantId) => ({ requireManager: false, ...till.policyFor(tenantId) }),
  });
  const staff = { tenantId: 'repairs', actor: { role: 'operator' as const, id: 'pieter' } };

  const byPhone = must(
    'register by phone',
    await till.customers.register(staff, {
      customerId: 'jan-by-phone',
      phone: '06 1234 5678',
      firstName: 'Jan',
      address: {
        street: 'Voorstraat',
        houseNumber: '12',
        postalCode: '3311 AA',
        city: 'Dordrecht',
        country: 'NL',
      },
    }),
  ).customerId;
  print(`Jan registered by phone "06 1234 5678": customer ${byPhone}`);
  const again = await till.customers.register(staff, { phone: '+31 6 12345678', firstName: 'Jan' });
  print(
    `the same phone typed as "+31 6 12345678" is refused: ${E.isLeft(again) ? again.left.code : 'accepted?!'}`,
  );
  const byCard = must(
    'register by card',
    await till.customers.register(staff, {
      customerId: 'jan-by-card',
      card: 'CARD-7001',
      firstName: 'Jan',
      lastName: 'de Vries',
      address: {
        street: 'Voorstraat',
        houseNumber: '21',
        postalCode: '3311 AA',
        city: 'Dordrecht',
        country: 'NL',
      },
    }),
  ).customerId;
  print(`a colleague registers Jan again, by his loyalty card: customer ${byCard} — a duplicate`);

  const wallet = { ...staff, customerId: byPhone };
  must('top up', await till.wallets.topUp({ ...wallet, amount: 2500, method: 'cash' }));
  must(
    'points',
    await till.wallets.earnPoints({
      ...wallet,
      idempotencyKey: 'welcome-points',
      points: 40,
      source: { kind: 'manual', reason: 'welcome' },
    }),
  );
  const order = must(
    'place',
    await till.orders.place({
      ...staff,
      customerId: byPhone,
      orderId: 'order-1',
      lines: [{ productId: 'cola', quantity: 2, payWith: 'money' }],
      paymentMethod: 'cash',
    }),
  );
  must('accept', await till.orders.accept({ ...staff, orderId: order.orderId }));
  print(`the phone record holds ${eur(2500)}, 40 points and an accepted order ${order.orderId}`);

  const request = {
    ...staff,
    sourceCustomerId: byPhone,
    targetCustomerId: byCard,
    choices: { address: 'source' as const },
    reason: 'same person, registered twice',
    mergeId: 'merge-1',
  };
  const preview = must('preview', await merges.previewMerge(request));
  print(
    `preview (nothing written): moves ${eur(preview.wallet.money)}, ${preview.wallet.points} points, ` +
      `${preview.orders.filter((o) => o.moves).length} open order; keeps ${preview.identifiers.kept.map((i) => i.kind).join(', ')}; ` +
      `blockers: ${preview.blockers.length === 0 ? 'none' : preview.blockers.map((b) => b.code).join(', ')}`,
  );
  print(
    `the operator checks the address: Voorstraat ${preview.survivor?.address?.houseNumber ?? '?'} is the right one`,
  );

  const { mergeId, record } = must('merge', await merges.merge(request));
  print(`merged ${byPhone} into ${byCard} (merge ${mergeId}), irreversibly:`);
  const moved = record.wallet;
  print(`  money: ${eur(moved?.money ?? 0)}`);
  for (const lot of moved?.lots ?? [])
    print(`  points: lot ${lot.fromLotId} → ${lot.lotId}: ${lot.points} points (${lot.source.kind})`);
  for (const o of record.orders ?? [])
    print(
      `  order ${o.orderId} (${o.lifecycle}): ${o.moved ? 'now under the survivor' : 'stays, resolves to the survivor'}`,
    );
  print(
    `  identifiers kept: ${record.identifiers?.kept.map((i) => i.kind).join(', ') ?? '-'}; released: ${record.identifiers?.released.length ?? 0}`,
  );
  const survivor = must('get', await till.customers.get('repairs', byCard));
  const after = must('wallet', await till.wallets.get('repairs', byCard));
  print(
    `survivor ${byCard}: phone ${survivor.profile.phone?.e164 ?? '-'}, card ${survivor.profile.card ?? '-'}, ` +
      `Voorstraat ${survivor.profile.address?.houseNumber ?? '?'}; wallet ${eur(after.balance)}, ${after.points} points`,
  );
  const late = await till.wallets.topUp({ ...wallet, amount: 500, method: 'cash' });
  print(`a top-up to the merged-away record is refused: ${E.isLeft(late) ? late.left.code : 'accepted?!'}`);
  const resolved = must('resolve', await merges.resolveCustomer('repairs', byPhone));
  print(`looking up ${byPhone} finds ${resolved.customerId}`);
};

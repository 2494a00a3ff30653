import { expect, it } from '@jest/globals';
import { runDemo } from './index';

it('runs the whole demo story and shows the refused stale write and the subscriber', async () => {
  const lines: string[] = [];
  await runDemo((line) => lines.push(line));
  const text = lines.join('\n');
  expect(text).toContain('now at revision 0');
  expect(text).toMatch(/refused: Stream note-demo\.first is at revision 0, not the expected no_stream/);
  expect(text).toContain('a subscriber to $all saw: note-demo.first@0 NoteWritten');
});

it('tells the wallet story: top-up, refused overspend with its figures, voucher once, points with their source', async () => {
  const lines: string[] = [];
  await runDemo((line) => lines.push(line));
  const text = lines.join('\n');
  expect(text).toContain('top-up by cash: balance 200.00 PLN');
  expect(text).toContain(
    'spend of 250.00 PLN refused: The wallet holds 200.00 PLN, not enough for 250.00 PLN. (wallet.insufficient_balance)',
  );
  expect(text).toContain('voucher GIFT-5000-XY: balance 250.00 PLN');
  expect(text).toContain('the same voucher again: refused: This voucher has already been used.');
  expect(text).toContain('spent 42.50 PLN on order o-18: balance 207.50 PLN, 42 points');
  expect(text).toContain('lot request:earn:o-18: 42 points from order o-18 (rule default)');
});

it('shows one phone however it is typed, a card-only customer and a required-field refusal', async () => {
  const lines: string[] = [];
  await runDemo((line) => lines.push(line));
  const text = lines.join('\n');
  const registered = /register "8 916 123-45-67": registered customer (\S+) with phone \+79161234567/.exec(
    text,
  );
  expect(registered).not.toBeNull();
  expect(text).toContain(
    `register "+7 916 123 45 67": refused (customer.phone_taken) The phone number +79161234567 already belongs to customer ${registered?.[1]}.`,
  );
  expect(text).toMatch(/register card "4000-0012" only: registered customer \S+ with card 40000012/);
  expect(text).toContain(
    'register "+359 88 123 4567" with a first name only: refused (customer.required_fields_missing) This shop requires last name, gender',
  );
});

it('tells the order story: discounted bill, deposit payment, debt, void', async () => {
  const lines: string[] = [];
  await runDemo((line) => lines.push(line));
  const text = lines.join('\n');
  expect(text).toContain('a request carrying its own price is refused: order.line.price_not_accepted');
  expect(text).toContain('2 × Cola 0.5 l [product] 5.00 EUR − 0.25 EUR (regulars −5%) = 4.75 EUR');
  expect(text).toContain('1 × 3 hours of play [time_package] 90 points');
  expect(text).toContain('operator accepts: unpaid invoice of 8.54 EUR and 90 points');
  expect(text).toContain('paid by deposit: order paid, earned 8 points; wallet 21.46 EUR, 18 points');
  expect(text).toContain('the till retries the same Pay: idempotent=true, wallet still 21.46 EUR');
  expect(text).toContain('the order is completed_unpaid: Marek owes 3.78 EUR (debt on his account)');
  expect(text).toContain('→ voided (voided): wallet 21.46 EUR, 18 points');
  expect(text).toMatch(/cancelling it now is refused: order\.is_voided/);
});

it('ends with a merge of two duplicates (one by phone, one by card), showing what moved', async () => {
  const lines: string[] = [];
  await runDemo((line) => lines.push(line));
  const text = lines.join('\n');
  expect(text).toContain('the same phone typed as "+31 6 12345678" is refused: customer.phone_taken');
  expect(text).toContain(
    'preview (nothing written): moves 25.00 EUR, 40 points, 1 open order; keeps phone; blockers: none',
  );
  expect(text).toContain('merged jan-by-phone into jan-by-card (merge merge-1), irreversibly:');
  expect(text).toContain(
    'points: lot request:welcome-points → merge-1:request:welcome-points: 40 points (manual)',
  );
  expect(text).toContain('order order-1 (accepted): now under the survivor');
  expect(text).toContain(
    'survivor jan-by-card: phone +31612345678, card CARD7001, Voorstraat 12; wallet 25.00 EUR, 40 points',
  );
  expect(text).toContain('a top-up to the merged-away record is refused: customer.merged');
  expect(text.indexOf('Merging duplicates')).toBeGreaterThan(
    text.indexOf('Orders: from the customer screen'),
  );
});

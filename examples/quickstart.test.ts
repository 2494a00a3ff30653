import { expect, it } from '@jest/globals';
import { main } from './quickstart';

it('tells the whole story: discounted order paid by deposit, one left as debt, one voided, a customer found', async () => {
  const lines: string[] = [];
  const outcome = await main((line) => lines.push(line));

  expect(outcome).toMatchObject({
    paidOrder: 'paid',
    unpaidOrder: 'completed_unpaid',
    voidedOrder: 'voided',
  });
  // 2 colas and a combo, 5% off: 899 − 45 = 854 cents from 3000; the voided order gave its 900 back.
  expect(outcome.marekBalance).toBe(3000 - 854);
  expect(outcome.olaDebt).toBe(199);
  // Points from the paid order stay, the voided order's are reversed.
  expect(outcome.marekPoints).toBe(8);
  expect(outcome.found).toHaveLength(1);
  expect(lines.join('\n')).toContain('searching "4567" finds: Marek Nowak (phoneEnding)');
});

import { expect, it } from '@jest/globals';
import type { AuditReport } from './auditLog';
import { formatCsv } from './formatCsv';
import { formatTable } from './formatTable';

const report: AuditReport = {
  events: 3,
  replayed: 3,
  wallets: [
    {
      tenantId: 'shop1',
      customerId: 'alice',
      currency: 'EUR',
      balance: 3850,
      points: 11,
      debt: 0,
      movements: 3,
    },
  ],
  orders: [
    {
      tenantId: 'shop1',
      orderId: 'o-1',
      customerId: 'alice',
      status: 'paid',
      currency: 'EUR',
      steps: [
        { at: '2026-03-01T09:14:00.000Z', actor: 'customer:alice', what: 'placed, "to go"', amount: 1150 },
      ],
    },
  ],
  merges: [],
  erased: [],
  identifiersChecked: false,
  uninterpreted: { NoteWritten: 2 },
  violations: [
    {
      code: 'wallet.balance_mismatch',
      message: 'it does not add up.',
      events: [{ stream: 'wallet-shop1.alice', revision: '1', position: '7', type: 'WalletSpent' }],
    },
  ],
};

it('prints each violation with the events behind it, after the ledgers', () => {
  const text = formatTable(report);
  expect(text).toContain('  alice     EUR       3850     11      0     3');
  expect(text).toContain('Not interpreted (integrity-checked only): NoteWritten ×2');
  expect(text.slice(text.indexOf('Invariant check'))).toBe(
    'Invariant check\n  (identifiers not checked: no tenant secret given, see --tenant-secret-env)\n' +
      '  1 violation(s):\n  [wallet.balance_mismatch] it does not add up.\n' +
      '      wallet-shop1.alice@1 (WalletSpent, position 7)\n',
  );
  expect(formatTable({ ...report, violations: [] })).toContain('OK: every invariant holds.');
});

it('writes CSV a spreadsheet reads: quoted where a cell holds a comma or a quote', () => {
  const lines = formatCsv(report).split('\r\n');
  expect(lines[0]).toBe('section,id,customer,at,actor,what,money,points,debt,currency');
  expect(lines[1]).toBe(
    'order,o-1,alice,2026-03-01T09:14:00.000Z,customer:alice,"placed, ""to go""",1150,,,EUR',
  );
  expect(lines[3]).toBe(
    'violation,wallet.balance_mismatch,,,,"it does not add up. [wallet-shop1.alice@1 (WalletSpent, position 7)]"',
  );
});

import type { AuditReport } from './auditLog';
import { describeRef } from './violation';

const HEADER = ['section', 'id', 'customer', 'at', 'actor', 'what', 'money', 'points', 'debt', 'currency'];

const cell = (value: string | number | undefined): string => {
  const text = value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The report as one CSV table (RFC 4180), a `section` column telling merges, order steps, wallets and violations apart. */
export const formatCsv = (report: AuditReport): string => {
  const rows: (string | number | undefined)[][] = [HEADER];
  for (const m of report.merges)
    rows.push([
      'merge',
      m.mergeId,
      m.into,
      m.at,
      m.actor,
      `${m.from} merged into ${m.into}`,
      m.moneyIn,
      m.pointsIn,
      m.debtIn,
    ]);
  for (const o of report.orders)
    for (const s of o.steps)
      rows.push([
        'order',
        o.orderId,
        o.customerId,
        s.at,
        s.actor,
        s.what,
        s.amount,
        undefined,
        undefined,
        o.currency,
      ]);
  for (const w of report.wallets) {
    rows.push([
      'wallet',
      w.customerId,
      w.customerId,
      report.asOf,
      undefined,
      `${w.movements} movements`,
      w.balance,
      w.points,
      w.debt,
      w.currency,
    ]);
    for (const e of w.entries ?? [])
      rows.push([
        'wallet-movement',
        w.customerId,
        w.customerId,
        e.at,
        e.actor,
        e.type,
        e.money,
        e.points,
        e.debt,
        w.currency,
      ]);
  }
  for (const id of report.erased)
    rows.push(['customer-erased', id, id, undefined, undefined, 'forgotten at their request']);
  for (const v of report.violations)
    rows.push([
      'violation',
      v.code,
      undefined,
      undefined,
      undefined,
      `${v.message} [${v.events.map(describeRef).join('; ')}]`,
    ]);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
};

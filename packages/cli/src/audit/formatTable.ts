import type { AuditReport } from './auditLog';
import { describeRef } from './violation';

const pad = (cells: readonly (string | number)[], widths: readonly number[]) =>
  cells
    .map((c, i) => String(c).padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();

const table = (header: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  return [pad(header, widths), ...rows.map((r) => pad(r, widths))].map((l) => `  ${l}`);
};

/** The report for a person: merges, order lifecycles, wallet ledgers, then the invariant check. Amounts in minor units. */
export const formatTable = (report: AuditReport): string => {
  const out: string[] = [
    `tillstream audit: ${report.events} events read, ${report.replayed} replayed` +
      (report.asOf === undefined ? '' : `, as of ${report.asOf}`),
    '',
    `Merges (${report.merges.length})`,
  ];
  for (const m of report.merges)
    out.push(
      `  ${m.mergeId}: ${m.from} merged into ${m.into} at ${m.at} by ${m.actor}; moved money ${m.moneyIn}, points ${m.pointsIn}, debt ${m.debtIn}`,
    );
  out.push('', `Orders (${report.orders.length})`);
  for (const o of report.orders) {
    out.push(`  ${o.orderId}  customer ${o.customerId}  ${o.status}  ${o.currency}`);
    for (const s of o.steps)
      out.push(
        `    ${s.at}  ${s.actor.padEnd(20)}  ${s.what}${s.amount === undefined ? '' : ` ${s.amount}`}`,
      );
  }
  out.push('', `Wallet ledgers (${report.wallets.length}; money in minor units)`);
  out.push(
    ...table(
      ['customer', 'currency', 'balance', 'points', 'debt', 'movements', 'merged into'],
      report.wallets.map((w) => [
        w.customerId,
        w.currency,
        w.balance,
        w.points,
        w.debt,
        w.movements,
        w.mergedInto ?? '',
      ]),
    ),
  );
  for (const w of report.wallets.filter((x) => x.entries !== undefined)) {
    out.push('', `  Ledger of ${w.customerId}`);
    out.push(
      ...table(
        ['at', 'actor', 'movement', 'money', 'points', 'debt', 'balance', 'points after', 'debt after'],
        (w.entries ?? []).map((e) => [
          e.at,
          e.actor,
          e.type,
          e.money,
          e.points,
          e.debt,
          e.balanceAfter,
          e.pointsAfter,
          e.debtAfter,
        ]),
      ).map((l) => `  ${l}`),
    );
  }
  if (report.erased.length > 0)
    out.push(
      '',
      `Erased customers (${report.erased.length}): ${report.erased.join(', ')} — forgotten at their request; personal fields read [erased], money, orders and merges checked as above`,
    );
  const other = Object.entries(report.uninterpreted);
  if (other.length > 0)
    out.push(
      '',
      `Not interpreted (integrity-checked only): ${other.map(([t, n]) => `${t} ×${n}`).join(', ')}`,
    );
  out.push('', 'Invariant check');
  if (!report.identifiersChecked)
    out.push('  (identifiers not checked: no tenant secret given, see --tenant-secret-env)');
  if (report.violations.length === 0) out.push('  OK: every invariant holds.');
  else {
    out.push(`  ${report.violations.length} violation(s):`);
    for (const v of report.violations) {
      out.push(`  [${v.code}] ${v.message}`);
      for (const ref of v.events) out.push(`      ${describeRef(ref)}`);
    }
  }
  return `${out.join('\n')}\n`;
};

import { Option, type Command } from 'commander';
import * as E from 'fp-ts/Either';
import { auditJsonlFile, auditLog, formatCsv, formatTable, type AuditReport } from '../audit';
import { parseLocation, readLocation } from '../location';
import { EXIT, reportFailure } from './exitCodes';
import { identifierCheck } from './identifierCheck';

const formats: Readonly<Record<string, (report: AuditReport) => string>> = {
  table: formatTable,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
  csv: formatCsv,
};

interface AuditFlags {
  readonly tenantSecretEnv?: string;
  readonly tenant?: string;
  readonly customer?: string;
  readonly format: string;
  readonly asOf?: string;
  readonly threads?: string;
}

/** `tillstream audit <log>`: replays the log and checks it; exit 0 all holds, 1 violations, 2 unreadable input. */
export const auditCommand = (program: Command): void => {
  program
    .command('audit')
    .description('replay a log, print merges, order lifecycles and wallet ledgers, and check every invariant')
    .argument('<source>', 'a .jsonl file (- for stdin) or an esdb://… connection string')
    .option('--tenant <tenant>', 'only this tenant')
    .option(
      '--customer <id>',
      "report only this customer's wallet, orders and merges (every rule is still checked)",
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(Object.keys(formats)).default('table'),
    )
    .option(
      '--as-of <timestamp>',
      'balances, debts, points and states as they stood at this ISO-8601 instant',
    )
    .option(
      '--threads <count>',
      'for a .jsonl file: replay on this many threads, each taking a share of the tenants (default: one per core, at most 4, from 32 MiB; 1 for one thread, to leave the other cores alone)',
    )
    .option(
      '--tenant-secret-env <variable>',
      'check that no phone, card, tax id or email is held by two live customers, hashing with the tenant secret read from this environment variable (never pass a secret itself on the command line)',
    )
    .action(async (source: string, flags: AuditFlags) => {
      const location = parseLocation(source);
      if (E.isLeft(location)) {
        process.exitCode = reportFailure(location.left);
        return;
      }
      const asOf = flags.asOf === undefined ? undefined : new Date(flags.asOf);
      if (asOf !== undefined && Number.isNaN(asOf.getTime())) {
        process.exitCode = reportFailure(
          new Error(`--as-of "${flags.asOf}" is not a timestamp (try 2026-03-01T12:00:00Z).`),
        );
        return;
      }
      const identifiers = identifierCheck(flags.tenantSecretEnv);
      if (E.isLeft(identifiers)) {
        process.exitCode = reportFailure(identifiers.left);
        return;
      }
      const threads = flags.threads === undefined ? undefined : Number(flags.threads);
      if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
        process.exitCode = reportFailure(
          new Error(`--threads "${flags.threads}" is not a whole number of at least 1.`),
        );
        return;
      }
      const options = {
        ...(identifiers.right === undefined ? {} : { identifiers: identifiers.right }),
        ...(flags.tenant === undefined ? {} : { tenant: flags.tenant }),
        ...(flags.customer === undefined ? {} : { customer: flags.customer }),
        ...(asOf === undefined ? {} : { asOf }),
      };
      try {
        // A file is read by the file auditor (several threads, no promise per line); stdin and a store as a stream.
        const report =
          location.right.kind === 'jsonl'
            ? await auditJsonlFile(location.right.path, {
                ...options,
                ...(threads === undefined ? {} : { threads }),
              })
            : await auditLog(readLocation(location.right, flags.tenant), options);
        process.stdout.write((formats[flags.format] ?? formatTable)(report));
        process.exitCode = report.violations.length === 0 ? EXIT.ok : EXIT.violation;
      } catch (error) {
        process.exitCode = reportFailure(error);
      }
    });
};

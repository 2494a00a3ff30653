import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { jsonlRecords, openEventStoreDB, parseLocation } from '../location';
import { importEvents, stderrProgress } from '../transfer';
import { EXIT, reportFailure } from './exitCodes';

/** `tillstream import <file> --to <connection string>`: appends a JSONL log to a store, each event at its revision. */
export const importCommand = (program: Command): void => {
  program
    .command('import')
    .description('append a JSONL event log to a store, keeping ids, revisions and order (safe to re-run)')
    .argument('<file>', 'the .jsonl file, or - for stdin')
    .requiredOption('--to <connection>', 'esdb://… connection string')
    .action(async (file: string, options: { to: string }) => {
      const source = parseLocation(file);
      const target = parseLocation(options.to);
      if (E.isLeft(source) || source.right.kind === 'eventstoredb') {
        process.exitCode = reportFailure(new Error(`import reads a JSONL file or stdin, not "${file}".`));
        return;
      }
      if (E.isLeft(target) || target.right.kind !== 'eventstoredb') {
        process.exitCode = reportFailure(
          new Error(`import writes to an esdb://… store, not "${options.to}".`),
        );
        return;
      }
      const { store, close } = openEventStoreDB(target.right.connectionString);
      try {
        const imported = await importEvents(jsonlRecords(source.right), store, stderrProgress('imported'));
        process.exitCode = E.isLeft(imported) ? reportFailure(imported.left) : EXIT.ok;
      } catch (error) {
        process.exitCode = reportFailure(error);
      } finally {
        await close();
      }
    });
};

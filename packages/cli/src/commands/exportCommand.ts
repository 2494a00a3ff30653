import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { parseLocation, readLocation } from '../location';
import { exportEvents, stderrProgress } from '../transfer';
import { EXIT, reportFailure } from './exitCodes';

/** `tillstream export --from <location> [--tenant T]`: the log as JSONL on stdout. */
export const exportCommand = (program: Command): void => {
  program
    .command('export')
    .description('write the event log as JSONL (docs/jsonl.md) to stdout')
    .requiredOption('--from <location>', 'esdb://… connection string, or a .jsonl file to filter')
    .option('--tenant <tenant>', 'only the streams of this tenant')
    .action(async (options: { from: string; tenant?: string }) => {
      const location = parseLocation(options.from);
      if (E.isLeft(location)) {
        process.exitCode = reportFailure(location.left);
        return;
      }
      try {
        await exportEvents(
          readLocation(location.right, options.tenant),
          process.stdout,
          stderrProgress('exported'),
        );
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.exitCode = reportFailure(error);
      }
    });
};

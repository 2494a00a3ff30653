import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { parseLocation } from '../location';
import { formatRebuild, openRebuildSource, rebuildableProjections, type RebuildResult } from '../rebuild';
import { stderrProgress } from '../transfer';
import { EXIT, reportFailure } from './exitCodes';

/** `tillstream rebuild --from <location> [--projection name]`: runs projections over the whole log and reports each. */
export const rebuildCommand = (program: Command): void => {
  const names = Object.keys(rebuildableProjections);
  program
    .command('rebuild')
    .description(
      'run projections from the start of the log; per projection: events applied, time, events/s, final status',
    )
    .requiredOption('--from <location>', 'esdb://… connection string, or a .jsonl file (- for stdin)')
    .option('--projection <name>', `only this projection (${names.join(', ')})`)
    .action(async (options: { from: string; projection?: string }) => {
      const location = parseLocation(options.from);
      if (E.isLeft(location)) {
        process.exitCode = reportFailure(location.left);
        return;
      }
      const chosen = options.projection === undefined ? names : [options.projection];
      const unknown = chosen.find((name) => rebuildableProjections[name] === undefined);
      if (unknown !== undefined) {
        process.exitCode = reportFailure(
          new Error(`There is no projection "${unknown}"; there are ${names.join(', ')}.`),
        );
        return;
      }
      try {
        const source = await openRebuildSource(location.right, stderrProgress('loaded'));
        if (E.isLeft(source)) {
          process.exitCode = reportFailure(source.left);
          return;
        }
        const { store, close, where } = source.right;
        const results: RebuildResult[] = [];
        let failed = false;
        try {
          for (const name of chosen) {
            const rebuild = rebuildableProjections[name];
            if (rebuild === undefined) continue;
            const done = await rebuild(store);
            results.push(E.isLeft(done) ? done.left : done.right);
            if (E.isLeft(done)) {
              failed = true;
              const { error } = done.left;
              process.stderr.write(
                `tillstream: projection ${name} stopped at ${error.eventType} ${error.streamName}@${error.revision} (${where(error.position)}): ${error.cause.message}\n`,
              );
            }
          }
        } finally {
          await close();
        }
        process.stdout.write(formatRebuild(results));
        process.exitCode = failed ? EXIT.violation : EXIT.ok;
      } catch (error) {
        process.exitCode = reportFailure(error);
      }
    });
};

import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { parseLocation } from '../location';
import { formatRebuild, openRebuildSource, rebuildableProjections, rebuildProjections } from '../rebuild';
import { stderrProgress } from '../transfer';
import { EXIT, reportFailure } from './exitCodes';

/** Collects a repeated or comma-separated `--projection`. */
const names = (value: string, previous: readonly string[] = []): readonly string[] => [
  ...previous,
  ...value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== ''),
];

/**
 * `tillstream rebuild --from <location> [--projection name…]`: runs projections over the whole
 * log in one pass (the log is read once for all of them) and reports each.
 */
export const rebuildCommand = (program: Command): void => {
  const known = Object.keys(rebuildableProjections);
  program
    .command('rebuild')
    .description(
      'run projections from the start of the log; per projection: events applied, time, events/s, final status',
    )
    .requiredOption('--from <location>', 'esdb://… connection string, or a .jsonl file (- for stdin)')
    .option(
      '--projection <names>',
      `only these projections, comma-separated or repeated (${known.join(', ')}); all are rebuilt in one pass`,
      names,
    )
    .action(async (options: { from: string; projection?: readonly string[] }) => {
      const location = parseLocation(options.from);
      if (E.isLeft(location)) {
        process.exitCode = reportFailure(location.left);
        return;
      }
      const chosen = options.projection === undefined ? known : [...new Set(options.projection)];
      const unknown = chosen.find((name) => rebuildableProjections[name] === undefined);
      if (unknown !== undefined) {
        process.exitCode = reportFailure(
          new Error(`There is no projection "${unknown}"; there are ${known.join(', ')}.`),
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
        const projections = chosen.flatMap((name) => rebuildableProjections[name]?.() ?? []);
        const done = await rebuildProjections(store, projections).finally(close);
        let failed = false;
        const results = done.map((result) => {
          if (E.isRight(result)) return result.right;
          failed = true;
          const { name, error } = result.left;
          process.stderr.write(
            `tillstream: projection ${name} stopped at ${error.eventType} ${error.streamName}@${error.revision} (${where(error.position)}): ${error.cause.message}\n`,
          );
          return result.left;
        });
        process.stdout.write(formatRebuild(results));
        process.exitCode = failed ? EXIT.violation : EXIT.ok;
      } catch (error) {
        process.exitCode = reportFailure(error);
      }
    });
};

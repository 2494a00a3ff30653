import { Command } from 'commander';
import { auditCommand } from './commands/auditCommand';
import { exportCommand } from './commands/exportCommand';
import { importCommand } from './commands/importCommand';
import { rebuildCommand } from './commands/rebuildCommand';
import { EXIT } from './commands/exitCodes';
import { runDemo } from './demo';

/** Builds the `tillstream` command-line program. */
export const buildProgram = (): Command => {
  const program = new Command('tillstream').description(
    'tillstream: event-sourced customers, orders and wallets for POS backends',
  );
  // A mistyped command line is unusable input (2), never a failed audit (1).
  program.exitOverride((error) => {
    process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.unreadable);
  });
  program
    .command('demo')
    .description('run the whole story on the embedded in-memory store')
    .action(async () => {
      await runDemo();
    });
  exportCommand(program);
  importCommand(program);
  auditCommand(program);
  rebuildCommand(program);
  return program;
};

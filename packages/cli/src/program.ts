import { Command } from 'commander';
import { runDemo } from './demo';

/** Builds the `tillstream` command-line program. */
export const buildProgram = (): Command => {
  const program = new Command('tillstream').description(
    'tillstream: event-sourced customers, orders and wallets for POS backends',
  );
  program
    .command('demo')
    .description('run the whole story on the embedded in-memory store')
    .action(async () => {
      await runDemo();
    });
  return program;
};

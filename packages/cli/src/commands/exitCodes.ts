import { ImportConflictError } from '../transfer';

/** The CLI's exit codes: all holds; a rule or an import does not hold; the input or the store cannot be read. */
export const EXIT = { ok: 0, violation: 1, unreadable: 2 } as const;

/** Prints a failure on stderr and says which exit code it means. */
export const reportFailure = (error: unknown): number => {
  process.stderr.write(`tillstream: ${error instanceof Error ? error.message : String(error)}\n`);
  return error instanceof ImportConflictError ? EXIT.violation : EXIT.unreadable;
};

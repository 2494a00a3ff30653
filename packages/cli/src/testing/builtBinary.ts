import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/** Path of the built `tillstream` binary (the package's `bin`). */
export const binPath = join(root, 'packages', 'cli', 'dist', 'bin.js');

/** What a run of the binary printed and how it exited. */
export interface BinaryRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Brings `dist` up to date with `tsc -b` (incremental: quick when nothing changed), bounded in time.
 * Type errors elsewhere in the workspace do not stop the emit, so only a missing binary fails.
 */
export const buildBinary = (timeoutMs = 170_000): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(root, 'packages', 'cli')],
      { cwd: root, timeout: timeoutMs },
      (error, stdout) => {
        if (existsSync(binPath)) resolve();
        else reject(new Error(`building the CLI failed: ${error?.message ?? ''}\n${stdout}`));
      },
    );
  });

/** Runs `node dist/bin.js …args` and collects its output; `env` adds variables to the child's environment. */
export const runBinary = (
  args: readonly string[],
  input?: string,
  env: Readonly<Record<string, string>> = {},
): Promise<BinaryRun> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args],
      { cwd: root, timeout: 60_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stdout,
          stderr,
        }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const child = join(dirname(fileURLToPath(import.meta.url)), 'child.mjs');

/**
 * Runs a bench script in its own Node process, with the collector exposed and room for a
 * million-event log, and returns the JSON of the last line it prints.
 */
export const runScript = <Result,>(script: string, args: readonly string[], what: string): Promise<Result> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=16384', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => (out += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || last === '') reject(new Error(`${what} exited with ${code}`));
      else resolve(JSON.parse(last) as Result);
    });
  });

/** Runs one read-side task (see child.mts) in its own Node process and returns the JSON it prints. */
export const runTask = <Result,>(task: string, options: object): Promise<Result> =>
  runScript(child, [task, JSON.stringify(options)], `read-side task ${task}`);

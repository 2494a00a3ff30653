import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const child = join(dirname(fileURLToPath(import.meta.url)), 'child.mjs');

/**
 * Runs one read-side task (see child.mts) in its own Node process, with the collector exposed and
 * room for a million-event log, and returns the JSON it prints.
 */
export const runTask = <Result,>(task: string, options: object): Promise<Result> =>
  new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=16384', child, task, JSON.stringify(options)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => (out += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || last === '') reject(new Error(`read-side task ${task} exited with ${code}`));
      else resolve(JSON.parse(last) as Result);
    });
  });

// Cases measured in child processes, one per side, in rounds interleaved across all of them: each
// library gets a heap, a collector and compiled code of its own (in one process, loading Emmett's
// cases alone slowed tillstream's loop by about half again), while every round still sets the
// sides side by side in the same minutes.
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseResult, CaseSpec, RunMode, Slice, SliceRunner } from './harness.mjs';
import { measureRounds } from './harness.mjs';
import type { StoreOps } from './scenarios/facades.mjs';

/** What a child process measures: the raw store, the kernel, Emmett, or the domain's contexts and facades. */
export type Side = 'baseline' | 'commands' | 'peer' | 'domain';

/** A case as a child announces it. */
export type CaseInfo = Pick<CaseSpec, 'scenario' | 'label' | 'unit' | 'extra'>;

/** What the parent asks of a child. */
export type ToChild =
  | { readonly kind: 'slice'; readonly index: number; readonly time: number; readonly warmupTime: number }
  | { readonly kind: 'finish' };

/** What a child answers. */
export type FromChild =
  | { readonly kind: 'ready'; readonly cases: readonly CaseInfo[] }
  | { readonly kind: 'slice'; readonly slice: Slice }
  | { readonly kind: 'finish'; readonly ops: Readonly<Record<string, StoreOps>> }
  | { readonly kind: 'error'; readonly message: string };

const childScript = join(dirname(fileURLToPath(import.meta.url)), 'caseChild.mjs');

interface Child {
  readonly side: Side;
  readonly process: ChildProcess;
  /** Sends a request and waits for its one answer (a child serves one request at a time). */
  readonly ask: (message: ToChild | undefined) => Promise<FromChild>;
}

const start = (side: Side): Child => {
  const child = fork(childScript, [side], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let waiting: { resolve: (m: FromChild) => void; reject: (e: Error) => void } | undefined;
  const early: FromChild[] = [];
  child.on('message', (m: FromChild) => {
    const w = waiting;
    waiting = undefined;
    if (w === undefined) early.push(m);
    else if (m.kind === 'error') w.reject(new Error(`bench child "${side}": ${m.message}`));
    else w.resolve(m);
  });
  child.on('exit', (code) => waiting?.reject(new Error(`bench child "${side}" exited with code ${code}`)));
  const ask = (message: ToChild | undefined) =>
    new Promise<FromChild>((resolve, reject) => {
      const first = early.shift();
      if (first !== undefined) {
        if (first.kind === 'error') reject(new Error(`bench child "${side}": ${first.message}`));
        else resolve(first);
        return;
      }
      waiting = { resolve, reject };
      if (message !== undefined) child.send(message);
    });
  return { side, process: child, ask };
};

const expect = <K extends FromChild['kind']>(m: FromChild, kind: K): Extract<FromChild, { kind: K }> => {
  if (m.kind !== kind) throw new Error(`a bench child answered "${m.kind}" where "${kind}" was due`);
  return m as Extract<FromChild, { kind: K }>;
};

/**
 * Measures the cases of each side in a child process of its own, in rounds interleaved across all
 * sides (see `measureRounds`); returns their results, in the order of `sides`, and the store calls
 * the domain's facades counted.
 */
export const measureInProcesses = async (
  mode: RunMode,
  sides: readonly Side[],
): Promise<{ readonly cases: CaseResult[]; readonly ops: Readonly<Record<string, StoreOps>> }> => {
  const children = sides.map(start);
  try {
    const runners: SliceRunner[] = [];
    for (const child of children) {
      const { cases } = expect(await child.ask(undefined), 'ready');
      cases.forEach((info, index) =>
        runners.push({
          info,
          run: async (time, warmupTime) =>
            expect(await child.ask({ kind: 'slice', index, time, warmupTime }), 'slice').slice,
        }),
      );
    }
    const cases = await measureRounds(mode, runners);
    const ops: Record<string, StoreOps> = {};
    for (const child of children)
      Object.assign(ops, expect(await child.ask({ kind: 'finish' }), 'finish').ops);
    return { cases, ops };
  } finally {
    for (const child of children) if (child.process.exitCode === null) child.process.kill();
  }
};

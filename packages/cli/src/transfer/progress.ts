/** Reports how far a long run has come. */
export interface Progress {
  readonly tick: (count: number) => void;
  readonly done: (count: number) => void;
}

/** A progress that says nothing (programmatic use, tests). */
export const silentProgress: Progress = { tick: () => undefined, done: () => undefined };

/**
 * A progress line on stderr: redrawn in place at most every 200 ms on a terminal, a new line at most
 * every 10 s when stderr is a file or pipe (so logs stay short), and a final summary line.
 */
export const stderrProgress = (verb: string, stderr: NodeJS.WriteStream = process.stderr): Progress => {
  const interval = stderr.isTTY ? 200 : 10_000;
  const started = Date.now();
  let shown = started;
  const rate = (count: number) => {
    const seconds = (Date.now() - started) / 1000;
    return seconds > 0 ? ` (${Math.round(count / seconds)} events/s)` : '';
  };
  return {
    tick: (count) => {
      const now = Date.now();
      if (now - shown < interval) return;
      shown = now;
      stderr.write(
        `${stderr.isTTY ? '\r' : ''}${verb} ${count} events${rate(count)}${stderr.isTTY ? '' : '\n'}`,
      );
    },
    done: (count) => {
      stderr.write(`${stderr.isTTY ? '\r' : ''}${verb} ${count} events${rate(count)}, done.\n`);
    },
  };
};

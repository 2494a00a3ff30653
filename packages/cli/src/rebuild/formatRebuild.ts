import type { RebuildResult } from './rebuildProjection';

// Names and statuses read left-aligned, figures right-aligned.
const TEXT = new Set([0, 4]);

const pad = (cells: readonly string[], widths: readonly number[]) =>
  cells
    .map((cell, i) => (TEXT.has(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();

const statusOf = ({ status }: RebuildResult): string =>
  status.state === 'failed'
    ? 'failed'
    : `${status.state}, ${status.lag.events}${status.lag.atLeast ? '+' : ''} behind`;

/** One row per projection: events applied, time, events per second and the final status. */
export const formatRebuild = (results: readonly RebuildResult[]): string => {
  const rows = results.map((r) => [
    r.name,
    String(r.applied),
    `${r.milliseconds.toFixed(1)} ms`,
    r.milliseconds > 0 ? String(Math.round((r.applied * 1000) / r.milliseconds)) : '-',
    statusOf(r),
  ]);
  const header = ['projection', 'events', 'time', 'events/s', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  return [header, ...rows].map((row) => `${pad(row, widths)}\n`).join('');
};

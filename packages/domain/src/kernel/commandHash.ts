import { createHash } from 'node:crypto';

// Keys sorted so that the same request always hashes the same, whatever order its fields came in.
const canonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? `"${value.toString()}n"` : (JSON.stringify(value) ?? 'null');
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
};

/** A short, stable fingerprint of a command's type and data. */
export const commandHash = (type: string, data: unknown): string =>
  createHash('sha256').update(type).update('\u0000').update(canonical(data)).digest('base64url').slice(0, 22);

import * as crypto from 'node:crypto';

// Keys sorted so that the same request always hashes the same, whatever order its fields came in.
const canonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? `"${value.toString()}n"` : (JSON.stringify(value) ?? 'null');
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Readonly<Record<string, unknown>>;
  // Keys are distinct, so the default sort (UTF-16 code units) orders them as `<` does.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonical(v)}`;
  }
  return `${out}}`;
};

// One-shot hashing (Node ≥ 20.12) skips the Hash object that createHash builds per call.
const sha256 = (text: string): string =>
  typeof crypto.hash === 'function'
    ? crypto.hash('sha256', text, 'base64url')
    : crypto.createHash('sha256').update(text).digest('base64url');

/** A short, stable fingerprint of a command's type and data. */
export const commandHash = (type: string, data: unknown): string =>
  sha256(`${type}\u0000${canonical(data)}`).slice(0, 22);

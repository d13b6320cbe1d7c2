import { createHash } from 'node:crypto';

/**
 * Canonical JSON of a report snapshot: object keys sorted at every depth, dates as ISO strings,
 * no whitespace, `undefined` members dropped. The published report stores exactly this string and
 * its sha256, so anyone can re-hash what the API returns and compare.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown> & { toHexString?: () => string };
    if (typeof v.toHexString === 'function') return JSON.stringify(v.toHexString());
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The frozen form of a snapshot: its canonical JSON and the hash over it. */
export function seal(snapshot: unknown): { json: string; hash: string } {
  const json = canonicalJson(snapshot);
  return { json, hash: sha256Hex(json) };
}

/**
 * Canonical JSON as the audit service signs and hashes it (keys sorted in UTF-16 order, no
 * whitespace, JSON.stringify for strings and numbers). The console recomputes it itself
 * rather than trusting the server's, as tools/audit-verify/verify.mjs does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('非有限数值 (non-finite number)');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  throw new TypeError(`无法规范化的值 (${typeof value})`);
}

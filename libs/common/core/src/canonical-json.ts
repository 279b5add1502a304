/**
 * Canonical JSON, the byte form every hash in the system is computed over.
 *
 * A third party recomputes it with these rules (a subset of RFC 8785, JCS):
 * - objects: keys sorted by UTF-16 code units (JavaScript's default sort), no whitespace;
 *   keys whose value is `undefined` are left out, as JSON.stringify does;
 * - arrays: elements in order, no whitespace;
 * - strings: JSON.stringify escaping (UTF-8 when turned into bytes);
 * - numbers: finite only, written as JSON.stringify writes them (ECMAScript shortest form);
 * - true, false, null as themselves.
 * Anything else (NaN, Infinity, bigint, functions, Date, Map) is refused, because event data
 * must be JSON-safe to be hashed the same way everywhere.
 */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON refuses the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError(`canonical JSON refuses a ${prototype?.constructor?.name ?? 'non-plain'} object`);
      }
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON refuses a value of type ${typeof value}`);
  }
}

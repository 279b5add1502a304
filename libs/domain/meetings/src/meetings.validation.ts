import { instantOf } from '@oa/core';

/** A 256-bit digest in lowercase hex, optionally prefixed with its algorithm (`sha256:`, `sm3:`). */
const HASH = /^(?:(?:sha256|sm3):)?[0-9a-f]{64}$/;

/** An ISO-8601 instant with its offset; a local time without offset is ambiguous and refused. */
export function isIsoInstant(value: string | undefined | null): value is string {
  return instantOf(value) !== undefined;
}

export function isContentHash(value: string | undefined | null): boolean {
  return typeof value === 'string' && HASH.test(value);
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function instantMillis(instant: string): number {
  return Date.parse(instant);
}

export function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

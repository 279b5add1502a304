/** Small pure checks every decider uses on command data and on `metadata.now`. */

export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim().length === 0;
}

/** A SHA-256 or SM3 digest as events carry it: 64 lower-case hex digits. */
export function isHexDigest(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** A command type no decider of an area knows: a programming error, not a refusal. */
export function unknownCommand(command: never): never {
  throw new Error(`unknown command ${(command as { type?: string }).type}`);
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** ISO-8601 / RFC 3339 instant with an explicit offset, the only time format events carry; any fraction of a second (to nanoseconds) is read to the millisecond. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO instant, or undefined when it is not one. */
export function instantOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `metadata.now` comes from the platform, not the user: a bad one is a programming error. */
export function nowOf(now: string): number {
  const ms = instantOf(now);
  if (ms === undefined) throw new TypeError(`command metadata.now is not an ISO instant: ${String(now)}`);
  return ms;
}

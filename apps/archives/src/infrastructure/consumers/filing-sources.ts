import { createHash } from 'node:crypto';

/**
 * The item id of a filing candidate: derived from its source, so a redelivered or replayed
 * source event lands on the same stream and registers nothing new (ARC-1).
 */
export function candidateItemId(service: 'documents' | 'meetings', sourceId: string): string {
  const hex = createHash('sha256').update(`archiveItem\u0000${service}\u0000${sourceId}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The office's calendar date (UTC+8) of an instant, `YYYY-MM-DD`. */
export function officeDateOf(instant: string, utcOffsetMinutes = 480): string {
  return new Date(Date.parse(instant) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** A digest as the archive records it: lower-case hex, without an algorithm prefix. */
export function bareHash(hash: string | undefined): string {
  return (hash ?? '').replace(/^sha256:/i, '').toLowerCase();
}

/** The format of a file name: its extension in lower case, `txt` when it has none. */
export function formatOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return match?.[1] ? match[1].toLowerCase() : 'txt';
}

import type { DataSource } from 'typeorm';
import { clearanceAllows, isSecrecyLevel, SECRECY_LEVELS, type Actor, type SecrecyLevel } from '@oa/core';

/**
 * COMMON-3 applied by the audit to its own readers: an auditor whose clearance (the token's today;
 * the directory's once it lands, DIR-2) is below a stream's secrecy level sees that each of its
 * events happened — type, actor and time — and not its data (title, content, digests of either),
 * its request metadata or the state folded from it.
 */
export type Reader = Pick<Actor, 'id' | 'clearance'>;

/** A clearance the token does not state, or states wrongly, admits nothing classified. */
export const clearanceOf = (reader: Reader): SecrecyLevel => (isSecrecyLevel(reader.clearance) ? reader.clearance : 'none');

/** Whether the reader may see the data of a stream at this level. */
export const admits = (reader: Reader, level: SecrecyLevel): boolean => clearanceAllows(clearanceOf(reader), level);

/**
 * The level of each stream: the highest `secrecyLevel` any of its events records (a document's
 * draft, receipt or sign-off, a meeting, an archive item), so a level raised later hides the whole
 * stream. A value that is not a level counts as the highest: a malformed event never opens more.
 */
export async function streamLevels(dataSource: DataSource, streamIds: readonly string[]): Promise<Map<string, SecrecyLevel>> {
  const levels = new Map<string, SecrecyLevel>();
  if (streamIds.length === 0) return levels;
  const rows: Array<{ stream_id: string; levels: string[] }> = await dataSource.query(
    `SELECT stream_id, array_agg(DISTINCT envelope::jsonb #>> '{data,secrecyLevel}') AS levels
       FROM "audit".entries
      WHERE stream_id = ANY($1) AND envelope::jsonb #>> '{data,secrecyLevel}' IS NOT NULL
      GROUP BY stream_id`,
    [[...new Set(streamIds)]],
  );
  for (const row of rows) {
    const ranks = row.levels.map((level) => (isSecrecyLevel(level) ? SECRECY_LEVELS.indexOf(level) : SECRECY_LEVELS.length - 1));
    levels.set(row.stream_id, SECRECY_LEVELS[Math.max(...ranks)] ?? 'juemi');
  }
  return levels;
}

import { isoDateOf, localDateOf, yearOf } from '@oa/core';
import { defaultArchivesConfig, type ArchivesConfig } from '../archives.config';
import { retentionYears, type Retention } from '../archives.vocabulary';

type ScheduleConfig = Pick<ArchivesConfig, 'filingDeadline' | 'utcOffsetMinutes'>;

/** ARC-3: the last day (`YYYY-MM-DD`, office time) to file documents of `year`: 30 June of the next year by default. */
export function filingDeadlineOf(year: number, config: ScheduleConfig = defaultArchivesConfig): string {
  return isoDateOf(year + 1, config.filingDeadline.month, config.filingDeadline.day);
}

/** ARC-3: filed after the deadline day (office time)? Late filing is allowed but is a finding (AUD-9). */
export function isFiledLate(year: number, filedAt: string, config: ScheduleConfig = defaultArchivesConfig): boolean {
  return localDateOf(filedAt, config.utcOffsetMinutes) > filingDeadlineOf(year, config);
}

/**
 * ARC-6: the last year an item is kept: the period runs from 1 January of the year after its
 * year, so a D10 item of 2024 is kept to the end of 2034. Undefined for Y (永久): it never ends.
 */
export function retentionEndsYear(year: number, retention: Retention): number | undefined {
  const years = retentionYears[retention];
  return years === undefined ? undefined : year + years;
}

/** ARC-6: whether the retention period has run out at `now` (office time), so the item may be appraised. */
export function isRetentionExpired(endsYear: number | undefined, now: string, config: Pick<ArchivesConfig, 'utcOffsetMinutes'> = defaultArchivesConfig): boolean {
  return endsYear !== undefined && yearOf(localDateOf(now, config.utcOffsetMinutes)) > endsYear;
}

/** Small pure checks and calendar arithmetic shared by the archive deciders. */
import { nowOf } from '@oa/core';

// the common checks live in the core; this module adds the area's own
export { instantOf, isBlank, isPositiveInteger, nowOf } from '@oa/core';

/** A calendar date `YYYY-MM-DD` (成文日期, 会议日期) that exists. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The office's calendar date of an instant (the office keeps its own time zone, e.g. UTC+8). */
export function localDateOf(instant: string, utcOffsetMinutes: number): LocalDate {
  const shifted = new Date(nowOf(instant) + utcOffsetMinutes * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function formatLocalDate({ year, month, day }: LocalDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

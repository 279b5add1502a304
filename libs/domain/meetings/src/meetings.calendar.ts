import { instantMillis } from './meetings.validation';

/**
 * Working-day arithmetic for deadlines (MTG-6 minutes, MTG-7 supervision). Pure: dates are
 * computed from the instants given, never from a clock. Days are counted in the office's
 * local time (China Standard Time, UTC+8, by default).
 */
export interface CalendarOptions {
  /** Offset of the office's local time from UTC, in minutes; 480 = UTC+8. */
  readonly utcOffsetMinutes?: number;
  /** Public holidays falling on weekdays (YYYY-MM-DD): not working days. */
  readonly holidays?: readonly string[];
  /** Weekend days that are working days (调休上班, YYYY-MM-DD). */
  readonly extraWorkingDays?: readonly string[];
}

export const CHINA_STANDARD_TIME_OFFSET_MINUTES = 480;
const DAY_MS = 86_400_000;

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: string, utcOffsetMinutes = CHINA_STANDARD_TIME_OFFSET_MINUTES): string {
  return new Date(instantMillis(instant) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant (UTC, ISO) at which a local date begins. */
export function startOfLocalDate(date: string, utcOffsetMinutes = CHINA_STANDARD_TIME_OFFSET_MINUTES): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - utcOffsetMinutes * 60_000).toISOString();
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, options: CalendarOptions = {}): boolean {
  if (options.extraWorkingDays?.includes(date)) return true;
  if (options.holidays?.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The N-th working day after a date (the date itself not counted). */
export function addWorkingDays(date: string, workingDays: number, options: CalendarOptions = {}): string {
  let current = date;
  let counted = 0;
  while (counted < workingDays) {
    current = addDays(current, 1);
    if (isWorkingDay(current, options)) counted++;
  }
  return current;
}

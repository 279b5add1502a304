import { invalidInput } from './documents.rules';

/**
 * Dates as offices write them. Instants arrive as ISO strings in `command.metadata.now`; the
 * calendar date of an instant is taken in China Standard Time (UTC+8, no daylight saving),
 * because a sign-off at 01:00 Beijing time on 1 July is dated 1 July, whatever UTC says.
 */
export const CHINA_STANDARD_TIME_OFFSET_MINUTES = 480;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Offices list statutory holidays (法定节假日) and the weekend days worked instead (调休上班). */
export interface WorkingCalendar {
  readonly holidays: readonly string[];
  readonly extraWorkingDays: readonly string[];
}

export const WEEKDAYS_ONLY: WorkingCalendar = { holidays: [], extraWorkingDays: [] };

export function assertInstant(instant: unknown, what = '时间'): string {
  if (typeof instant !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(instant) || Number.isNaN(Date.parse(instant))) {
    throw invalidInput(`${what}须为 ISO-8601 时刻`);
  }
  return instant;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The calendar date (`YYYY-MM-DD`) of an instant at the given offset. */
export function localDateOf(instant: string, offsetMinutes = CHINA_STANDARD_TIME_OFFSET_MINUTES): string {
  const ms = Date.parse(assertInstant(instant)) + offsetMinutes * 60_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** DOC-6 成文日期 in full Arabic numerals without leading zeros (GB/T 9704 7.3.5.1): `2024年7月1日`. */
export function chineseDate(date: string): string {
  if (!isIsoDate(date)) throw invalidInput(`日期 ${date} 不是有效的 YYYY-MM-DD 日期`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar = WEEKDAYS_ONLY): boolean {
  if (calendar.extraWorkingDays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `date` (the day itself not counted): registered on a Friday, 1 working day is Monday. */
export function addWorkingDays(date: string, workingDays: number, calendar: WorkingCalendar = WEEKDAYS_ONLY): string {
  let day = date;
  let left = workingDays;
  while (left > 0) {
    day = shift(day, 1);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}

/** Working days in (from, to]: how many working days `to` lies past `from`; 0 when not after. */
export function workingDaysAfter(from: string, to: string, calendar: WorkingCalendar = WEEKDAYS_ONLY): number {
  let count = 0;
  for (let day = shift(from, 1); day <= to; day = shift(day, 1)) {
    if (isWorkingDay(day, calendar)) count++;
  }
  return count;
}

/**
 * The one calendar of every area. Instants are ISO strings handed in (never a clock); a
 * calendar date (`YYYY-MM-DD`) is taken in the office's local time, China Standard Time
 * (北京时间, UTC+8, no daylight saving) unless an office configures another offset: a
 * sign-off at 01:00 Beijing time on 1 July is dated 1 July, whatever UTC says.
 */
export const CHINA_STANDARD_TIME_OFFSET_MINUTES = 480;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Offices list statutory holidays (法定节假日) and the weekend days worked instead (调休上班). */
export interface WorkingCalendar {
  /** The office's offset from UTC in minutes, for deadlines that end at local midnight; UTC+8 when absent. */
  readonly utcOffsetMinutes?: number;
  readonly holidays?: readonly string[];
  readonly extraWorkingDays?: readonly string[];
}

/** A calendar date `YYYY-MM-DD` (成文日期, 会议日期, 办结时限) that exists. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM-DD` of a year, month (1-12) and day. */
export function isoDateOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local calendar date of an instant; an unparsable instant is a programming error here (validate input first). */
export function localDateOf(instant: string, utcOffsetMinutes = CHINA_STANDARD_TIME_OFFSET_MINUTES): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new TypeError(`not an ISO instant: ${instant}`);
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The instant (UTC, ISO) at which a local date begins. */
export function startOfLocalDate(date: string, utcOffsetMinutes = CHINA_STANDARD_TIME_OFFSET_MINUTES): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - utcOffsetMinutes * 60_000).toISOString();
}

/** The instant a local date ends (the start of the next local day): "by date D" means before this. */
export function endOfLocalDate(date: string, utcOffsetMinutes = CHINA_STANDARD_TIME_OFFSET_MINUTES): string {
  return startOfLocalDate(addDays(date, 1), utcOffsetMinutes);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar = {}): boolean {
  if (calendar.extraWorkingDays?.includes(date)) return true;
  if (calendar.holidays?.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `date` (the day itself not counted): registered on a Friday, 1 working day is Monday. */
export function addWorkingDays(date: string, workingDays: number, calendar: WorkingCalendar = {}): string {
  let day = date;
  let left = workingDays;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}

/** Working days in (from, to]: how many working days `to` lies past `from`; 0 when not after. */
export function workingDaysAfter(from: string, to: string, calendar: WorkingCalendar = {}): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(day, calendar)) count++;
  }
  return count;
}

import { CHINA_STANDARD_TIME_OFFSET_MINUTES, addDays, startOfLocalDate } from '@oa/domain-meetings';

// The working-day calendar is the meetings area's (MTG-6 counts the same days); audit adds the end of a day.
export { addDays, addWorkingDays, localDate, startOfLocalDate, type CalendarOptions } from '@oa/domain-meetings';

/** The instant a local date ends (the start of the next local day): "by date D" means before this. */
export function endOfLocalDate(date: string, utcOffsetMinutes = CHINA_STANDARD_TIME_OFFSET_MINUTES): string {
  return startOfLocalDate(addDays(date, 1), utcOffsetMinutes);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A real calendar day written 年-月-日 (2026-12-05). */
export const isDay = (date: string): boolean => {
  const parts = DAY.exec(date);
  if (!parts) return false;
  const noon = new Date(`${date}T12:00:00+08:00`);
  return !Number.isNaN(noon.getTime()) && noon.toISOString().slice(0, 10) === date;
};

/** A day picked in the page, as the instants that bound it in Beijing time (the end excluded); nothing until it is a whole day. */
export const dayStart = (date: string): string | undefined => (isDay(date) ? new Date(`${date}T00:00:00+08:00`).toISOString() : undefined);
export const nextDayStart = (date: string): string | undefined => (isDay(date) ? new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString() : undefined);

/** A 时刻 typed 年-月-日 时:分[:秒] (a space or a T between) as Beijing time, whatever the browser's own time zone; undefined until it is one. */
export const beijingInstant = (typed: string): string | undefined => {
  const parts = INSTANT.exec(typed.trim());
  if (!parts || !isDay(parts[1]!)) return undefined;
  const [hours, minutes, seconds = '00'] = [parts[2]!, parts[3]!, parts[4]];
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  return new Date(`${parts[1]}T${hours}:${minutes}:${seconds}+08:00`).toISOString();
};

/** The Beijing day of an instant, 年-月-日. */
export const beijingDay = (instant: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

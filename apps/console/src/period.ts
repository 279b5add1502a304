/** A day picked in the page, as the instants that bound it in Beijing time (the end excluded). */
export const dayStart = (date: string): string | undefined => (date ? new Date(`${date}T00:00:00+08:00`).toISOString() : undefined);
export const nextDayStart = (date: string): string | undefined => (date ? new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString() : undefined);

/** A 时刻 picked in the page (datetime-local, with or without seconds) as Beijing time, whatever the browser's own time zone. */
export const beijingInstant = (local: string): string => new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`).toISOString();

/** A day picked in the page, as the instants that bound it in Beijing time. */
export const dayStart = (date: string): string | undefined => (date ? new Date(`${date}T00:00:00+08:00`).toISOString() : undefined);
export const dayEnd = (date: string): string | undefined => (date ? new Date(`${date}T23:59:59.999+08:00`).toISOString() : undefined);

import { beijingDay, beijingInstant, dayStart, isDay, nextDayStart } from './period';

describe('times the auditor enters are Beijing time (+08:00), whatever the browser’s time zone', () => {
  it('reads a 时刻 of 10:25 as 02:25 UTC, with or without seconds, with a T or a space', () => {
    expect(beijingInstant('2026-12-04T10:25')).toBe('2026-12-04T02:25:00.000Z');
    expect(beijingInstant('2026-12-04 10:25:30')).toBe('2026-12-04T02:25:30.000Z');
  });

  it('takes no 时刻 that is not one: a half-typed one, the 31st of November, 24:00', () => {
    expect(beijingInstant('2026-12-04 10')).toBeUndefined();
    expect(beijingInstant('2026-11-31 10:25')).toBeUndefined();
    expect(beijingInstant('2026-12-04 24:00')).toBeUndefined();
  });

  it('bounds a picked day by Beijing midnights, and a day half typed bounds nothing', () => {
    expect([dayStart('2026-12-04'), nextDayStart('2026-12-04')]).toEqual(['2026-12-03T16:00:00.000Z', '2026-12-04T16:00:00.000Z']);
    expect(dayStart('')).toBeUndefined();
    expect(dayStart('2026-12')).toBeUndefined();
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });

  it('names the Beijing day of an instant: 23:30 in London on 4 December is the 5th in Beijing', () => {
    expect(beijingDay(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-05');
  });
});

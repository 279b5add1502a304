import { beijingInstant, dayStart, nextDayStart } from './period';

describe('times the auditor enters are Beijing time (+08:00), whatever the browser’s time zone', () => {
  it('reads a 时刻 of 10:25 as 02:25 UTC, with or without seconds', () => {
    expect(beijingInstant('2026-12-04T10:25')).toBe('2026-12-04T02:25:00.000Z');
    expect(beijingInstant('2026-12-04T10:25:30')).toBe('2026-12-04T02:25:30.000Z');
  });

  it('bounds a picked day by Beijing midnights', () => {
    expect([dayStart('2026-12-04'), nextDayStart('2026-12-04')]).toEqual(['2026-12-03T16:00:00.000Z', '2026-12-04T16:00:00.000Z']);
    expect(dayStart('')).toBeUndefined();
  });
});

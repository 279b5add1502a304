import { addWorkingDays, endOfLocalDate, isIsoDate, isoDateOf, localDateOf, startOfLocalDate, workingDaysAfter, yearOf } from './calendar';

describe('Calendar: when dating instants', () => {
  it('DOC-6 takes the calendar date in Beijing time', () => {
    expect(localDateOf('2024-06-30T16:00:00.000Z')).toBe('2024-07-01');
    expect(localDateOf('2024-06-30T15:59:59.999Z')).toBe('2024-06-30');
  });

  it('takes the date at an office’s own offset', () => {
    expect(localDateOf('2024-06-30T16:00:00.000Z', 0)).toBe('2024-06-30');
    expect(yearOf(localDateOf('2024-12-31T16:00:00.000Z'))).toBe(2025);
  });

  it('bounds a local date by the instants it starts and ends at', () => {
    expect(startOfLocalDate('2024-07-01')).toBe('2024-06-30T16:00:00.000Z');
    expect(endOfLocalDate('2024-07-01')).toBe('2024-07-01T16:00:00.000Z');
  });

  it('knows a real date from an impossible one', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-7-1')).toBe(false);
    expect(isoDateOf(2025, 6, 30)).toBe('2025-06-30');
  });
});

describe('Calendar: when counting working days', () => {
  it('DOC-10 skips Saturdays and Sundays', () => {
    expect(addWorkingDays('2024-07-05', 1)).toBe('2024-07-08');
    expect(addWorkingDays('2024-07-01', 10)).toBe('2024-07-15');
    expect(workingDaysAfter('2024-07-05', '2024-07-08')).toBe(1);
    expect(workingDaysAfter('2024-07-05', '2024-07-06')).toBe(0);
  });

  it('DOC-10 skips configured holidays and counts make-up working days (调休)', () => {
    const calendar = { holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'], extraWorkingDays: ['2024-10-12'] };
    expect(addWorkingDays('2024-09-30', 1, calendar)).toBe('2024-10-08');
    expect(addWorkingDays('2024-10-11', 1, calendar)).toBe('2024-10-12');
  });
});

import { addWorkingDays, chineseDate, isIsoDate, localDateOf, workingDaysAfter } from './calendar';
import { renderSecrecyMarking, renderUrgencyMarking } from './document-markings';

describe('Calendar: when dating documents', () => {
  it('DOC-6 writes the document date without leading zeros: 2024年7月1日', () => {
    expect(chineseDate('2024-07-01')).toBe('2024年7月1日');
    expect(chineseDate('2024-12-31')).toBe('2024年12月31日');
  });

  it('DOC-6 takes the calendar date in Beijing time', () => {
    expect(localDateOf('2024-06-30T16:00:00.000Z')).toBe('2024-07-01');
    expect(localDateOf('2024-06-30T15:59:59.999Z')).toBe('2024-06-30');
  });

  it('knows a real date from an impossible one', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-7-1')).toBe(false);
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

describe('Markings: when rendering the header', () => {
  it('DOC-6 renders 机密★1年, 秘密★6个月, 内部 and nothing for 非密', () => {
    expect(renderSecrecyMarking('jimi', { unit: 'year', value: 1 })).toBe('机密★1年');
    expect(renderSecrecyMarking('mimi', { unit: 'month', value: 6 })).toBe('秘密★6个月');
    expect(renderSecrecyMarking('internal')).toBe('内部');
    expect(renderSecrecyMarking('none')).toBeUndefined();
  });

  it('DOC-6 renders 特急 and 加急, and nothing when not urgent', () => {
    expect(renderUrgencyMarking('extraUrgent')).toBe('特急');
    expect(renderUrgencyMarking('urgent')).toBe('加急');
    expect(renderUrgencyMarking('none')).toBeUndefined();
  });
});

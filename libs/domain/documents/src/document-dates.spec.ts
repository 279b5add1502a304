import { chineseDate } from './document-dates';
import { renderSecrecyMarking, renderUrgencyMarking } from './document-markings';

describe('Document dates: when dating documents', () => {
  it('DOC-6 writes the document date without leading zeros: 2024年7月1日', () => {
    expect(chineseDate('2024-07-01')).toBe('2024年7月1日');
    expect(chineseDate('2024-12-31')).toBe('2024年12月31日');
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

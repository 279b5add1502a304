import { isRuleViolation } from '@oa/core';
import { assertDocumentNumber, formatDocumentNumber, parseDocumentNumber } from './document-number';

function refusalOf(run: () => unknown): { code: string; detail: string } | undefined {
  try {
    run();
  } catch (error) {
    if (isRuleViolation(error)) return { code: error.code, detail: error.detail };
    throw error;
  }
  return undefined;
}

describe('DocumentNumber: when written', () => {
  it('DOC-4 formats 国发〔2018〕1号', () => {
    expect(formatDocumentNumber({ issuerCode: '国发', year: 2018, sequence: 1 })).toBe('国发〔2018〕1号');
    expect(formatDocumentNumber({ issuerCode: '中办发', year: 2012, sequence: 14 })).toBe('中办发〔2012〕14号');
  });

  it('DOC-4 parses a well-formed number into its parts', () => {
    expect(parseDocumentNumber('国办发〔2024〕105号')).toEqual({ ok: true, value: { issuerCode: '国办发', year: 2024, sequence: 105 } });
    expect(assertDocumentNumber('京政发〔2024〕3号')).toEqual({ issuerCode: '京政发', year: 2024, sequence: 3 });
  });

  it.each([
    ['国发[2018]1号', '方括号'],
    ['国发［2018］1号', '方括号'],
    ['国发(2018)1号', '圆括号'],
    ['国发（2018）1号', '圆括号'],
    ['国发【2018】1号', '【】'],
    ['国发〔2018〕第1号', '第'],
    ['国发〔2018〕01号', '虚位'],
    ['国发〔18〕1号', '全称'],
    ['国发〔2018〕1', '号'],
    ['〔2018〕1号', '机关代字'],
    ['国发 〔2018〕1号', '空格'],
    ['国发2018年1号', '六角括号'],
  ])('DOC-4 refuses a number written %s', (text, because) => {
    const parsed = parseDocumentNumber(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(because);
    expect(refusalOf(() => assertDocumentNumber(text))?.code).toBe('DOC-4');
  });

  it('DOC-4 refuses a number written [2018] with the reason in Chinese', () => {
    expect(refusalOf(() => assertDocumentNumber('国发[2018]1号'))).toEqual({ code: 'DOC-4', detail: '发文字号“国发[2018]1号”的年份须用六角括号〔〕，不能用方括号[]' });
  });

  it('DOC-4 refuses to format a sequence of 0, a two-digit year or an empty issuer code', () => {
    expect(refusalOf(() => formatDocumentNumber({ issuerCode: '国发', year: 2018, sequence: 0 }))?.code).toBe('DOC-4');
    expect(refusalOf(() => formatDocumentNumber({ issuerCode: '国发', year: 18, sequence: 1 }))?.code).toBe('DOC-4');
    expect(refusalOf(() => formatDocumentNumber({ issuerCode: '', year: 2018, sequence: 1 }))?.code).toBe('DOC-4');
  });
});

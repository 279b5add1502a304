import { isRuleViolation } from '@oa/core';
import { assertArchivalCode, filingStampOf, formatArchivalCode, parseArchivalCode } from './archival-code';

function refusalOf(run: () => unknown): { code: string; detail: string } | undefined {
  try {
    run();
  } catch (error) {
    if (isRuleViolation(error)) return { code: error.code, detail: error.detail };
    throw error;
  }
  return undefined;
}

const parts = { fondsCode: 'Z109', categoryCode: 'WS', year: 2024, retention: 'Y', organisationCode: 'BGS', itemNumber: 1 } as const;

describe('ArchivalCode: when written', () => {
  it('ARC-2 formats Z109-WS·2024-Y-BGS-0001', () => {
    const code = formatArchivalCode(parts);
    expect(code).toBe('Z109-WS·2024-Y-BGS-0001');
    // the separator between category and year is the middle dot U+00B7
    expect(code.codePointAt(7)).toBe(0x00b7);
    expect(formatArchivalCode({ ...parts, retention: 'D30', itemNumber: 27 })).toBe('Z109-WS·2024-D30-BGS-0027');
    expect(formatArchivalCode({ ...parts, retention: 'D10', itemNumber: 9999 })).toBe('Z109-WS·2024-D10-BGS-9999');
  });

  it('ARC-2 parses a well-formed code into its parts', () => {
    expect(parseArchivalCode('Z109-WS·2024-D10-BGS-0123')).toEqual({ ok: true, value: { ...parts, retention: 'D10', itemNumber: 123 } });
    expect(assertArchivalCode('Z109-WS·2024-Y-BGS-0001')).toEqual(parts);
  });

  it.each([
    ['Z109-WS.2024-Y-BGS-0001', '间隔号'],
    ['Z109-WS-2024-Y-BGS-0001', '间隔号'],
    ['Z109-WS・2024-Y-BGS-0001', '间隔号'],
    ['Z109-WS·2024-Y-BGS-001', '四位'],
    ['Z109-WS·2024-Y-BGS-1', '四位'],
    ['Z109-WS·24-Y-BGS-0001', '四位'],
    ['Z109-WS·2024-D20-BGS-0001', '保管期限'],
    ['Z109-WS·2024-Y-BGS-0000', '件号'],
    ['Z109-KJ·2024-Y-BGS-0001', '门类'],
    ['Z109-WS·2024-Y-0001', '年度-保管期限-机构代码-件号'],
    ['Z109 -WS·2024-Y-BGS-0001', '空格'],
    ['Z109-WS·2024·Y-BGS-0001', '一个间隔号'],
  ])('ARC-2 refuses a code written %s', (text, because) => {
    const parsed = parseArchivalCode(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(because);
    expect(refusalOf(() => assertArchivalCode(text))?.code).toBe('ARC-2');
  });

  it('ARC-2 refuses to format an item number outside 1 … 9999 or a code part with a separator', () => {
    expect(refusalOf(() => formatArchivalCode({ ...parts, itemNumber: 0 }))?.code).toBe('ARC-2');
    expect(refusalOf(() => formatArchivalCode({ ...parts, itemNumber: 10000 }))?.code).toBe('ARC-2');
    expect(refusalOf(() => formatArchivalCode({ ...parts, organisationCode: 'B-GS' }))?.code).toBe('ARC-2');
    expect(refusalOf(() => formatArchivalCode({ ...parts, year: 24 }))?.code).toBe('ARC-2');
  });

  it('ARC-3 the filing stamp carries fonds, year, retention, item number and pages, the organisation optional', () => {
    expect(filingStampOf({ ...parts, itemNumber: 7, pages: 3 })).toEqual({ fondsCode: 'Z109', year: 2024, retention: 'Y', itemNumber: '0007', pages: 3, organisationCode: 'BGS' });
    expect(filingStampOf({ ...parts, itemNumber: 7, pages: 3 }, false)).toEqual({ fondsCode: 'Z109', year: 2024, retention: 'Y', itemNumber: '0007', pages: 3 });
  });
});

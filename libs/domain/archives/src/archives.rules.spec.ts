import { isRuleViolation } from '@oa/core';
import { archivesConfig, defaultArchivesConfig } from './archives.config';
import { archiveErrors, archiveRules, refuse } from './archives.rules';

describe('Archive rules', () => {
  it('name ARC-1 to ARC-7, each with a Chinese title', () => {
    expect(Object.keys(archiveRules)).toEqual(Array.from({ length: 7 }, (_, i) => `ARC-${i + 1}`));
    for (const title of [...Object.values(archiveRules), ...Object.values(archiveErrors)]) expect(title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuse with a stable code, a kind and the Chinese title', () => {
    const violation = refuse('ARC-6', 'conflict', '永久保管的档案不得销毁');
    expect(isRuleViolation(violation)).toBe(true);
    expect(violation).toMatchObject({ code: 'ARC-6', kind: 'conflict', title: archiveRules['ARC-6'], detail: '永久保管的档案不得销毁' });
  });
});

describe('Archives configuration', () => {
  it('ARC-3 ARC-4 ARC-5 ARC-6 defaults: 30 June, the six formats, the office director for classified loans, two witnesses', () => {
    expect(defaultArchivesConfig.filingDeadline).toEqual({ month: 6, day: 30 });
    expect(defaultArchivesConfig.acceptedFormats).toEqual(['pdf', 'ofd', 'xml', 'jpg', 'tif', 'txt']);
    expect(defaultArchivesConfig.classifiedLoanApproverRoles).toEqual(['officeDirector']);
    expect(defaultArchivesConfig.destructionApproverRoles).toEqual(['leader']);
    expect(defaultArchivesConfig.minimumDestructionWitnesses).toBe(2);
  });

  it('ARC-6 refuses a configuration with fewer than two witnesses, or one nobody could satisfy', () => {
    expect(() => archivesConfig({ minimumDestructionWitnesses: 1 })).toThrow(TypeError);
    expect(() => archivesConfig({ acceptedFormats: [] })).toThrow(TypeError);
    expect(() => archivesConfig({ destructionApproverRoles: [] })).toThrow(TypeError);
    expect(archivesConfig({ acceptedFormats: ['PDF'] }).acceptedFormats).toEqual(['pdf']);
  });
});

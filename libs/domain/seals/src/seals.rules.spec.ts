import { isRuleViolation } from '@oa/core';
import { refuse, sealErrors, sealRules } from './seals.rules';
import { defaultSealsConfig, holdsApproverRoles, sealsConfig } from './seals.config';

describe('Seal rules', () => {
  it('name SEAL-1 to SEAL-9, each with a Chinese title', () => {
    expect(Object.keys(sealRules)).toEqual(Array.from({ length: 9 }, (_, i) => `SEAL-${i + 1}`));
    for (const title of [...Object.values(sealRules), ...Object.values(sealErrors)]) expect(title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuse with a stable code, a kind and the Chinese title', () => {
    const violation = refuse('SEAL-4', 'forbidden', '审批人不得审批本人的用印申请');
    expect(isRuleViolation(violation)).toBe(true);
    expect(violation).toMatchObject({ code: 'SEAL-4', kind: 'forbidden', title: sealRules['SEAL-4'], detail: '审批人不得审批本人的用印申请' });
  });
});

describe('Seals configuration', () => {
  it('SEAL-4 defaults: office director or above for official and Party seals, a seal approver otherwise', () => {
    const partySeal = defaultSealsConfig.usageApproverRoles.partyCommittee;
    expect(holdsApproverRoles(['sealApprover'], partySeal)).toBe(false);
    expect(holdsApproverRoles(['sealApprover', 'officeDirector'], partySeal)).toBe(true);
    expect(holdsApproverRoles(['officeDirector'], partySeal)).toBe(false);
    expect(holdsApproverRoles(['sealApprover'], defaultSealsConfig.usageApproverRoles.special)).toBe(true);
  });

  it('SEAL-3 and SEAL-8 defaults: valid 7 days, checkout approved by the leader', () => {
    expect(defaultSealsConfig.applicationValidityDays).toBe(7);
    expect(defaultSealsConfig.checkoutApproverRoles).toEqual(['leader']);
  });

  it('refuses a configuration nobody could satisfy', () => {
    expect(() => sealsConfig({ applicationValidityDays: 0 })).toThrow(TypeError);
    expect(() => sealsConfig({ checkoutApproverRoles: [] })).toThrow(TypeError);
    expect(() => sealsConfig({ usageApproverRoles: { office: { allOf: [], anyOf: [] } } })).toThrow(TypeError);
  });
});

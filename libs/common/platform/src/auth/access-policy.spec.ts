import { declarationProblems, evaluateAccess } from './access-policy';
import { conflictingAdminRoles, describeRoles } from './roles';

describe('access policy', () => {
  it('COMMON-1 finds two separated admin roles held together, and no conflict in one', () => {
    expect(conflictingAdminRoles(['sysAdmin', 'securityAuditor', 'drafter'])).toEqual(['sysAdmin', 'securityAuditor']);
    expect(conflictingAdminRoles(['securityAdmin', 'leader'])).toEqual([]);
  });

  it('COMMON-1 refuses a caller holding sysAdmin and securityAdmin, even on a route that admits one of them', () => {
    const refusal = evaluateAccess(['sysAdmin', 'securityAdmin'], { roles: ['sysAdmin'] });
    expect(refusal?.code).toBe('COMMON-1');
    expect(refusal?.detail).toContain('系统管理员 (sysAdmin)、安全保密管理员 (securityAdmin)');
  });

  it('admits a caller holding any one of the declared roles', () => {
    expect(evaluateAccess(['leader'], { roles: ['sealKeeper', 'leader'] })).toBeUndefined();
  });

  it('refuses a caller without a declared role, naming the roles in Chinese', () => {
    expect(evaluateAccess(['drafter'], { roles: ['sealKeeper', 'sealApprover'] })).toEqual({
      code: 'AUTH.ROLE_REQUIRED',
      title: '无权操作',
      detail: '此操作需要以下角色之一：印章保管员 (sealKeeper)、用印审批人 (sealApprover)',
    });
  });

  it('refuses everyone on a route that declares no roles (deny by default)', () => {
    expect(evaluateAccess(['leader'], {})?.code).toBe('AUTH.ROLE_UNDECLARED');
  });

  it('COMMON-2 refuses a sysAdmin document content even when the token also carries a reading role', () => {
    const refusal = evaluateAccess(['sysAdmin', 'drafter'], { roles: ['drafter'], confidential: 'documentContent' });
    expect(refusal).toEqual({ code: 'COMMON-2', title: '三员分立：无权查看', detail: '系统管理员 (sysAdmin)不得访问公文内容' });
  });

  it('COMMON-2 refuses a sysAdmin the audit trail', () => {
    expect(evaluateAccess(['sysAdmin', 'auditor'], { roles: ['auditor'], confidential: 'auditTrail' })?.code).toBe('COMMON-2');
    expect(evaluateAccess(['auditor'], { roles: ['auditor'], confidential: 'auditTrail' })).toBeUndefined();
  });

  it('COMMON-2 lets only securityAuditor and auditor read the security streams, and only securityAdmin grant clearances', () => {
    expect(evaluateAccess(['securityAuditor'], { roles: ['securityAuditor', 'auditor'], confidential: 'securityLog' })).toBeUndefined();
    expect(evaluateAccess(['leader'], { roles: ['leader'], confidential: 'securityLog' })?.code).toBe('COMMON-2');
    expect(evaluateAccess(['sysAdmin'], { roles: ['sysAdmin'], confidential: 'clearanceGrant' })?.code).toBe('COMMON-2');
  });

  it('finds routes without a declaration and COMMON-2 contradictions in a declaration', () => {
    expect(declarationProblems({ isPublic: false })).toEqual(['未声明 @Roles() 或 @Public()']);
    expect(declarationProblems({ isPublic: true })).toEqual([]);
    expect(declarationProblems({ isPublic: false, roles: ['drafter', 'sysAdmin'], confidential: 'documentContent' })).toEqual([
      "COMMON-2: 系统管理员 (sysAdmin) 不得访问 @Confidential('documentContent') 的接口",
    ]);
    expect(declarationProblems({ isPublic: false, roles: ['auditor'], confidential: 'securityLog' })).toEqual([]);
  });

  it('names unknown roles as they are', () => {
    expect(describeRoles(['leader', 'janitor'])).toBe('领导 (leader)、janitor');
  });
});

import { ROLES, conflictingAdminRoles, describeRoles, type Role } from './roles';

/**
 * What a route returns or changes that COMMON-2 keeps from some roles, whatever else they
 * hold: a sysAdmin who is also a drafter still may not read document content.
 */
export const CONFIDENTIAL_KINDS = {
  documentContent: { refused: ['sysAdmin'], label: '公文内容' },
  auditTrail: { refused: ['sysAdmin'], label: '审计记录' },
  securityLog: { only: ['securityAuditor', 'auditor'], label: '安全日志' },
  clearanceGrant: { only: ['securityAdmin'], label: '密级授权' },
} as const satisfies Record<string, { refused?: readonly Role[]; only?: readonly Role[]; label: string }>;

export type ConfidentialKind = keyof typeof CONFIDENTIAL_KINDS;

/** A route's declared requirement, as its decorators say. */
export interface AccessDeclaration {
  readonly isPublic: boolean;
  /** Any one of these admits the caller; undefined when the route declares none. */
  readonly roles?: readonly Role[];
  readonly confidential?: ConfidentialKind;
  /** Served before the directory is in force even where DIRECTORY_REQUIRED is set (the bootstrap). */
  readonly beforeDirectory?: boolean;
}

export interface AccessRefusal {
  readonly code: 'AUTH.ROLE_REQUIRED' | 'AUTH.ROLE_UNDECLARED' | 'COMMON-1' | 'COMMON-2';
  readonly title: string;
  readonly detail: string;
}

/**
 * The authorisation decision for an authenticated caller on a route that is not public
 * (public routes never authenticate), pure so that every branch is a
 * unit test. Refuses (in this order) a COMMON-1 conflicting role set, a route that declares
 * no roles (deny by default), a COMMON-2 confidential read, and a caller without a role.
 */
export function evaluateAccess(roles: readonly string[], declaration: Omit<AccessDeclaration, 'isPublic'>): AccessRefusal | undefined {
  const conflict = conflictingAdminRoles(roles);
  if (conflict.length > 0) {
    return {
      code: 'COMMON-1',
      title: '违反三员分立',
      detail: `同一账号不得同时担任系统管理员、安全保密管理员、安全审计员中的两个，此令牌同时含有：${describeRoles(conflict)}`,
    };
  }
  if (!declaration.roles || declaration.roles.length === 0) {
    return { code: 'AUTH.ROLE_UNDECLARED', title: '无权操作', detail: '此接口未声明所需角色，默认拒绝访问' };
  }
  if (declaration.confidential) {
    const rule: { refused?: readonly Role[]; only?: readonly Role[]; label: string } = CONFIDENTIAL_KINDS[declaration.confidential];
    const refusedHeld = (rule.refused ?? []).filter((role) => roles.includes(role));
    if (refusedHeld.length > 0) {
      return { code: 'COMMON-2', title: '三员分立：无权查看', detail: `${describeRoles(refusedHeld)}不得访问${rule.label}` };
    }
    if (rule.only && !rule.only.some((role) => roles.includes(role))) {
      return { code: 'COMMON-2', title: '三员分立：无权查看', detail: `只有${describeRoles(rule.only)}可以访问${rule.label}` };
    }
  }
  if (!declaration.roles.some((role) => roles.includes(role))) {
    return { code: 'AUTH.ROLE_REQUIRED', title: '无权操作', detail: `此操作需要以下角色之一：${describeRoles(declaration.roles)}` };
  }
  return undefined;
}

/**
 * Contradictions a route's declaration may contain, found at start rather than in use: no
 * requirement at all, or roles that COMMON-2 would always refuse on a confidential route.
 */
export function declarationProblems(declaration: AccessDeclaration): string[] {
  if (declaration.isPublic) return declaration.roles ? ['同时声明了 @Public() 与 @Roles()'] : [];
  if (!declaration.roles || declaration.roles.length === 0) return ['未声明 @Roles() 或 @Public()'];
  if (!declaration.confidential) return [];
  const rule: { refused?: readonly Role[]; only?: readonly Role[] } = CONFIDENTIAL_KINDS[declaration.confidential];
  const contradicting = declaration.roles.filter((role) => rule.refused?.includes(role) || (rule.only && !rule.only.includes(role)));
  return contradicting.map((role) => `COMMON-2: ${ROLES[role]} (${role}) 不得访问 @Confidential('${declaration.confidential}') 的接口`);
}

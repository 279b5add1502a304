/** The roles of DOMAIN.md with their Chinese names, the only names a token may carry. */
export const ROLES = {
  drafter: '拟稿人',
  reviewer: '核稿人',
  signer: '签发人',
  registrar: '收发员',
  handler: '承办人',
  officeDirector: '办公室主任',
  leader: '领导',
  meetingSecretary: '会议记录人',
  committeeMember: '委员',
  sealKeeper: '印章保管员',
  sealApprover: '用印审批人',
  archivist: '档案员',
  appraisalCommittee: '鉴定小组',
  auditor: '审计员',
  sysAdmin: '系统管理员',
  securityAdmin: '安全保密管理员',
  securityAuditor: '安全审计员',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(ROLES, value);
}

/** COMMON-1 三员分立: no account may hold two of these. */
export const SEPARATED_ADMIN_ROLES = ['sysAdmin', 'securityAdmin', 'securityAuditor'] as const satisfies readonly Role[];

/** COMMON-1: the separated admin roles held together, or none when the set is lawful. */
export function conflictingAdminRoles(roles: readonly string[]): Role[] {
  const held = SEPARATED_ADMIN_ROLES.filter((role) => roles.includes(role));
  return held.length > 1 ? held : [];
}

/** "印章保管员 (sealKeeper)、领导 (leader)": how roles are named to users. */
export function describeRoles(roles: readonly string[]): string {
  return roles.map((role) => (isRole(role) ? `${ROLES[role]} (${role})` : role)).join('、');
}

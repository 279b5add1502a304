/**
 * The directory's words (组织与人员), as DOMAIN.md's Roles section and glossary name them.
 * Every other area's role checks use these strings; the directory is where they are granted.
 */

/** DOMAIN.md, Roles. */
export const DIRECTORY_ROLES = [
  'drafter', // 拟稿人
  'reviewer', // 核稿人
  'signer', // 签发人
  'registrar', // 收发员
  'handler', // 承办人
  'officeDirector', // 办公室主任
  'leader', // 领导
  'meetingSecretary', // 会议记录人
  'committeeMember', // 委员
  'sealKeeper', // 印章保管员
  'sealApprover', // 用印审批人
  'archivist', // 档案员
  'appraisalCommittee', // 鉴定小组
  'auditor', // 审计员/巡察
  'sysAdmin', // 系统管理员
  'securityAdmin', // 安全保密管理员
  'securityAuditor', // 安全审计员
] as const;
export type DirectoryRole = (typeof DIRECTORY_ROLES)[number];

export function isDirectoryRole(value: unknown): value is DirectoryRole {
  return typeof value === 'string' && (DIRECTORY_ROLES as readonly string[]).includes(value);
}

/** COMMON-1 / DIR-3 三员: no person holds two of these; no delegation confers one (DIR-6). */
export const ADMIN_ROLES = ['sysAdmin', 'securityAdmin', 'securityAuditor'] as const satisfies readonly DirectoryRole[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

export function isAdminRole(role: string): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

/** 职务 of a unit (组织职务). A post is held by identities (身份), not by persons. */
export const POST_KINDS = [
  'secretary', // 书记
  'deputySecretary', // 副书记
  'principalLeader', // 主要负责人
  'deputyLeader', // 分管领导
  'officeDirector', // 办公室主任
  'deputyOfficeDirector', // 办公室副主任
  'sectionChief', // 科（股）室负责人
  'other', // 其他职务, named by its title
] as const;
export type PostKind = (typeof POST_KINDS)[number];

export function isPostKind(value: unknown): value is PostKind {
  return typeof value === 'string' && (POST_KINDS as readonly string[]).includes(value);
}

/** 主要负责人 of a unit: a Party committee's 书记, an organ's principal leader (DOC-2, SEAL-8). */
export const PRINCIPAL_POST_KINDS = ['secretary', 'principalLeader'] as const satisfies readonly PostKind[];

/** Whether a post held is a principal leader's (its kind as the directory records it). */
export const isPrincipalPost = (postKind: string): boolean => (PRINCIPAL_POST_KINDS as readonly string[]).includes(postKind);

/** The unit's leaders (单位领导): DIR-6's default approvers of a delegation. */
export const LEADER_POST_KINDS = ['secretary', 'deputySecretary', 'principalLeader', 'deputyLeader'] as const satisfies readonly PostKind[];

/** How many identities may hold a post at once: 主要负责人 one, 分管领导 several. */
export const POST_CAPACITIES = ['single', 'several'] as const;
export type PostCapacity = (typeof POST_CAPACITIES)[number];

export function isPostCapacity(value: unknown): value is PostCapacity {
  return typeof value === 'string' && (POST_CAPACITIES as readonly string[]).includes(value);
}

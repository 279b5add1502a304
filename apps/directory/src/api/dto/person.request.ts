import { SECRECY_LEVELS, type SecrecyLevel } from '@oa/core';
import { DIRECTORY_ROLES, type DirectoryRole } from '@oa/domain-directory';
import { Nested, OneOf, RequiredInstant, RequiredText, Uuid } from '@oa/platform';
import { PersonId } from '../person-id';
import { DirectoryReasonRequest } from './unit.request';

/** 人员登记: the person's id is their token's subject. */
export class RegisterPersonRequest extends DirectoryReasonRequest {
  @PersonId('人员编号', 'sun.xiaomei')
  personId!: string;

  @RequiredText('姓名', '孙晓梅', 100)
  name!: string;

  @Uuid('所在机构')
  homeUnitId!: string;
}

/** 兼职 / 免去兼职: the identity (身份) in a unit. */
export class IdentityRequest extends DirectoryReasonRequest {
  @Uuid('机构')
  unitId!: string;
}

/** 任职 / 免职: a post of a unit where the person has an identity. */
export class PostHoldingRequest extends DirectoryReasonRequest {
  @Uuid('机构')
  unitId!: string;

  @Uuid('职务编号')
  postId!: string;
}

/** 授予 / 撤销角色 */
export class RoleRequest extends DirectoryReasonRequest {
  @OneOf('角色', DIRECTORY_ROLES)
  role!: DirectoryRole;
}

const GRANTABLE_LEVELS = SECRECY_LEVELS.filter((level) => level !== 'none');

/** DIR-2 涉密人员等级授予 / 变更, with the basis (审批依据). */
export class ClearanceRequest {
  @OneOf('涉密等级', GRANTABLE_LEVELS)
  level!: Exclude<SecrecyLevel, 'none'>;

  @RequiredText('审批依据', '县保密委〔2026〕3号审批表', 500)
  basis!: string;
}

/** DIR-2 涉密人员等级撤销 (脱密) */
export class RevokeClearanceRequest {
  @RequiredText('审批依据', '调离涉密岗位，脱密期管理审批表', 500)
  basis!: string;
}

/** The duty handed over: a post the delegator holds, or a role. */
export class DelegableDutyRequest {
  @OneOf('代理事项类别（post 职务，role 角色）', ['post', 'role'])
  kind!: 'post' | 'role';

  // which of these a kind needs is the decider's to refuse (DIRECTORY.INVALID_INPUT, 400)
  @Uuid('职务所在机构（kind 为 post 时）', true)
  unitId?: string;

  @Uuid('职务编号（kind 为 post 时）', true)
  postId?: string;

  @OneOf('角色（kind 为 role 时）', DIRECTORY_ROLES, true)
  role?: DirectoryRole;
}

/** DIR-6 工作代理, approved by the actor as a leader of the unit. */
export class DelegateDutyRequest extends DirectoryReasonRequest {
  @PersonId('代理人编号', 'zhou.jianjun')
  deputyId!: string;

  @Nested('代理事项', () => DelegableDutyRequest)
  duty!: DelegableDutyRequest;

  /** Who approves is a leader of this unit; a leader need not look it up (the directory's readers are its administrators and auditors). */
  @Uuid('批准代理的机构（其领导即批准人；不填时：职务代理为职务所在机构，角色代理为批准人担任领导职务的机构）', true)
  unitId?: string;

  @RequiredInstant('代理开始时间（含）')
  from!: string;

  @RequiredInstant('代理结束时间（不含）')
  until!: string;
}

/** 撤销代理 */
export class RevokeDelegationRequest extends DirectoryReasonRequest {
  @Uuid('代理编号')
  delegationId!: string;
}

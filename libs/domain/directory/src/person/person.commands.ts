import type { Command, SecrecyLevel } from '@oa/core';
import type { ActorFacts } from '../directory.actor';
import type { DirectoryRole } from '../directory.vocabulary';
import type { BootstrapFacts } from '../directory-bootstrap/directory-bootstrap.state';
import type { PostFacts, UnitFacts } from '../unit/unit.state';

/**
 * Every person command names the person (the stream) and carries `actorAuthority`: the actor's
 * directory entry at the command's time, filled in by the service from `authorityAt` (DIR-4).
 */
type PersonCommandOf<Type extends string, Data extends object> = Command<
  Type,
  Data & { readonly personId: string; readonly actorAuthority: ActorFacts }
>;

/** 人员登记 (DIR-1, sysAdmin): the person and their first identity (身份), in their home unit. */
export type RegisterPerson = PersonCommandOf<
  'RegisterPerson',
  { readonly name: string; readonly homeUnitId: string; readonly homeUnit?: UnitFacts; readonly identityId: string; readonly reason: string }
>;

/** 兼职: an identity in another unit (one per unit). */
export type AddIdentity = PersonCommandOf<
  'AddIdentity',
  { readonly identityId: string; readonly unitId: string; readonly unit?: UnitFacts; readonly reason: string }
>;

/** 免去兼职: the identity's posts end with it. The home identity stays while the person does. */
export type RemoveIdentity = PersonCommandOf<'RemoveIdentity', { readonly identityId: string; readonly reason: string }>;

/** 任职: a post of the identity's unit; `post` comes from the unit's stream and `holdersOfPost`. */
export type AssignPost = PersonCommandOf<
  'AssignPost',
  { readonly identityId: string; readonly unitId: string; readonly postId: string; readonly post?: PostFacts; readonly reason: string }
>;

/** 免职 */
export type RelievePost = PersonCommandOf<'RelievePost', { readonly identityId: string; readonly postId: string; readonly reason: string }>;

/** 授予角色 (DIR-1, sysAdmin; DIR-3 三员分立). */
export type GrantRole = PersonCommandOf<'GrantRole', { readonly role: DirectoryRole; readonly reason: string }>;

/** 撤销角色 */
export type RevokeRole = PersonCommandOf<'RevokeRole', { readonly role: DirectoryRole; readonly reason: string }>;

/** 涉密人员等级授予 (DIR-2, securityAdmin, with the basis 审批依据). */
export type GrantClearance = PersonCommandOf<'GrantClearance', { readonly level: SecrecyLevel; readonly basis: string }>;

/** 涉密人员等级变更 */
export type ChangeClearance = PersonCommandOf<'ChangeClearance', { readonly level: SecrecyLevel; readonly basis: string }>;

/** 涉密人员等级撤销 (脱密) */
export type RevokeClearance = PersonCommandOf<'RevokeClearance', { readonly basis: string }>;

/** The duty a delegation hands over: a post the person holds, or a role they hold. */
export type DelegableDuty =
  | { readonly kind: 'post'; readonly unitId: string; readonly postId: string }
  | { readonly kind: 'role'; readonly role: DirectoryRole };

/** The deputy as the directory knows them now. */
export interface DeputyFacts {
  readonly personId: string;
  readonly name: string;
  readonly active: boolean;
}

/**
 * 工作代理 (DIR-6), on the delegator's stream. The actor is the approving leader of `unitId`
 * (their posts are in `actorAuthority`): approval is their own act, never a name typed in.
 * In force from `from` (inclusive) until `until` (exclusive).
 */
export type DelegateDuty = PersonCommandOf<
  'DelegateDuty',
  {
    readonly delegationId: string;
    readonly deputy: DeputyFacts;
    readonly duty: DelegableDuty;
    /** The unit whose leader approves: the post's unit, or for a role a unit the delegator serves in. */
    readonly unitId: string;
    readonly from: string;
    readonly until: string;
    readonly reason: string;
  }
>;

/** 撤销代理: by the delegator, a leader of the unit, or the sysAdmin. */
export type RevokeDelegation = PersonCommandOf<'RevokeDelegation', { readonly delegationId: string; readonly reason: string }>;

/** 离职 (调离、退休…): every identity, post, role, clearance and delegation ends with it. */
export type RecordDeparture = PersonCommandOf<'RecordDeparture', { readonly reason: string }>;

/**
 * The first sysAdmin or securityAdmin, enrolled from the bootstrap event (nobody can grant
 * them: no sysAdmin exists yet). The actor is whoever ran the bootstrap; `bootstrap` is read
 * from the directory's bootstrap stream.
 */
export type EnrolBootstrapAdministrator = Command<
  'EnrolBootstrapAdministrator',
  {
    readonly personId: string;
    readonly name: string;
    readonly homeUnitId: string;
    readonly identityId: string;
    readonly bootstrap?: BootstrapFacts;
  }
>;

export type PersonCommand =
  | RegisterPerson
  | AddIdentity
  | RemoveIdentity
  | AssignPost
  | RelievePost
  | GrantRole
  | RevokeRole
  | GrantClearance
  | ChangeClearance
  | RevokeClearance
  | DelegateDuty
  | RevokeDelegation
  | RecordDeparture
  | EnrolBootstrapAdministrator;

import { isBlank, type CommandMetadata } from '@oa/core';
import { refuse } from './directory.rules';
import type { DirectoryRole, PostKind } from './directory.vocabulary';

/** A role held, with the id of the event that granted it (DIR-4: a decision names the grant it relied on). */
export interface HeldRole {
  readonly role: DirectoryRole;
  readonly grantId: string;
}

/** A post held by one of the person's identities (身份). */
export interface HeldPost {
  readonly unitId: string;
  readonly postId: string;
  readonly postKind: PostKind;
  readonly identityId: string;
}

/**
 * The actor as the directory knows them at the command's time. The directory service fills it
 * from `authorityAt(events, actor.id, now)` before it builds the command, so decide stays pure
 * and never trusts a token's roles (DIR-4). An `Authority` is one.
 */
export interface ActorFacts {
  readonly personId: string;
  readonly active: boolean;
  readonly roles: readonly HeldRole[];
  readonly posts: readonly HeldPost[];
}

/** What the actor acted under: a role grant, a post, their own matter, or the directory's bootstrap. */
export type ActedUnder =
  | { readonly kind: 'role'; readonly role: DirectoryRole; readonly grantId: string }
  | { readonly kind: 'post'; readonly unitId: string; readonly postId: string; readonly postKind: PostKind; readonly identityId: string }
  /** The person's own delegation, withdrawn by them. */
  | { readonly kind: 'self' }
  /** Whoever ran `oa directory bootstrap`: nobody holds a role yet. */
  | { readonly kind: 'installation' }
  /** A first administrator enrolled from the bootstrap event. */
  | { readonly kind: 'bootstrap'; readonly bootstrapEventId: string };

/** DIR-1: who made a change, and under what. Every directory event carries one, with the reason. */
export interface ChangedBy {
  readonly personId: string;
  readonly name: string;
  readonly under: ActedUnder;
}

/** The facts must be the actor's own: the service looked up the wrong person otherwise. */
export function checkActorFacts(metadata: CommandMetadata, facts: ActorFacts): void {
  if (facts?.personId !== metadata.actor.id) {
    throw refuse('DIRECTORY.FACTS_MISMATCH', 'invalid', `传入的操作人信息（${String(facts?.personId)}）不是本次操作人 ${metadata.actor.id} 的`);
  }
}

/**
 * The actor acting under `role` now, or the refusal: DIR-1 for sysAdmin (maintains units,
 * people, posts and roles), DIR-2 for securityAdmin (clearances).
 */
export function actingUnderRole(metadata: CommandMetadata, facts: ActorFacts, role: 'sysAdmin' | 'securityAdmin'): ChangedBy {
  checkActorFacts(metadata, facts);
  const code = role === 'sysAdmin' ? 'DIR-1' : 'DIR-2';
  const who = role === 'sysAdmin' ? '系统管理员' : '安全保密管理员';
  const held = facts.active ? facts.roles.find((grant) => grant.role === role) : undefined;
  if (held === undefined) throw refuse(code, 'forbidden', `只有在职的${who}可以办理，${metadata.actor.name}不具有该角色`);
  return { personId: metadata.actor.id, name: metadata.actor.name, under: { kind: 'role', role, grantId: held.grantId } };
}

/** DIR-1 every change has a reason (for a clearance, DIR-2's basis 审批依据). */
export function requireReason(reason: unknown, code: 'DIR-1' | 'DIR-2' = 'DIR-1'): string {
  if (isBlank(reason)) throw refuse(code, 'invalid', code === 'DIR-1' ? '每项变更须说明理由' : '涉密等级的授予、变更和撤销须载明审批依据');
  return reason as string;
}

/** DIR-1: units, people, posts and role grants are the sysAdmin's, each with a reason. Returns who made the change. */
export function sysAdminMaintaining(command: {
  readonly metadata: CommandMetadata;
  readonly data: { readonly actorAuthority: ActorFacts; readonly reason: string };
}): ChangedBy {
  const by = actingUnderRole(command.metadata, command.data.actorAuthority, 'sysAdmin');
  requireReason(command.data.reason);
  return by;
}

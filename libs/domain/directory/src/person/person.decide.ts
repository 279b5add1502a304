import { SECRECY_LEVELS, instantOf, isBlank, isSecrecyLevel, nowOf, type Decider, type SecrecyLevel } from '@oa/core';
import { actingUnderRole, checkActorFacts, requireReason, sysAdminMaintaining, type ChangedBy } from '../directory.actor';
import { defaultDirectoryConfig, type DirectoryConfig } from '../directory.config';
import { refuse } from '../directory.rules';
import { isAdminRole, isDirectoryRole } from '../directory.vocabulary';
import { checkUnitFacts } from '../unit/unit.decide';
import type {
  AddIdentity,
  AssignPost,
  ChangeClearance,
  DelegateDuty,
  EnrolBootstrapAdministrator,
  GrantClearance,
  GrantRole,
  PersonCommand,
  RecordDeparture,
  RegisterPerson,
  RelievePost,
  RemoveIdentity,
  RevokeClearance,
  RevokeDelegation,
  RevokeRole,
} from './person.commands';
import type { DelegatedDuty, PersonEvent } from './person.events';
import { evolvePerson, holdsRole, initialPersonState, type PersonState } from './person.state';

export const personStreamType = 'person';

export type PersonDecider = Decider<PersonCommand, PersonEvent, PersonState> & { readonly streamType: typeof personStreamType };

type ActivePerson = Extract<PersonState, { status: 'active' }>;

export function createPersonDecider(config: DirectoryConfig = defaultDirectoryConfig): PersonDecider {
  return {
    streamType: personStreamType,
    initialState: initialPersonState,
    decide: (command, state) => decidePerson(command, state, config),
    evolve: evolvePerson,
  };
}

export const personDecider: PersonDecider = createPersonDecider();

export function decidePerson(command: PersonCommand, state: PersonState, config: DirectoryConfig = defaultDirectoryConfig): PersonEvent[] {
  nowOf(command.metadata.now);
  switch (command.type) {
    case 'RegisterPerson':
      return register(command, state);
    case 'EnrolBootstrapAdministrator':
      return enrolBootstrapAdministrator(command, state);
    case 'AddIdentity':
      return addIdentity(command, active(state));
    case 'RemoveIdentity':
      return removeIdentity(command, active(state));
    case 'AssignPost':
      return assignPost(command, active(state));
    case 'RelievePost':
      return relievePost(command, active(state));
    case 'GrantRole':
      return grantRole(command, active(state));
    case 'RevokeRole':
      return revokeRole(command, active(state));
    case 'GrantClearance':
      return grantClearance(command, active(state));
    case 'ChangeClearance':
      return changeClearance(command, active(state));
    case 'RevokeClearance':
      return revokeClearance(command, active(state));
    case 'DelegateDuty':
      return delegateDuty(command, state, config);
    case 'RevokeDelegation':
      return revokeDelegation(command, active(state), config);
    case 'RecordDeparture':
      return recordDeparture(command, active(state));
    default: {
      const unexpected: never = command;
      throw new TypeError(`unknown person command ${(unexpected as { type: string }).type}`);
    }
  }
}

/** Departure: nothing more is granted to, changed for or delegated by a departed person. */
function active(state: PersonState): ActivePerson {
  if (state.status === 'empty') throw refuse('PERSON.NOT_FOUND', 'notFound');
  if (state.status === 'departed') throw refuse('PERSON.DEPARTED', 'conflict', `${state.name}已于 ${state.departedAt} 离职`);
  return state;
}

const event = <E extends PersonEvent>(type: E['type'], data: E['data']): E => ({ type, data, schemaVersion: 1 }) as E;

/** DIR-1 nobody grants a role or a post to themselves. */
function notToThemselves(by: ChangedBy, person: ActivePerson, what: string): void {
  if (by.personId === person.personId) throw refuse('DIR-1', 'forbidden', `不得为本人${what}`);
}

function register(command: RegisterPerson, state: PersonState): PersonEvent[] {
  if (state.status !== 'empty') throw refuse('PERSON.ALREADY_REGISTERED', 'conflict');
  const by = sysAdminMaintaining(command);
  const { personId, name, homeUnitId, homeUnit, identityId, reason } = command.data;
  if (isBlank(personId) || isBlank(name) || isBlank(identityId)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '人员编号、姓名和身份编号不能为空');
  checkUnitFacts(homeUnitId, homeUnit, '所在机构');
  return [event('PersonRegistered', { personId, name, homeUnitId, identityId, reason, by, at: command.metadata.now })];
}

/** The first administrators, from the bootstrap event: their grant is the bootstrap, not a sysAdmin. */
function enrolBootstrapAdministrator(command: EnrolBootstrapAdministrator, state: PersonState): PersonEvent[] {
  if (state.status !== 'empty') throw refuse('PERSON.ALREADY_REGISTERED', 'conflict');
  const { personId, name, homeUnitId, identityId, bootstrap } = command.data;
  if (isBlank(personId) || isBlank(name) || isBlank(homeUnitId) || isBlank(identityId)) {
    throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '人员编号、姓名、所在机构和身份编号不能为空');
  }
  if (bootstrap === undefined) throw refuse('DIRECTORY.FACTS_MISMATCH', 'conflict', '目录尚未初始化');
  const named = [
    { role: 'sysAdmin' as const, person: bootstrap.sysAdmin },
    { role: 'securityAdmin' as const, person: bootstrap.securityAdmin },
  ].find((candidate) => candidate.person.personId === personId && candidate.person.name === name);
  if (named === undefined) throw refuse('DIRECTORY.FACTS_MISMATCH', 'invalid', `初始化时未指定 ${name}（${personId}）为管理员`);
  const { actor, now } = command.metadata;
  const by: ChangedBy = { personId: actor.id, name: actor.name, under: { kind: 'bootstrap', bootstrapEventId: bootstrap.bootstrapEventId } };
  const reason = '目录初始化：初始管理员';
  return [
    event('PersonRegistered', { personId, name, homeUnitId, identityId, reason, by, at: now }),
    event('RoleGranted', { personId, role: named.role, reason, by, at: now }),
  ];
}

function addIdentity(command: AddIdentity, person: ActivePerson): PersonEvent[] {
  const by = sysAdminMaintaining(command);
  const { identityId, unitId, unit, reason } = command.data;
  if (isBlank(identityId)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '身份编号不能为空');
  checkUnitFacts(unitId, unit, '兼职机构');
  // One identity per unit where they serve (兼职).
  if (person.identities.some((identity) => identity.identityId === identityId || identity.unitId === unitId)) {
    throw refuse('PERSON.ALREADY_HELD', 'conflict', `${person.name}在该机构已有身份`);
  }
  return [event('IdentityAdded', { personId: person.personId, identityId, unitId, reason, by, at: command.metadata.now })];
}

function identityOf(person: ActivePerson, identityId: string) {
  const identity = person.identities.find((candidate) => candidate.identityId === identityId);
  if (identity === undefined) throw refuse('PERSON.NOT_HELD', 'notFound', `${person.name}没有身份 ${identityId}`);
  return identity;
}

function removeIdentity(command: RemoveIdentity, person: ActivePerson): PersonEvent[] {
  const by = sysAdminMaintaining(command);
  const identity = identityOf(person, command.data.identityId);
  if (identity.home) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '本单位身份不能免去；调离请登记离职');
  const { personId } = person;
  const { reason } = command.data;
  const at = command.metadata.now;
  // The identity's posts end with it, each as an event, so a replay of the posts needs no special case.
  return [
    ...identity.posts.map((post) => event('PostRelieved', { personId, identityId: identity.identityId, unitId: identity.unitId, postId: post.postId, reason, by, at })),
    event('IdentityRemoved', { personId, identityId: identity.identityId, unitId: identity.unitId, reason, by, at }),
  ];
}

function assignPost(command: AssignPost, person: ActivePerson): PersonEvent[] {
  const by = sysAdminMaintaining(command);
  notToThemselves(by, person, '任职');
  const { identityId, unitId, postId, post, reason } = command.data;
  const identity = identityOf(person, identityId);
  // A unit's posts are held by the person's identity in that unit.
  if (identity.unitId !== unitId) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', `身份 ${identityId} 不属于机构 ${unitId}`);
  if (post === undefined || !post.open) throw refuse('UNIT.POST_NOT_FOUND', 'notFound', `机构 ${unitId} 无职务 ${postId} 或已撤销`);
  if (post.unitId !== unitId || post.postId !== postId) throw refuse('DIRECTORY.FACTS_MISMATCH', 'invalid', '传入的职务信息与所任职务不符');
  if (identity.posts.some((held) => held.postId === postId)) throw refuse('PERSON.ALREADY_HELD', 'conflict', `${person.name}已任该职务`);
  const others = post.holders.filter((holder) => holder.personId !== person.personId);
  if (post.capacity === 'single' && others.length > 0) throw refuse('UNIT.POST_OCCUPIED', 'conflict', `「${post.title}」只设一人，现由他人担任，须先免职`);
  const data = { personId: person.personId, identityId, unitId, postId, postKind: post.kind, title: post.title, reason, by, at: command.metadata.now };
  return [event('PostAssigned', data)];
}

function relievePost(command: RelievePost, person: ActivePerson): PersonEvent[] {
  const by = sysAdminMaintaining(command);
  const { identityId, postId, reason } = command.data;
  const identity = identityOf(person, identityId);
  if (!identity.posts.some((held) => held.postId === postId)) throw refuse('PERSON.NOT_HELD', 'conflict', `${person.name}未任职务 ${postId}`);
  return [event('PostRelieved', { personId: person.personId, identityId, unitId: identity.unitId, postId, reason, by, at: command.metadata.now })];
}

const adminRoleNames: Readonly<Record<string, string>> = { sysAdmin: '系统管理员', securityAdmin: '安全保密管理员', securityAuditor: '安全审计员' };

function grantRole(command: GrantRole, person: ActivePerson): PersonEvent[] {
  const by = sysAdminMaintaining(command);
  notToThemselves(by, person, '授予角色');
  const { role, reason } = command.data;
  if (!isDirectoryRole(role)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', `角色「${String(role)}」无效`);
  if (holdsRole(person, role)) throw refuse('PERSON.ALREADY_HELD', 'conflict', `${person.name}已具有该角色`);
  // DIR-3 三员分立: however long ago the other was granted.
  const other = isAdminRole(role) ? person.roles.find((holding) => isAdminRole(holding.role)) : undefined;
  if (other !== undefined) {
    throw refuse('DIR-3', 'conflict', `${person.name}自 ${other.since} 起担任${adminRoleNames[other.role]}，不得兼任${adminRoleNames[role]}`);
  }
  return [event('RoleGranted', { personId: person.personId, role, reason, by, at: command.metadata.now })];
}

function revokeRole(command: RevokeRole, person: ActivePerson): PersonEvent[] {
  const by = sysAdminMaintaining(command);
  const { role, reason } = command.data;
  if (!holdsRole(person, role)) throw refuse('PERSON.NOT_HELD', 'conflict', `${person.name}不具有该角色`);
  return [event('RoleRevoked', { personId: person.personId, role, reason, by, at: command.metadata.now })];
}

/** DIR-2: the securityAdmin, with the basis, never for themselves. */
function clearanceOfficer(command: GrantClearance | ChangeClearance | RevokeClearance, person: ActivePerson): ChangedBy {
  const by = actingUnderRole(command.metadata, command.data.actorAuthority, 'securityAdmin');
  if (by.personId === person.personId) throw refuse('DIR-2', 'forbidden', '不得为本人授予或变更涉密等级');
  requireReason(command.data.basis, 'DIR-2');
  return by;
}

/** A clearance is granted or changed to a level above 非密; down to 非密 is a revocation. */
function grantableLevel(level: unknown): SecrecyLevel {
  if (!isSecrecyLevel(level) || level === 'none') {
    throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', `涉密等级须为 ${SECRECY_LEVELS.slice(1).join('、')} 之一；降为非密请撤销`);
  }
  return level;
}

function grantClearance(command: GrantClearance, person: ActivePerson): PersonEvent[] {
  const by = clearanceOfficer(command, person);
  const level = grantableLevel(command.data.level);
  if (person.clearance !== undefined) throw refuse('PERSON.ALREADY_HELD', 'conflict', `${person.name}已有涉密等级，请办理变更`);
  return [event('ClearanceGranted', { personId: person.personId, level, basis: command.data.basis, by, at: command.metadata.now })];
}

function changeClearance(command: ChangeClearance, person: ActivePerson): PersonEvent[] {
  const by = clearanceOfficer(command, person);
  const level = grantableLevel(command.data.level);
  if (person.clearance === undefined) throw refuse('PERSON.NOT_HELD', 'conflict', `${person.name}尚无涉密等级，请办理授予`);
  if (person.clearance.level === level) return [];
  const data = { personId: person.personId, previousLevel: person.clearance.level, level, basis: command.data.basis, by, at: command.metadata.now };
  return [event('ClearanceChanged', data)];
}

function revokeClearance(command: RevokeClearance, person: ActivePerson): PersonEvent[] {
  const by = clearanceOfficer(command, person);
  if (person.clearance === undefined) throw refuse('PERSON.NOT_HELD', 'conflict', `${person.name}没有涉密等级`);
  return [event('ClearanceRevoked', { personId: person.personId, previousLevel: person.clearance.level, basis: command.data.basis, by, at: command.metadata.now })];
}

/** DIR-6: the duty must be the delegator's own now, and never one of the 三员 roles. */
function delegatedDuty(command: DelegateDuty, person: ActivePerson): DelegatedDuty {
  const { duty, unitId } = command.data;
  if (duty?.kind === 'role') {
    if (!isDirectoryRole(duty.role)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', `角色「${String(duty.role)}」无效`);
    if (isAdminRole(duty.role)) throw refuse('DIR-6', 'forbidden', `工作代理不得授予${adminRoleNames[duty.role]}的职责`);
    if (!holdsRole(person, duty.role)) throw refuse('PERSON.NOT_HELD', 'conflict', `${person.name}不具有该角色，不能委托代理`);
    if (!person.identities.some((identity) => identity.unitId === unitId)) {
      throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', `${person.name}在机构 ${unitId} 无身份，该机构领导不能批准其代理`);
    }
    return { kind: 'role', role: duty.role };
  }
  if (duty?.kind === 'post') {
    if (duty.unitId !== unitId) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '职务的代理由该职务所在机构的领导批准');
    const identity = person.identities.find((candidate) => candidate.unitId === duty.unitId && candidate.posts.some((post) => post.postId === duty.postId));
    const post = identity?.posts.find((candidate) => candidate.postId === duty.postId);
    if (identity === undefined || post === undefined) throw refuse('PERSON.NOT_HELD', 'conflict', `${person.name}未任该职务，不能委托代理`);
    return { kind: 'post', unitId: duty.unitId, postId: duty.postId, postKind: post.postKind, identityId: identity.identityId };
  }
  throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '须写明代理的职务或角色');
}

/** DIR-6: approved by a leader of the unit (their post there is in the actor's facts), who is neither party. */
function approvingLeader(command: DelegateDuty | RevokeDelegation, unitId: string, parties: readonly string[], config: DirectoryConfig): ChangedBy | undefined {
  const { actorAuthority } = command.data;
  const { actor } = command.metadata;
  checkActorFacts(command.metadata, actorAuthority);
  if (!actorAuthority.active || parties.includes(actor.id)) return undefined;
  const post = actorAuthority.posts.find((held) => held.unitId === unitId && config.delegationApproverPosts.includes(held.postKind));
  if (post === undefined) return undefined;
  const { postId, postKind, identityId } = post;
  return { personId: actor.id, name: actor.name, under: { kind: 'post', unitId, postId, postKind, identityId } };
}

function delegateDuty(command: DelegateDuty, state: PersonState, config: DirectoryConfig): PersonEvent[] {
  if (state.status === 'empty') throw refuse('PERSON.NOT_FOUND', 'notFound');
  // DIR-6 a departed person does not delegate
  if (state.status === 'departed') throw refuse('DIR-6', 'conflict', `${state.name}已离职，不能委托代理`);
  const person = state;
  const { delegationId, deputy, unitId, from, until, reason } = command.data;
  if (isBlank(delegationId)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '缺少代理编号');
  if (person.delegations.some((delegation) => delegation.delegationId === delegationId)) throw refuse('PERSON.ALREADY_HELD', 'conflict', `代理 ${delegationId} 已登记`);
  if (deputy === undefined || isBlank(deputy.personId) || isBlank(deputy.name)) throw refuse('DIR-6', 'invalid', '工作代理须指定代理人');
  if (deputy.personId === person.personId) throw refuse('DIR-6', 'invalid', '代理人不能是本人');
  if (!deputy.active) throw refuse('DIR-6', 'conflict', `代理人${deputy.name}已离职`);
  const duty = delegatedDuty(command, person);
  const start = instantOf(from);
  const end = instantOf(until);
  if (start === undefined || end === undefined || end <= start) throw refuse('DIR-6', 'invalid', '工作代理须写明起止时间，且结束晚于开始');
  if (end <= nowOf(command.metadata.now)) throw refuse('DIR-6', 'invalid', '代理期限已过');
  const by = approvingLeader(command, unitId, [person.personId, deputy.personId], config);
  if (by === undefined) throw refuse('DIR-6', 'forbidden', `工作代理须由机构 ${unitId} 的领导批准，且批准人不得是委托人或代理人`);
  requireReason(reason);
  const data = {
    personId: person.personId,
    delegationId,
    delegatorName: person.name,
    deputyId: deputy.personId,
    deputyName: deputy.name,
    duty,
    unitId,
    from,
    until,
    reason,
    by,
    at: command.metadata.now,
  };
  return [event('DutyDelegated', data)];
}

function revokeDelegation(command: RevokeDelegation, person: ActivePerson, config: DirectoryConfig): PersonEvent[] {
  const { delegationId, reason, actorAuthority } = command.data;
  const delegation = person.delegations.find((candidate) => candidate.delegationId === delegationId);
  if (delegation === undefined) throw refuse('PERSON.NOT_HELD', 'notFound', `代理 ${delegationId} 不存在或已撤销`);
  checkActorFacts(command.metadata, actorAuthority);
  const { actor } = command.metadata;
  const sysAdmin = actorAuthority.active ? actorAuthority.roles.find((held) => held.role === 'sysAdmin') : undefined;
  const by: ChangedBy | undefined =
    actor.id === person.personId
      ? { personId: actor.id, name: actor.name, under: { kind: 'self' } }
      : (approvingLeader(command, delegation.unitId, [delegation.deputyId], config) ??
        (sysAdmin && { personId: actor.id, name: actor.name, under: { kind: 'role', role: 'sysAdmin', grantId: sysAdmin.grantId } }));
  if (by === undefined) throw refuse('DIR-6', 'forbidden', '工作代理只能由委托人本人、该机构领导或系统管理员撤销');
  requireReason(reason);
  return [event('DelegationRevoked', { personId: person.personId, delegationId, reason, by, at: command.metadata.now })];
}

function recordDeparture(command: RecordDeparture, person: ActivePerson): PersonEvent[] {
  const by = sysAdminMaintaining(command);
  return [event('PersonDeparted', { personId: person.personId, reason: command.data.reason, by, at: command.metadata.now })];
}


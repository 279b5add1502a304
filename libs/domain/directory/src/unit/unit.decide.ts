import { isBlank, nowOf, type Decider } from '@oa/core';
import { sysAdminMaintaining } from '../directory.actor';
import { refuse } from '../directory.rules';
import { isPostCapacity, isPostKind } from '../directory.vocabulary';
import type { AbolishPost, DissolveUnit, EstablishPost, RegisterUnit, RenameUnit, UnitCommand } from './unit.commands';
import type { UnitEvent } from './unit.events';
import { evolveUnit, initialUnitState, type UnitFacts, type UnitState } from './unit.state';

export const unitStreamType = 'unit';

export type UnitDecider = Decider<UnitCommand, UnitEvent, UnitState> & { readonly streamType: typeof unitStreamType };

type ActiveUnit = Extract<UnitState, { status: 'active' }>;

const event = <E extends UnitEvent>(type: E['type'], data: E['data']): E => ({ type, data, schemaVersion: 1 }) as E;

function active(state: UnitState): ActiveUnit {
  if (state.status === 'empty') throw refuse('UNIT.NOT_FOUND', 'notFound');
  if (state.status === 'dissolved') throw refuse('UNIT.DISSOLVED', 'conflict', `机构「${state.name}」已撤销`);
  return state;
}

/** A unit another stream names must exist and be active; `facts` come from its stream (`unitFactsOf`). */
export function checkUnitFacts(unitId: string, facts: UnitFacts | undefined, what: string): void {
  if (facts === undefined) throw refuse('UNIT.NOT_FOUND', 'notFound', `${what} ${unitId} 不存在`);
  if (facts.unitId !== unitId) throw refuse('DIRECTORY.FACTS_MISMATCH', 'invalid', `传入的${what}信息与${what}编号 ${unitId} 不符`);
  if (!facts.active) throw refuse('UNIT.DISSOLVED', 'conflict', `${what} ${unitId} 已撤销`);
}

function register(command: RegisterUnit, state: UnitState): UnitEvent[] {
  if (state.status !== 'empty') throw refuse('UNIT.ALREADY_REGISTERED', 'conflict');
  const by = sysAdminMaintaining(command);
  const { unitId, code, name, parentUnitId, parent, reason } = command.data;
  if (isBlank(unitId) || isBlank(code) || isBlank(name)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '机构编号、代码和名称不能为空');
  if (parentUnitId !== undefined) {
    if (parentUnitId === unitId) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '机构不能以自身为上级');
    checkUnitFacts(parentUnitId, parent, '上级机构');
  }
  const data = { unitId, code, name, ...(parentUnitId !== undefined && { parentUnitId }), reason, by, at: command.metadata.now };
  return [event('UnitRegistered', data)];
}

function rename(command: RenameUnit, state: UnitState): UnitEvent[] {
  const unit = active(state);
  const by = sysAdminMaintaining(command);
  const { code, name, reason } = command.data;
  if (isBlank(code) || isBlank(name)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '机构代码和名称不能为空');
  if (code === unit.code && name === unit.name) return [];
  return [event('UnitRenamed', { unitId: unit.unitId, code, name, reason, by, at: command.metadata.now })];
}

function establishPost(command: EstablishPost, state: UnitState): UnitEvent[] {
  const unit = active(state);
  const by = sysAdminMaintaining(command);
  const { postId, kind, title, capacity, reason } = command.data;
  if (isBlank(postId) || isBlank(title)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '职务编号和名称不能为空');
  if (!isPostKind(kind)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', `职务类别「${String(kind)}」无效`);
  if (!isPostCapacity(capacity)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '须说明该职务设一人还是多人');
  if (unit.posts.some((post) => post.postId === postId)) throw refuse('UNIT.POST_ALREADY_ESTABLISHED', 'conflict', `职务 ${postId} 已设置`);
  return [event('PostEstablished', { unitId: unit.unitId, postId, kind, title, capacity, reason, by, at: command.metadata.now })];
}

function abolishPost(command: AbolishPost, state: UnitState): UnitEvent[] {
  const unit = active(state);
  const by = sysAdminMaintaining(command);
  const post = unit.posts.find((candidate) => candidate.postId === command.data.postId && !candidate.abolished);
  if (post === undefined) throw refuse('UNIT.POST_NOT_FOUND', 'notFound', `职务 ${command.data.postId} 不存在或已撤销`);
  return [event('PostAbolished', { unitId: unit.unitId, postId: post.postId, reason: command.data.reason, by, at: command.metadata.now })];
}

function dissolve(command: DissolveUnit, state: UnitState): UnitEvent[] {
  const unit = active(state);
  const by = sysAdminMaintaining(command);
  return [event('UnitDissolved', { unitId: unit.unitId, reason: command.data.reason, by, at: command.metadata.now })];
}

export function decideUnit(command: UnitCommand, state: UnitState): UnitEvent[] {
  nowOf(command.metadata.now);
  switch (command.type) {
    case 'RegisterUnit':
      return register(command, state);
    case 'RenameUnit':
      return rename(command, state);
    case 'EstablishPost':
      return establishPost(command, state);
    case 'AbolishPost':
      return abolishPost(command, state);
    case 'DissolveUnit':
      return dissolve(command, state);
    default: {
      const unexpected: never = command;
      throw new TypeError(`unknown unit command ${(unexpected as { type: string }).type}`);
    }
  }
}

export const unitDecider: UnitDecider = {
  streamType: unitStreamType,
  initialState: initialUnitState,
  decide: decideUnit,
  evolve: evolveUnit,
};

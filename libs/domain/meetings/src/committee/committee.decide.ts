import { isBlank, isIsoDate, unknownCommand, type Decider } from '@oa/core';
import { refuse } from '../meetings.rules';
import { duplicates } from '../meetings.validation';
import type { AddCommitteeMember, CommitteeCommand, CreateCommittee, RemoveCommitteeMember } from './committee.commands';
import type { CommitteeEvent } from './committee.events';
import type { CommitteeState } from './committee.state';
import { evolveCommittee, initialCommitteeState, openMembership } from './committee.state';

type Active = Extract<CommitteeState, { status: 'active' }>;

function create(command: CreateCommittee, state: CommitteeState): CommitteeEvent[] {
  if (state.status !== 'empty') throw refuse('MEETINGS.ALREADY_EXISTS', 'conflict', '该委员会已设立');
  const { committeeId, name, members, effectiveFrom } = command.data;
  if (isBlank(committeeId) || isBlank(name)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '委员会编号和名称不能为空');
  if (!isIsoDate(effectiveFrom)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '生效日期须为 YYYY-MM-DD');
  if (members.some((member) => isBlank(member.memberId) || isBlank(member.name))) {
    throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '委员的编号和姓名不能为空');
  }
  const repeated = duplicates(members.map((member) => member.memberId));
  if (repeated.length > 0) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `委员重复：${repeated.join('、')}`);
  const recordedAt = command.metadata.now;
  return [
    { type: 'CommitteeCreated', schemaVersion: 1, data: { committeeId, name, createdAt: recordedAt } },
    ...members.map(
      (member): CommitteeEvent => ({
        type: 'CommitteeMemberAdded',
        schemaVersion: 1,
        data: { committeeId, memberId: member.memberId, name: member.name, effectiveFrom, recordedAt },
      }),
    ),
  ];
}

function requireActive(state: CommitteeState): Active {
  if (state.status !== 'active') throw refuse('MEETINGS.NOT_FOUND', 'notFound', '委员会不存在');
  return state;
}

function addMember(command: AddCommitteeMember, state: CommitteeState): CommitteeEvent[] {
  const committee = requireActive(state);
  const { memberId, name, effectiveFrom } = command.data;
  if (isBlank(memberId) || isBlank(name)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '委员的编号和姓名不能为空');
  if (!isIsoDate(effectiveFrom)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '生效日期须为 YYYY-MM-DD');
  if (openMembership(committee, memberId)) throw refuse('MEETINGS.INVALID_STATE', 'conflict', `${name}已是委员`);
  // Membership periods of one person never overlap, so the expected count of any past day stays what it was.
  const lastEnd = committee.memberships
    .filter((period) => period.memberId === memberId)
    .map((period) => period.until ?? '')
    .sort()
    .at(-1);
  if (lastEnd !== undefined && effectiveFrom < lastEnd) {
    throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `生效日期不得早于该委员上次免职日期 ${lastEnd}`);
  }
  return [
    {
      type: 'CommitteeMemberAdded',
      schemaVersion: 1,
      data: { committeeId: committee.committeeId, memberId, name, effectiveFrom, recordedAt: command.metadata.now },
    },
  ];
}

function removeMember(command: RemoveCommitteeMember, state: CommitteeState): CommitteeEvent[] {
  const committee = requireActive(state);
  const { memberId, effectiveFrom, reason } = command.data;
  if (!isIsoDate(effectiveFrom)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '生效日期须为 YYYY-MM-DD');
  if (isBlank(reason)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '须说明免职原因');
  const period = openMembership(committee, memberId);
  if (!period) throw refuse('MEETINGS.INVALID_STATE', 'conflict', `${memberId}不是现任委员`);
  if (effectiveFrom <= period.from) {
    throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `免职生效日期须晚于任职生效日期 ${period.from}`);
  }
  return [
    {
      type: 'CommitteeMemberRemoved',
      schemaVersion: 1,
      data: { committeeId: committee.committeeId, memberId, effectiveFrom, reason, recordedAt: command.metadata.now },
    },
  ];
}

export function decideCommittee(command: CommitteeCommand, state: CommitteeState): CommitteeEvent[] {
  switch (command.type) {
    case 'CreateCommittee':
      return create(command, state);
    case 'AddCommitteeMember':
      return addMember(command, state);
    case 'RemoveCommitteeMember':
      return removeMember(command, state);
    default:
      return unknownCommand(command);
  }
}

export const committeeDecider: Decider<CommitteeCommand, CommitteeEvent, CommitteeState> = {
  streamType: 'committee',
  initialState: initialCommitteeState,
  decide: decideCommittee,
  evolve: evolveCommittee,
};

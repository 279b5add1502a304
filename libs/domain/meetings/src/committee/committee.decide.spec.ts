import { DeciderSpecification } from '@oa/core';
import { actors, refusalOf } from '../meetings.fixtures';
import { committeeDecider } from './committee.decide';
import { COMMITTEE_ID, committeeCommand, committeeCreated, memberAdded, memberRemoved } from './committee.fixtures';
import { committeeMembersAsOf, expectedMemberCountOn } from './committee.state';
import { fold } from '@oa/core';

const spec = DeciderSpecification.for(committeeDecider);
const NOW = '2024-07-01T10:00:00.000+08:00';

describe('Committee: when none', () => {
  it('creates the committee and records each founding member as a membership event', () => {
    spec
      .given([])
      .when(
        committeeCommand(
          'CreateCommittee',
          {
            committeeId: COMMITTEE_ID,
            name: '中共某某局委员会',
            members: [
              { memberId: 'm1', name: '王书记' },
              { memberId: 'm2', name: '李副书记' },
            ],
            effectiveFrom: '2024-01-01',
          },
          { actor: actors.office, now: NOW },
        ),
      )
      .then([
        { type: 'CommitteeCreated', schemaVersion: 1, data: { committeeId: COMMITTEE_ID, name: '中共某某局委员会', createdAt: NOW } },
        { type: 'CommitteeMemberAdded', schemaVersion: 1, data: { committeeId: COMMITTEE_ID, memberId: 'm1', name: '王书记', effectiveFrom: '2024-01-01', recordedAt: NOW } },
        { type: 'CommitteeMemberAdded', schemaVersion: 1, data: { committeeId: COMMITTEE_ID, memberId: 'm2', name: '李副书记', effectiveFrom: '2024-01-01', recordedAt: NOW } },
      ]);
  });

  it('refuses a founding list that names a member twice', () => {
    spec
      .given([])
      .when(
        committeeCommand('CreateCommittee', {
          committeeId: COMMITTEE_ID,
          name: '党委',
          members: [
            { memberId: 'm1', name: '王书记' },
            { memberId: 'm1', name: '王书记' },
          ],
          effectiveFrom: '2024-01-01',
        }),
      )
      .thenThrows('MEETINGS.INVALID_INPUT');
  });

  it('refuses adding a member to a committee that does not exist', () => {
    const refusal = refusalOf(committeeDecider, [], committeeCommand('AddCommitteeMember', { memberId: 'm3', name: '张委员', effectiveFrom: '2024-03-01' }));
    expect([refusal.code, refusal.kind]).toEqual(['MEETINGS.NOT_FOUND', 'notFound']);
  });
});

describe('Committee: when active', () => {
  const given = [committeeCreated(), memberAdded('m1', '王书记', '2024-01-01'), memberAdded('m2', '李副书记', '2024-01-01')];

  it('adds a member from a date', () => {
    spec
      .given(given)
      .when(committeeCommand('AddCommitteeMember', { memberId: 'm3', name: '张委员', effectiveFrom: '2024-03-01' }, { now: NOW }))
      .then([{ type: 'CommitteeMemberAdded', schemaVersion: 1, data: { committeeId: COMMITTEE_ID, memberId: 'm3', name: '张委员', effectiveFrom: '2024-03-01', recordedAt: NOW } }]);
  });

  it('refuses adding someone who is already a member', () => {
    spec.given(given).when(committeeCommand('AddCommitteeMember', { memberId: 'm2', name: '李副书记', effectiveFrom: '2024-03-01' })).thenThrows('MEETINGS.INVALID_STATE');
  });

  it('removes a member from a date, with the reason', () => {
    spec
      .given(given)
      .when(committeeCommand('RemoveCommitteeMember', { memberId: 'm2', effectiveFrom: '2024-05-01', reason: '工作调动' }, { now: NOW }))
      .then([{ type: 'CommitteeMemberRemoved', schemaVersion: 1, data: { committeeId: COMMITTEE_ID, memberId: 'm2', effectiveFrom: '2024-05-01', reason: '工作调动', recordedAt: NOW } }]);
  });

  it('refuses removing someone who is not a member', () => {
    spec.given(given).when(committeeCommand('RemoveCommitteeMember', { memberId: 'm9', effectiveFrom: '2024-05-01', reason: '工作调动' })).thenThrows('MEETINGS.INVALID_STATE');
  });

  it('refuses re-adding a former member before the removal took effect, so past expected counts never change', () => {
    spec
      .given([...given, memberRemoved('m2', '2024-05-01')])
      .when(committeeCommand('AddCommitteeMember', { memberId: 'm2', name: '李副书记', effectiveFrom: '2024-04-01' }))
      .thenThrows('MEETINGS.INVALID_INPUT');
  });
});

describe('Committee: members as of a date', () => {
  const history = [
    committeeCreated(),
    memberAdded('m1', '王书记', '2024-01-01'),
    memberAdded('m2', '李副书记', '2024-01-01'),
    memberAdded('m3', '张委员', '2024-03-01'),
    memberRemoved('m2', '2024-05-01'),
    memberAdded('m2', '李副书记', '2024-09-01'),
  ];

  it('MTG-5 gives the expected members of a meeting day from the membership history', () => {
    expect(committeeMembersAsOf(history, '2023-12-31')).toEqual([]);
    expect(committeeMembersAsOf(history, '2024-02-29').map((m) => m.memberId)).toEqual(['m1', 'm2']);
    expect(committeeMembersAsOf(history, '2024-03-01').map((m) => m.memberId)).toEqual(['m1', 'm2', 'm3']);
    // the removal takes effect on its date: no longer expected that day
    expect(committeeMembersAsOf(history, '2024-05-01').map((m) => m.memberId)).toEqual(['m1', 'm3']);
    expect(committeeMembersAsOf(history, '2024-09-01').map((m) => m.memberId)).toEqual(['m1', 'm3', 'm2']);
  });

  it('MTG-3 counts the expected members on the meeting day, not today', () => {
    const state = fold(committeeDecider, history);
    expect(expectedMemberCountOn(state, '2024-04-30')).toBe(3);
    expect(expectedMemberCountOn(state, '2024-06-30')).toBe(2);
  });
});

import type { CommitteeCommand } from './committee.commands';
import type { CommitteeEvent } from './committee.events';
import { commandOf } from '../meetings.fixtures';

export const COMMITTEE_ID = 'cmt-party';
export const committeeCommand = commandOf<CommitteeCommand>();

export const committeeCreated = (): CommitteeEvent => ({
  type: 'CommitteeCreated',
  schemaVersion: 1,
  data: { committeeId: COMMITTEE_ID, name: '中共某某局委员会', createdAt: '2024-01-02T09:00:00.000+08:00' },
});

export const memberAdded = (memberId: string, name: string, effectiveFrom: string): CommitteeEvent => ({
  type: 'CommitteeMemberAdded',
  schemaVersion: 1,
  data: { committeeId: COMMITTEE_ID, memberId, name, effectiveFrom, recordedAt: '2024-01-02T09:00:00.000+08:00' },
});

export const memberRemoved = (memberId: string, effectiveFrom: string, reason = '工作调动'): CommitteeEvent => ({
  type: 'CommitteeMemberRemoved',
  schemaVersion: 1,
  data: { committeeId: COMMITTEE_ID, memberId, effectiveFrom, reason, recordedAt: '2024-01-02T09:00:00.000+08:00' },
});

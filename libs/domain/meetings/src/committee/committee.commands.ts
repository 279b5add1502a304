import type { Command } from '@oa/core';
import type { Member } from '../meetings.types';

export type CreateCommittee = Command<
  'CreateCommittee',
  {
    readonly committeeId: string;
    readonly name: string;
    /** The members from the day the committee is constituted. */
    readonly members: readonly Member[];
    /** YYYY-MM-DD */
    readonly effectiveFrom: string;
  }
>;

export type AddCommitteeMember = Command<
  'AddCommitteeMember',
  {
    readonly memberId: string;
    readonly name: string;
    /** The first day of membership, YYYY-MM-DD. */
    readonly effectiveFrom: string;
  }
>;

export type RemoveCommitteeMember = Command<
  'RemoveCommitteeMember',
  {
    readonly memberId: string;
    /** The first day the person is no longer a member, YYYY-MM-DD. */
    readonly effectiveFrom: string;
    readonly reason: string;
  }
>;

export type CommitteeCommand = CreateCommittee | AddCommitteeMember | RemoveCommitteeMember;

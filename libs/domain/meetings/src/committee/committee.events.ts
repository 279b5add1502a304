import type { MeetingsEvent } from '../meetings.types';

export type CommitteeCreated = MeetingsEvent<
  'CommitteeCreated',
  { readonly committeeId: string; readonly name: string; readonly createdAt: string }
>;

/** Membership over time is a sequence of these facts; the members on a day are folded from them. */
export type CommitteeMemberAdded = MeetingsEvent<
  'CommitteeMemberAdded',
  {
    readonly committeeId: string;
    readonly memberId: string;
    readonly name: string;
    readonly effectiveFrom: string;
    readonly recordedAt: string;
  }
>;

export type CommitteeMemberRemoved = MeetingsEvent<
  'CommitteeMemberRemoved',
  {
    readonly committeeId: string;
    readonly memberId: string;
    readonly effectiveFrom: string;
    readonly reason: string;
    readonly recordedAt: string;
  }
>;

export type CommitteeEvent = CommitteeCreated | CommitteeMemberAdded | CommitteeMemberRemoved;

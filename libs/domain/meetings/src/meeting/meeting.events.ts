import type { FileReference, PostReliedOn } from '@oa/core';
import type { QuorumReading } from '../meetings.rules';
import type {
  AbsentMember,
  Ballot,
  DecisionOutcome,
  MajorMatterCategory,
  Material,
  MeetingKind,
  MeetingsEvent,
  Member,
  Person,
  SecrecyLevel,
  VoteCounts,
  VotingMethod,
} from '../meetings.types';

export type MeetingScheduled = MeetingsEvent<
  'MeetingScheduled',
  {
    readonly meetingId: string;
    readonly kind: MeetingKind;
    readonly title: string;
    readonly committeeId: string;
    readonly chairId: string;
    readonly recorderId: string;
    readonly startsAt: string;
    readonly endsAt: string;
    readonly place: string;
    readonly expectedMembers: readonly Member[];
    /** MTG-10 (version 2; version 1 reads as 内部). From 秘密 up `title` is a digest. */
    readonly secrecyLevel: SecrecyLevel;
    readonly scheduledBy: string;
    readonly scheduledAt: string;
  },
  2
>;

export type MeetingCancelled = MeetingsEvent<
  'MeetingCancelled',
  { readonly meetingId: string; readonly reason: string; readonly cancelledBy: string; readonly cancelledAt: string }
>;

export type MeetingNoticeIssued = MeetingsEvent<
  'MeetingNoticeIssued',
  {
    readonly meetingId: string;
    readonly noticeId: string;
    readonly recipients: readonly Person[];
    readonly contentHash: string;
    readonly issuedBy: string;
    readonly issuedAt: string;
  }
>;

export type AgendaItemSubmitted = MeetingsEvent<
  'AgendaItemSubmitted',
  {
    readonly meetingId: string;
    readonly itemId: string;
    readonly title: string;
    readonly submittingUnit?: string;
    /** Materials named and hashed by the submitter, as items were submitted before materials were files (MTG-1 / FILE-1: AgendaItemMaterialAttached now). */
    readonly materials?: readonly Material[];
    readonly majorMatter?: MajorMatterCategory;
    readonly cadreAppointment: boolean;
    readonly submittedBy: string;
    readonly submittedAt: string;
  }
>;

export type AgendaItemChecked = MeetingsEvent<
  'AgendaItemChecked',
  { readonly meetingId: string; readonly itemId: string; readonly comment?: string; readonly checkedBy: string; readonly checkedAt: string }
>;

export type AgendaItemReturned = MeetingsEvent<
  'AgendaItemReturned',
  { readonly meetingId: string; readonly itemId: string; readonly reason: string; readonly returnedBy: string; readonly returnedAt: string }
>;

export type AgendaItemPutOnAgenda = MeetingsEvent<
  'AgendaItemPutOnAgenda',
  {
    readonly meetingId: string;
    readonly itemId: string;
    readonly position: number;
    readonly putBy: string;
    /** DIR-5: the secretary post (书记) of a 党委会's chair, as the directory held it (its PostAssigned event). */
    readonly putUnder?: PostReliedOn;
    readonly putAt: string;
  }
>;

export type AttendanceRecorded = MeetingsEvent<
  'AttendanceRecorded',
  {
    readonly meetingId: string;
    readonly present: readonly string[];
    readonly absent: readonly AbsentMember[];
    readonly nonVotingAttendees: readonly Person[];
    readonly expectedCount: number;
    readonly presentCount: number;
    readonly recordedBy: string;
    readonly recordedAt: string;
  }
>;

export type MeetingOpened = MeetingsEvent<'MeetingOpened', { readonly meetingId: string; readonly openedBy: string; readonly openedAt: string }>;

/** MTG-2 中途离会: the member was present and is no longer; the counts are those after leaving. */
export type MemberLeftMeeting = MeetingsEvent<
  'MemberLeftMeeting',
  {
    readonly meetingId: string;
    readonly memberId: string;
    readonly reason: string;
    readonly expectedCount: number;
    /** Members still present after this one left: the base of later quorums (MTG-3). */
    readonly presentCount: number;
    readonly recordedBy: string;
    readonly leftAt: string;
  }
>;

export type MemberRecused = MeetingsEvent<
  'MemberRecused',
  { readonly meetingId: string; readonly itemId: string; readonly memberId: string; readonly reason: string; readonly recordedAt: string }
>;

export type SpeechRecorded = MeetingsEvent<
  'SpeechRecorded',
  {
    readonly meetingId: string;
    readonly itemId: string;
    readonly speakerId: string;
    /** 1, 2, 3 … within the item: the speaking order MTG-6 keeps and MTG-9 looks at. */
    readonly sequence: number;
    readonly view: string;
    readonly recordedAt: string;
  }
>;

export type VoteRecorded = MeetingsEvent<
  'VoteRecorded',
  {
    readonly meetingId: string;
    readonly itemId: string;
    readonly method: VotingMethod;
    readonly ballots?: readonly Ballot[];
    readonly counts: VoteCounts;
    /** 应到会委员: the majority's base (MTG-5). */
    readonly expectedCount: number;
    readonly passed: boolean;
    readonly recordedAt: string;
  }
>;

export type WrittenOpinionRecorded = MeetingsEvent<
  'WrittenOpinionRecorded',
  { readonly meetingId: string; readonly itemId: string; readonly memberId: string; readonly opinion: string; readonly recordedAt: string }
>;

export type DecisionRecorded = MeetingsEvent<
  'DecisionRecorded',
  {
    readonly meetingId: string;
    readonly itemId: string;
    readonly title: string;
    readonly outcome: DecisionOutcome;
    readonly text: string;
    readonly meetingKind: MeetingKind;
    readonly majorMatter?: MajorMatterCategory;
    readonly cadreAppointment: boolean;
    /** What the quorum was judged on (MTG-3), so the audit can recompute it (AUD-4). */
    readonly expectedCount: number;
    readonly presentCount: number;
    readonly quorumReading: QuorumReading;
    readonly voted: boolean;
    /** The meeting's chair: a supervision task from the decision is theirs to accept (SUP-1). Absent before issue 30. */
    readonly chairId?: string;
    readonly decidedAt: string;
  }
>;

export type MeetingClosed = MeetingsEvent<'MeetingClosed', { readonly meetingId: string; readonly closedBy: string; readonly closedAt: string }>;

/** MTG-1 / FILE-1 a material stored as a file: its digests, size, format and name (a digest of the name from 秘密 up, MTG-10). */
export type AgendaItemMaterialAttached = MeetingsEvent<
  'AgendaItemMaterialAttached',
  { readonly meetingId: string; readonly itemId: string; readonly file: FileReference; readonly attachedBy: string; readonly attachedAt: string }
>;

export type MeetingEvent =
  | AgendaItemMaterialAttached
  | MeetingScheduled
  | MeetingCancelled
  | MeetingNoticeIssued
  | AgendaItemSubmitted
  | AgendaItemChecked
  | AgendaItemReturned
  | AgendaItemPutOnAgenda
  | AttendanceRecorded
  | MeetingOpened
  | MemberLeftMeeting
  | MemberRecused
  | SpeechRecorded
  | VoteRecorded
  | WrittenOpinionRecorded
  | DecisionRecorded
  | MeetingClosed;

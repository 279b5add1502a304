import type { Command, FileReference } from '@oa/core';
import type {
  AbsentMember,
  Ballot,
  DecisionOutcome,
  MajorMatterCategory,
  MeetingKind,
  Member,
  Person,
  SecrecyLevel,
  VoteCounts,
  VotingMethod,
} from '../meetings.types';

export type ScheduleMeeting = Command<
  'ScheduleMeeting',
  {
    readonly meetingId: string;
    readonly kind: MeetingKind;
    readonly title: string;
    readonly committeeId: string;
    /** 主持人 (for a committee meeting the secretary, 书记) */
    readonly chairId: string;
    /** 会议记录人 */
    readonly recorderId: string;
    readonly startsAt: string;
    /** The scheduled end; MTG-6 counts the minutes deadline from it. */
    readonly endsAt: string;
    readonly place: string;
    /**
     * Fact: the committee's members on the meeting day (committeeMembersOn), read by the
     * application layer from the committee stream. The base of MTG-3 and MTG-5.
     */
    readonly expectedMembers: readonly Member[];
    /**
     * MTG-10 密级, 内部 when absent. From 秘密 up the title (and every text recorded later) is
     * the `sha256:` digest of the text, which the service keeps beside the stream (COMMON-4).
     */
    readonly secrecyLevel?: SecrecyLevel;
  }
>;

export type CancelMeeting = Command<'CancelMeeting', { readonly reason: string }>;

/** 会议通知: who is notified (every expected member at least), and the digest of the notice text. */
export type IssueMeetingNotice = Command<
  'IssueMeetingNotice',
  { readonly noticeId: string; readonly recipients: readonly Person[]; readonly contentHash: string }
>;

export type SubmitAgendaItem = Command<
  'SubmitAgendaItem',
  {
    readonly itemId: string;
    readonly title: string;
    readonly submittingUnit?: string;
    /** 三重一大 category, when the item is a major matter. */
    readonly majorMatter?: MajorMatterCategory;
    /** 干部任免: MTG-3 then asks two thirds present. */
    readonly cadreAppointment?: boolean;
  }
>;

/** The office's check (办公室审核) before the chair may put the item on the agenda. */
export type CheckAgendaItem = Command<'CheckAgendaItem', { readonly itemId: string; readonly comment?: string }>;

export type ReturnAgendaItem = Command<'ReturnAgendaItem', { readonly itemId: string; readonly reason: string }>;

export type PutAgendaItemOnAgenda = Command<'PutAgendaItemOnAgenda', { readonly itemId: string }>;

export type RecordAttendance = Command<
  'RecordAttendance',
  {
    /** Every expected member appears exactly once: present … */
    readonly present: readonly string[];
    /** … or absent with a reason (请假). */
    readonly absent: readonly AbsentMember[];
    /** 列席 */
    readonly nonVotingAttendees: readonly Person[];
  }
>;

export type OpenMeeting = Command<'OpenMeeting', Record<string, never>>;

/**
 * MTG-2 a present member leaves the meeting in progress (中途离会), with a reason. Later
 * speeches, votes and decisions count only the members still present (MTG-3, MTG-5).
 */
export type RecordMemberLeaving = Command<'RecordMemberLeaving', { readonly memberId: string; readonly reason: string }>;

export type RecordRecusal = Command<'RecordRecusal', { readonly itemId: string; readonly memberId: string; readonly reason: string }>;

export type RecordSpeech = Command<'RecordSpeech', { readonly itemId: string; readonly speakerId: string; readonly view: string }>;

export type RecordVote = Command<
  'RecordVote',
  {
    readonly itemId: string;
    readonly method: VotingMethod;
    /** Named ballot / show of hands: one per present member not recused. */
    readonly ballots?: readonly Ballot[];
    /** Secret ballot: counts only. */
    readonly counts?: VoteCounts;
  }
>;

/** An absent member's written opinion: recorded, never counted (MTG-5). */
export type RecordWrittenOpinion = Command<
  'RecordWrittenOpinion',
  { readonly itemId: string; readonly memberId: string; readonly opinion: string }
>;

export type RecordDecision = Command<
  'RecordDecision',
  { readonly itemId: string; readonly outcome: DecisionOutcome; readonly text: string }
>;

export type CloseMeeting = Command<'CloseMeeting', Record<string, never>>;

/** MTG-1 / FILE-1 a material of an agenda item as a stored file, uploaded before the item is put on the agenda. */
export type AttachAgendaItemMaterial = Command<'AttachAgendaItemMaterial', { readonly itemId: string; readonly file: FileReference }>;

export type MeetingCommand =
  | AttachAgendaItemMaterial
  | ScheduleMeeting
  | CancelMeeting
  | IssueMeetingNotice
  | SubmitAgendaItem
  | CheckAgendaItem
  | ReturnAgendaItem
  | PutAgendaItemOnAgenda
  | RecordAttendance
  | OpenMeeting
  | RecordMemberLeaving
  | RecordRecusal
  | RecordSpeech
  | RecordVote
  | RecordWrittenOpinion
  | RecordDecision
  | CloseMeeting;

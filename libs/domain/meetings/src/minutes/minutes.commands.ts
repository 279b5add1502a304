import type { Command } from '@oa/core';
import type {
  AbsentMember,
  Ballot,
  DecisionOutcome,
  MajorMatterCategory,
  Member,
  Person,
  SecrecyLevel,
  VoteCounts,
  VotingMethod,
} from '../meetings.types';

/** One item of the minutes (MTG-6): every member's view in speaking order, the vote, the decision. */
export interface MinutesItem {
  readonly itemId: string;
  readonly title: string;
  readonly majorMatter?: MajorMatterCategory;
  readonly cadreAppointment?: boolean;
  readonly recusals: readonly AbsentMember[];
  /** In speaking order. */
  readonly views: readonly { readonly speakerId: string; readonly view: string }[];
  /** Absent members' written opinions: recorded, not counted. */
  readonly writtenOpinions?: readonly { readonly memberId: string; readonly opinion: string }[];
  readonly vote?: { readonly method: VotingMethod; readonly counts: VoteCounts; readonly ballots?: readonly Ballot[] };
  readonly outcome: DecisionOutcome;
  readonly decision: string;
  /** MTG-2 members of `left` who had left the meeting before this item was decided: no view is asked of them. */
  readonly leftBefore?: readonly string[];
}

/** What the recorder writes (会议记录): MTG-6 lists each part. */
export interface MinutesContent {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly place: string;
  readonly chair: Person;
  readonly recorder: Person;
  /** At the roll call, including those who left later. */
  readonly present: readonly Member[];
  readonly absent: readonly (Member & { readonly reason: string })[];
  /** MTG-2 members present at the roll call who left the meeting in progress (中途离会), with reasons. */
  readonly left?: readonly (Member & { readonly reason: string })[];
  readonly nonVotingAttendees: readonly Person[];
  readonly items: readonly MinutesItem[];
}

export type DraftMinutes = Command<
  'DraftMinutes',
  {
    readonly meetingId: string;
    readonly title: string;
    /** Facts from the meeting stream: who chairs and who records, and the scheduled end (MTG-6 deadline). */
    readonly chairId: string;
    readonly recorderId: string;
    readonly scheduledEnd: string;
    readonly secrecyLevel: SecrecyLevel;
    /** Fact (MTG-10): the meeting's level in force (`meetingSecrecyLevel`); the minutes are at least at it. */
    readonly meetingSecrecyLevel?: SecrecyLevel;
    /** From 秘密 up the title and each view, opinion and decision are `sha256:` digests (COMMON-4). */
    readonly content: MinutesContent;
  }
>;

export type ReviseMinutesDraft = Command<'ReviseMinutesDraft', { readonly content: MinutesContent }>;

/** The recorder and the chair each sign; the second signature finalizes. */
/**
 * `clearDraft`: a fact the service supplies for classified minutes (MTG-10), the draft with its
 * texts opened from the digests it holds; the archives' copy is that (FILE-4), and its digest is recorded.
 */
export type SignMinutes = Command<'SignMinutes', { readonly clearDraft?: MinutesContent }>;

export type ProposeMinutesAmendment = Command<
  'ProposeMinutesAmendment',
  { readonly amendmentId: string; readonly reason: string; readonly content: MinutesContent }
>;

export type ApproveMinutesAmendment = Command<'ApproveMinutesAmendment', { readonly amendmentId: string }>;

export type RejectMinutesAmendment = Command<'RejectMinutesAmendment', { readonly amendmentId: string; readonly reason: string }>;

/** FILE-2 the archives copy a finalized version of the minutes over the internal API; the copy is on record here too. */
export type ReleaseMinutesFilingCopy = Command<'ReleaseMinutesFilingCopy', { readonly sha256: string }>;

export type MinutesCommand =
  | ReleaseMinutesFilingCopy
  | DraftMinutes
  | ReviseMinutesDraft
  | SignMinutes
  | ProposeMinutesAmendment
  | ApproveMinutesAmendment
  | RejectMinutesAmendment;

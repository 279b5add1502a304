import type { FileReference } from '@oa/core';
import { chairSpokeBeforeOthersOnMajorMatter } from '../meetings.detectors';
import type {
  AbsentMember,
  Ballot,
  DecisionOutcome,
  MajorMatterCategory,
  Material,
  MeetingKind,
  Member,
  Person,
  SecrecyLevel,
  VoteCounts,
  VotingMethod,
} from '../meetings.types';
import { higherSecrecyLevel, ignoreUnknownEvent } from '../meetings.types';
import type { MeetingEvent } from './meeting.events';

/** submitted → (returned → submitted) → checked (办公室审核) → onAgenda (书记确定) → decided | deferred */
export type AgendaItemStatus = 'submitted' | 'returned' | 'checked' | 'onAgenda' | 'decided' | 'deferred';

export interface Speech {
  readonly speakerId: string;
  readonly sequence: number;
  readonly view: string;
}

export interface Vote {
  readonly method: VotingMethod;
  readonly ballots?: readonly Ballot[];
  readonly counts: VoteCounts;
  readonly expectedCount: number;
  readonly passed: boolean;
}

export interface Decision {
  readonly outcome: DecisionOutcome;
  readonly text: string;
  readonly presentCount: number;
  readonly decidedAt: string;
}

export interface AgendaItem {
  readonly itemId: string;
  readonly title: string;
  readonly submittingUnit?: string;
  /** Named and hashed by the submitter, on items submitted before materials were files. */
  readonly materials?: readonly Material[];
  /** MTG-1 / FILE-1 the materials stored as files. */
  readonly files?: readonly FileReference[];
  readonly majorMatter?: MajorMatterCategory;
  readonly cadreAppointment: boolean;
  readonly submittedBy: string;
  readonly status: AgendaItemStatus;
  /** Place on the agenda, from 1, once the chair has put it there. */
  readonly position?: number;
  readonly recusals: readonly AbsentMember[];
  readonly speeches: readonly Speech[];
  readonly writtenOpinions: readonly { readonly memberId: string; readonly opinion: string }[];
  readonly vote?: Vote;
  readonly decision?: Decision;
}

export interface Attendance {
  /** The roll call: every member present at it, including those who left later. */
  readonly present: readonly string[];
  readonly absent: readonly AbsentMember[];
  readonly nonVotingAttendees: readonly Person[];
  /** MTG-2 members who left the meeting in progress (中途离会), in order; absent when none did. */
  readonly left?: readonly (AbsentMember & { readonly leftAt: string })[];
}

/** The members present now: the roll call less those who have left since (MTG-3, MTG-5). */
export function membersStillPresent(state: MeetingState): readonly string[] {
  if (state.status === 'empty' || !state.attendance) return [];
  const left = (state.attendance.left ?? []).map((member) => member.memberId);
  return state.attendance.present.filter((memberId) => !left.includes(memberId));
}

export interface MeetingDetails {
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
  /** MTG-10 as scheduled; `meetingSecrecyLevel` gives the level in force. */
  readonly secrecyLevel: SecrecyLevel;
  readonly items: readonly AgendaItem[];
  readonly attendance?: Attendance;
  /** 会议通知 issued so far, by id. */
  readonly notices: readonly { readonly noticeId: string; readonly recipientIds: readonly string[]; readonly issuedAt: string }[];
}

export type MeetingState =
  | { readonly status: 'empty' }
  | (MeetingDetails & { readonly status: 'scheduled' })
  | (MeetingDetails & { readonly status: 'inProgress'; readonly openedAt: string })
  | (MeetingDetails & { readonly status: 'closed'; readonly openedAt: string; readonly closedAt: string })
  | (MeetingDetails & { readonly status: 'cancelled'; readonly reason: string; readonly cancelledAt: string });

export type ExistingMeeting = Exclude<MeetingState, { status: 'empty' }>;

export const initialMeetingState = (): MeetingState => ({ status: 'empty' });

export function findItem(state: MeetingState, itemId: string): AgendaItem | undefined {
  return state.status === 'empty' ? undefined : state.items.find((item) => item.itemId === itemId);
}

function withItem(state: MeetingState, itemId: string, change: (item: AgendaItem) => AgendaItem): MeetingState {
  if (state.status === 'empty') return state;
  return { ...state, items: state.items.map((item) => (item.itemId === itemId ? change(item) : item)) };
}

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'MeetingScheduled': {
      const { scheduledBy: _by, scheduledAt: _at, ...details } = event.data;
      // an event of version 1 not upcast (a fold outside the store) is 内部
      return { status: 'scheduled', ...details, secrecyLevel: details.secrecyLevel ?? 'internal', items: [], notices: [] };
    }
    case 'MeetingCancelled':
      if (state.status === 'empty') return state;
      return { ...state, status: 'cancelled', reason: event.data.reason, cancelledAt: event.data.cancelledAt };
    case 'MeetingNoticeIssued': {
      if (state.status === 'empty') return state;
      const { noticeId, recipients, issuedAt } = event.data;
      return { ...state, notices: [...(state.notices ?? []), { noticeId, recipientIds: recipients.map((recipient) => recipient.personId), issuedAt }] };
    }
    case 'AgendaItemSubmitted': {
      if (state.status === 'empty') return state;
      const { meetingId: _meeting, submittedAt: _at, ...submitted } = event.data;
      const item: AgendaItem = { ...submitted, status: 'submitted', recusals: [], speeches: [], writtenOpinions: [] };
      const returned = state.items.find((existing) => existing.itemId === item.itemId);
      // a returned item resubmitted keeps the material files already attached to it
      if (returned) return { ...state, items: state.items.map((existing) => (existing === returned ? { ...item, ...(returned.files && { files: returned.files }) } : existing)) };
      return { ...state, items: [...state.items, item] };
    }
    case 'AgendaItemMaterialAttached':
      return withItem(state, event.data.itemId, (item) => ({ ...item, files: [...(item.files ?? []), event.data.file] }));
    case 'AgendaItemChecked':
      return withItem(state, event.data.itemId, (item) => ({ ...item, status: 'checked' }));
    case 'AgendaItemReturned':
      return withItem(state, event.data.itemId, (item) => ({ ...item, status: 'returned' }));
    case 'AgendaItemPutOnAgenda':
      return withItem(state, event.data.itemId, (item) => ({ ...item, status: 'onAgenda', position: event.data.position }));
    case 'AttendanceRecorded': {
      if (state.status === 'empty') return state;
      const { present, absent, nonVotingAttendees } = event.data;
      return { ...state, attendance: { present, absent, nonVotingAttendees } };
    }
    case 'MemberLeftMeeting': {
      if (state.status === 'empty' || !state.attendance) return state;
      const { memberId, reason, leftAt } = event.data;
      return { ...state, attendance: { ...state.attendance, left: [...(state.attendance.left ?? []), { memberId, reason, leftAt }] } };
    }
    case 'MeetingOpened':
      if (state.status !== 'scheduled') return state;
      return { ...state, status: 'inProgress', openedAt: event.data.openedAt };
    case 'MemberRecused':
      return withItem(state, event.data.itemId, (item) => ({
        ...item,
        recusals: [...item.recusals, { memberId: event.data.memberId, reason: event.data.reason }],
      }));
    case 'SpeechRecorded':
      return withItem(state, event.data.itemId, (item) => ({
        ...item,
        speeches: [...item.speeches, { speakerId: event.data.speakerId, sequence: event.data.sequence, view: event.data.view }],
      }));
    case 'VoteRecorded': {
      const { method, ballots, counts, expectedCount, passed } = event.data;
      return withItem(state, event.data.itemId, (item) => ({
        ...item,
        vote: { method, ...(ballots !== undefined ? { ballots } : {}), counts, expectedCount, passed },
      }));
    }
    case 'WrittenOpinionRecorded':
      return withItem(state, event.data.itemId, (item) => ({
        ...item,
        writtenOpinions: [...item.writtenOpinions, { memberId: event.data.memberId, opinion: event.data.opinion }],
      }));
    case 'DecisionRecorded': {
      const { outcome, text, presentCount, decidedAt } = event.data;
      return withItem(state, event.data.itemId, (item) => ({
        ...item,
        status: outcome === 'deferred' ? 'deferred' : 'decided',
        decision: { outcome, text, presentCount, decidedAt },
      }));
    }
    case 'MeetingClosed':
      if (state.status !== 'inProgress') return state;
      return { ...state, status: 'closed', closedAt: event.data.closedAt };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/** MTG-10 the level a 党委会 with a 干部任免 item is raised to, unless the office configures otherwise. */
export const DEFAULT_CADRE_SECRECY_LEVEL: SecrecyLevel = 'mimi';

/**
 * MTG-10 the meeting's level in force: as scheduled, raised to `cadreLevel` (秘密 by default)
 * once a committee meeting (党委会) has a 干部任免 item — its minutes are at least that, and the
 * texts recorded from then on are kept as digests (COMMON-4). `extraCadreItem`: an item being submitted.
 */
export function meetingSecrecyLevel(state: MeetingState, cadreLevel: SecrecyLevel = DEFAULT_CADRE_SECRECY_LEVEL, extraCadreItem = false): SecrecyLevel {
  if (state.status === 'empty') return 'none';
  const cadre = state.kind === 'committee' && (extraCadreItem || state.items.some((item) => item.cadreAppointment));
  return cadre ? higherSecrecyLevel(state.secrecyLevel, cadreLevel) : state.secrecyLevel;
}

/** COMMON-3 need-to-know of a meeting and its minutes: the members, the chair, the recorder and the non-voting attendees. */
export function meetingNeedToKnow(state: MeetingState): string[] {
  if (state.status === 'empty') return [];
  const attendees = state.attendance?.nonVotingAttendees.map((person) => person.personId) ?? [];
  return [...new Set([...state.expectedMembers.map((member) => member.memberId), state.chairId, state.recorderId, ...attendees])];
}

/** MTG-9 over a meeting stream: the major-matter items on which the chair spoke before other members. */
export function itemsWhereChairSpokeBeforeOthers(state: MeetingState): string[] {
  if (state.status === 'empty') return [];
  const memberIds = state.expectedMembers.map((member) => member.memberId);
  return state.items
    .filter((item) =>
      chairSpokeBeforeOthersOnMajorMatter({
        chairId: state.chairId,
        majorMatter: item.majorMatter,
        speakerIds: item.speeches.map((speech) => speech.speakerId),
        memberIds,
      }),
    )
    .map((item) => item.itemId);
}

import type { Ballot, MajorMatterCategory, MeetingKind, Person, SecrecyLevel, VoteCounts, VotingMethod } from '../meetings.types';
import { HASH_A, actors, commandOf, committeeMembers } from '../meetings.fixtures';
import type { MeetingCommand } from './meeting.commands';
import type { DecisionRecorded, MeetingEvent, MeetingScheduled } from './meeting.events';

export const MEETING_ID = 'mtg-2024-07-01';
export const AT = '2024-07-01T09:00:00.000+08:00';
export const meetingCommand = commandOf<MeetingCommand>();

type ScheduleMeetingData = Extract<MeetingCommand, { type: 'ScheduleMeeting' }>['data'];

/** 安排会议 of the fixture meeting (a 党委会 of 7), by the office a week before; `data` overrides. */
export const scheduleMeeting = (data: Partial<ScheduleMeetingData> = {}) =>
  meetingCommand(
    'ScheduleMeeting',
    {
      meetingId: MEETING_ID,
      kind: 'committee',
      title: '2024年第7次党委会',
      committeeId: 'cmt-party',
      chairId: actors.chair.id,
      recorderId: actors.recorder.id,
      startsAt: '2024-07-01T09:00:00.000+08:00',
      endsAt: '2024-07-01T12:00:00.000+08:00',
      place: '第一会议室',
      expectedMembers: committeeMembers(7),
      ...data,
    },
    { actor: actors.office, now: '2024-06-25T09:00:00.000+08:00' },
  );

/** Items of the test agenda, by what the rules make of them. */
export const items = {
  /** 一般事项 */
  ordinary: { itemId: 'item-ordinary', title: '关于调整机关食堂管理办法的议题' },
  /** 重大项目安排 (三重一大) */
  project: { itemId: 'item-project', title: '关于新建档案馆项目的议题', majorMatter: 'majorProject' as MajorMatterCategory },
  /** 重要干部任免 (三重一大, cadre item) */
  cadre: { itemId: 'item-cadre', title: '关于任免办公室主任的议题', majorMatter: 'importantCadreAppointment' as MajorMatterCategory },
  /** 一般干部任免 (cadre item, not a major matter) */
  minorCadre: { itemId: 'item-minor-cadre', title: '关于任免科级干部的议题' },
};

export function meetingScheduled(options: { kind?: MeetingKind; members?: number; secrecyLevel?: SecrecyLevel; title?: string } = {}): MeetingScheduled {
  return {
    type: 'MeetingScheduled',
    schemaVersion: 2,
    data: {
      meetingId: MEETING_ID,
      kind: options.kind ?? 'committee',
      title: options.title ?? '2024年第7次党委会',
      committeeId: 'cmt-party',
      chairId: actors.chair.id,
      recorderId: actors.recorder.id,
      startsAt: '2024-07-01T09:00:00.000+08:00',
      endsAt: '2024-07-01T12:00:00.000+08:00',
      place: '第一会议室',
      expectedMembers: committeeMembers(options.members ?? 7),
      secrecyLevel: options.secrecyLevel ?? 'internal',
      scheduledBy: actors.office.id,
      scheduledAt: '2024-06-25T09:00:00.000+08:00',
    },
  };
}

type ItemFixture = { itemId: string; title: string; majorMatter?: MajorMatterCategory };

export function itemSubmitted(item: ItemFixture, cadreAppointment = item.majorMatter === 'importantCadreAppointment'): MeetingEvent {
  return {
    type: 'AgendaItemSubmitted',
    schemaVersion: 1,
    data: {
      meetingId: MEETING_ID,
      itemId: item.itemId,
      title: item.title,
      ...(item.majorMatter !== undefined ? { majorMatter: item.majorMatter } : {}),
      cadreAppointment,
      submittedBy: 'u-unit',
      submittedAt: AT,
    },
  };
}

/** MTG-1 / FILE-1 the item's material, a stored file. */
export const itemMaterialAttached = (itemId: string): MeetingEvent => ({
  type: 'AgendaItemMaterialAttached',
  schemaVersion: 1,
  data: { meetingId: MEETING_ID, itemId, file: { sha256: HASH_A, size: 4096, mediaType: 'application/pdf', format: 'pdf', name: '议题说明.pdf' }, attachedBy: 'u-unit', attachedAt: AT },
});

export const itemChecked = (itemId: string): MeetingEvent => ({
  type: 'AgendaItemChecked',
  schemaVersion: 1,
  data: { meetingId: MEETING_ID, itemId, checkedBy: actors.office.id, checkedAt: AT },
});

export const itemPutOnAgenda = (itemId: string, position = 1): MeetingEvent => ({
  type: 'AgendaItemPutOnAgenda',
  schemaVersion: 1,
  data: { meetingId: MEETING_ID, itemId, position, putBy: actors.chair.id, putAt: AT },
});

/** Submitted with its material, checked by the office and put on the agenda by the chair (MTG-1). */
export function itemOnAgenda(item: ItemFixture, position = 1, cadreAppointment?: boolean): MeetingEvent[] {
  return [itemSubmitted(item, cadreAppointment), itemMaterialAttached(item.itemId), itemChecked(item.itemId), itemPutOnAgenda(item.itemId, position)];
}

export function attendanceRecorded(present: readonly string[], options: { members?: number; nonVotingAttendees?: Person[] } = {}): MeetingEvent {
  const expected = committeeMembers(options.members ?? 7);
  return {
    type: 'AttendanceRecorded',
    schemaVersion: 1,
    data: {
      meetingId: MEETING_ID,
      present: [...present],
      absent: expected.filter((m) => !present.includes(m.memberId)).map((m) => ({ memberId: m.memberId, reason: '外出学习' })),
      nonVotingAttendees: options.nonVotingAttendees ?? [],
      expectedCount: expected.length,
      presentCount: present.length,
      recordedBy: actors.recorder.id,
      recordedAt: AT,
    },
  };
}

export const meetingOpened = (): MeetingEvent => ({
  type: 'MeetingOpened',
  schemaVersion: 1,
  data: { meetingId: MEETING_ID, openedBy: actors.chair.id, openedAt: AT },
});

export const memberRecused = (itemId: string, memberId: string, reason = '近亲属为任免对象'): MeetingEvent => ({
  type: 'MemberRecused',
  schemaVersion: 1,
  data: { meetingId: MEETING_ID, itemId, memberId, reason, recordedAt: AT },
});

export const speechRecorded = (itemId: string, speakerId: string, sequence: number, view = '同意'): MeetingEvent => ({
  type: 'SpeechRecorded',
  schemaVersion: 1,
  data: { meetingId: MEETING_ID, itemId, speakerId, sequence, view, recordedAt: AT },
});

export function voteRecorded(
  itemId: string,
  vote: { counts: VoteCounts; passed: boolean; expectedCount?: number; method?: VotingMethod; ballots?: Ballot[] },
): MeetingEvent {
  return {
    type: 'VoteRecorded',
    schemaVersion: 1,
    data: {
      meetingId: MEETING_ID,
      itemId,
      method: vote.method ?? 'namedBallot',
      ...(vote.ballots ? { ballots: vote.ballots } : {}),
      counts: vote.counts,
      expectedCount: vote.expectedCount ?? 7,
      passed: vote.passed,
      recordedAt: AT,
    },
  };
}

export function decisionRecorded(item: ItemFixture, data: Partial<DecisionRecorded['data']> = {}): DecisionRecorded {
  return {
    type: 'DecisionRecorded',
    schemaVersion: 1,
    data: {
      meetingId: MEETING_ID,
      itemId: item.itemId,
      title: item.title,
      outcome: 'adopted',
      text: '会议同意',
      meetingKind: 'committee',
      ...(item.majorMatter !== undefined ? { majorMatter: item.majorMatter } : {}),
      cadreAppointment: item.majorMatter === 'importantCadreAppointment',
      expectedCount: 7,
      presentCount: 7,
      quorumReading: 'inclusive',
      voted: false,
      chairId: actors.chair.id,
      decidedAt: '2024-07-01T10:00:00.000+08:00',
      ...data,
    },
  };
}

/**
 * A meeting under way: scheduled with N expected members, the given items on the agenda in
 * order, the given members present (the rest absent with a reason), opened.
 */
export function meetingInProgress(options: { present: readonly string[]; members?: number; kind?: MeetingKind; agenda?: ItemFixture[]; nonVotingAttendees?: Person[] }): MeetingEvent[] {
  const agenda = options.agenda ?? [items.ordinary, items.project];
  return [
    meetingScheduled({ ...(options.kind ? { kind: options.kind } : {}), members: options.members ?? 7 }),
    ...agenda.flatMap((item, index) => itemOnAgenda(item, index + 1)),
    attendanceRecorded(options.present, { members: options.members ?? 7, ...(options.nonVotingAttendees ? { nonVotingAttendees: options.nonVotingAttendees } : {}) }),
    meetingOpened(),
  ];
}

/** Named ballots: the first `inFavour` of the voters for, the rest against. */
export function ballots(voters: readonly string[], inFavour: number): Ballot[] {
  return voters.map((memberId, index) => ({ memberId, choice: index < inFavour ? 'for' : 'against' }));
}

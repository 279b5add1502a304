import { isBlank, isFileReference, postHeld, unknownCommand, type Decider } from '@oa/core';
import type { QuorumReading } from '../meetings.rules';
import { hasCadreQuorum, hasQuorum, passesMajority, refuse } from '../meetings.rules';
import type { MeetingKind, VoteCounts } from '../meetings.types';
import type { SecrecyLevel } from '../meetings.types';
import { DECISION_OUTCOMES, DEFAULT_MEETING_SECRECY_LEVEL, MAJOR_MATTER_CATEGORIES, MEETING_KINDS, SECRECY_LEVELS, VOTE_CHOICES, VOTING_METHODS, isClassified } from '../meetings.types';
import { duplicates, instantMillis, isContentHash, isIsoInstant, isNonNegativeInteger } from '../meetings.validation';
import type {
  CancelMeeting,
  CheckAgendaItem,
  CloseMeeting,
  IssueMeetingNotice,
  MeetingCommand,
  OpenMeeting,
  PutAgendaItemOnAgenda,
  RecordAttendance,
  RecordDecision,
  RecordMemberLeaving,
  RecordRecusal,
  RecordSpeech,
  RecordVote,
  RecordWrittenOpinion,
  ReturnAgendaItem,
  ScheduleMeeting,
  SubmitAgendaItem,
  AttachAgendaItemMaterial,
} from './meeting.commands';
import type { MeetingEvent } from './meeting.events';
import type { AgendaItem, ExistingMeeting, MeetingState } from './meeting.state';
import { DEFAULT_CADRE_SECRECY_LEVEL, evolveMeeting, findItem, initialMeetingState, meetingSecrecyLevel, membersStillPresent } from './meeting.state';

export interface MeetingDeciderConfig {
  /** MTG-3: how 以上 is read; `inclusive` (exactly half present is a quorum) by default. */
  readonly quorumReading: QuorumReading;
  /** MTG-1: the roles that check agenda items for the office (办公室审核). */
  readonly agendaCheckerRoles: readonly string[];
  /** MTG-8: the meeting kinds that may decide a major matter; the Party committee (党委会) by default. */
  readonly majorMatterMeetingKinds: readonly MeetingKind[];
  /** MTG-10: the least level of a 党委会 with a 干部任免 item (秘密 by default; `none` turns it off). */
  readonly cadreSecrecyLevel: SecrecyLevel;
}

export const DEFAULT_MEETING_CONFIG: MeetingDeciderConfig = {
  quorumReading: 'inclusive',
  agendaCheckerRoles: ['officeDirector', 'meetingSecretary'],
  majorMatterMeetingKinds: ['committee'],
  cadreSecrecyLevel: DEFAULT_CADRE_SECRECY_LEVEL,
};

/**
 * MTG-10 / COMMON-4: in a meeting at 秘密 or above a text (title, view, opinion, decision) comes
 * as the `sha256:` digest of the text the service keeps beside the stream, never as the text.
 * A blank text is left to the command's own check.
 */
function requireSealed(level: SecrecyLevel, texts: readonly string[]): void {
  if (isClassified(level) && texts.some((text) => !isBlank(text) && !isContentHash(text))) {
    throw refuse('MTG-10', 'invalid', '秘密及以上会议的名称、发言、意见和决定只以摘要记入事件，正文留存本服务');
  }
}

const KIND_NAMES: Record<MeetingKind, string> = {
  committee: '党委会',
  jointPartyGovernment: '党政联席会议',
  officeMeeting: '党政办公会',
  topical: '专题会议',
};

type InProgress = Extract<MeetingState, { status: 'inProgress' }>;
type Open = Extract<MeetingState, { status: 'scheduled' | 'inProgress' }>;
type Decide<C> = (command: C, state: MeetingState) => MeetingEvent[];

function requireMeeting(state: MeetingState): ExistingMeeting {
  if (state.status === 'empty') throw refuse('MEETINGS.NOT_FOUND', 'notFound', '会议不存在');
  return state;
}

/** Agenda and attendance may change until the meeting closes. */
function requireOpen(state: MeetingState): Open {
  const meeting = requireMeeting(state);
  if (meeting.status !== 'scheduled' && meeting.status !== 'inProgress') {
    throw refuse('MEETINGS.INVALID_STATE', 'conflict', meeting.status === 'closed' ? '会议已结束' : '会议已取消');
  }
  return meeting;
}

function requireInProgress(state: MeetingState): InProgress {
  const meeting = requireMeeting(state);
  if (meeting.status !== 'inProgress') throw refuse('MEETINGS.INVALID_STATE', 'conflict', '会议未在进行中');
  return meeting;
}

/** MTG-6 the proceedings are recorded by the recorder (or announced by the chair), nobody else. */
function requireRecorderOrChair(command: MeetingCommand, meeting: ExistingMeeting): void {
  const actor = command.metadata.actor.id;
  if (actor !== meeting.recorderId && actor !== meeting.chairId) {
    throw refuse('MTG-6', 'forbidden', '只有会议记录人或主持人可以记录会议情况');
  }
}

function requireItem(meeting: ExistingMeeting, itemId: string): AgendaItem {
  const item = findItem(meeting, itemId);
  if (!item) throw refuse('MEETINGS.NOT_FOUND', 'notFound', `议题 ${itemId} 不存在`);
  return item;
}

/** MTG-1 未列入议程的事项不讨论、不表决、不作决定 (no 临时动议). */
function requireOnAgenda(meeting: ExistingMeeting, itemId: string): AgendaItem {
  const item = findItem(meeting, itemId);
  if (item?.status === 'decided' || item?.status === 'deferred') {
    throw refuse('MEETINGS.INVALID_STATE', 'conflict', `议题“${item.title}”已作出决定`);
  }
  if (item?.status !== 'onAgenda') throw refuse('MTG-1', 'conflict', `事项 ${itemId} 未列入会议议程，不得讨论、表决或作出决定`);
  return item;
}

function memberName(meeting: ExistingMeeting, memberId: string): string {
  return meeting.expectedMembers.find((member) => member.memberId === memberId)?.name ?? memberId;
}

/** The members present now: at the roll call and not left since (MTG-2). */
function presentMembers(meeting: ExistingMeeting): readonly string[] {
  return membersStillPresent(meeting);
}

const schedule: Decide<ScheduleMeeting> = (command, state) => {
  if (state.status !== 'empty') throw refuse('MEETINGS.ALREADY_EXISTS', 'conflict', '该会议已安排');
  const { meetingId, kind, title, committeeId, chairId, recorderId, startsAt, endsAt, place, expectedMembers } = command.data;
  // MTG-10 密级 defaults to 内部
  const secrecyLevel = command.data.secrecyLevel ?? DEFAULT_MEETING_SECRECY_LEVEL;
  if (!SECRECY_LEVELS.includes(secrecyLevel)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `密级 ${String(secrecyLevel)} 不合法`);
  requireSealed(secrecyLevel, [title]);
  if ([meetingId, title, committeeId, chairId, recorderId, place].some(isBlank)) {
    throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '会议编号、名称、委员会、主持人、记录人和地点均不能为空');
  }
  if (!MEETING_KINDS.includes(kind)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `会议类型 ${String(kind)} 不合法`);
  if (!isIsoInstant(startsAt) || !isIsoInstant(endsAt) || instantMillis(endsAt) <= instantMillis(startsAt)) {
    throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '会议起止时间须为带时区的 ISO 时间，且结束晚于开始');
  }
  // MTG-3 / MTG-5 the expected members are the base of quorum and majority: there must be some
  if (expectedMembers.length === 0) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '应到会委员不能为空');
  if (expectedMembers.some((member) => isBlank(member.memberId) || isBlank(member.name))) {
    throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '委员的编号和姓名不能为空');
  }
  const repeated = duplicates(expectedMembers.map((member) => member.memberId));
  if (repeated.length > 0) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `应到会委员重复：${repeated.join('、')}`);
  // MTG-6 the minutes are signed by the recorder and the chair: two different people
  if (recorderId === chairId) throw refuse('MTG-6', 'invalid', '会议记录人与主持人不得为同一人');
  return [
    {
      type: 'MeetingScheduled',
      schemaVersion: 2,
      data: {
        meetingId,
        kind,
        title,
        committeeId,
        chairId,
        recorderId,
        startsAt,
        endsAt,
        place,
        expectedMembers: expectedMembers.map(({ memberId, name }) => ({ memberId, name })),
        secrecyLevel,
        scheduledBy: command.metadata.actor.id,
        scheduledAt: command.metadata.now,
      },
    },
  ];
};

const cancel: Decide<CancelMeeting> = (command, state) => {
  const meeting = requireMeeting(state);
  if (meeting.status !== 'scheduled') throw refuse('MEETINGS.INVALID_STATE', 'conflict', '只有尚未召开的会议可以取消');
  if (isBlank(command.data.reason)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '须说明取消原因');
  return [
    {
      type: 'MeetingCancelled',
      schemaVersion: 1,
      data: { meetingId: meeting.meetingId, reason: command.data.reason, cancelledBy: command.metadata.actor.id, cancelledAt: command.metadata.now },
    },
  ];
};

const issueNotice: Decide<IssueMeetingNotice> = (command, state) => {
  const meeting = requireMeeting(state);
  const { noticeId, recipients, contentHash } = command.data;
  if (meeting.notices.some((notice) => notice.noticeId === noticeId)) return [];
  if (meeting.status !== 'scheduled') throw refuse('MEETINGS.INVALID_STATE', 'conflict', '只有尚未召开的会议可以发出通知');
  if (isBlank(noticeId) || !isContentHash(contentHash)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '通知须有编号和 64 位十六进制的正文摘要');
  // MTG-2 应到人员须全部通知到: a member never told of the meeting cannot be counted absent fairly
  const notified = new Set(recipients.map((recipient) => recipient.personId));
  const missing = meeting.expectedMembers.filter((member) => !notified.has(member.memberId));
  if (missing.length > 0) throw refuse('MTG-2', 'invalid', `会议通知须送达全体应到委员，缺少：${missing.map((member) => member.name).join('、')}`);
  return [
    {
      type: 'MeetingNoticeIssued',
      schemaVersion: 1,
      data: { meetingId: meeting.meetingId, noticeId, recipients: recipients.map(({ personId, name, unit }) => ({ personId, name, ...(unit !== undefined && { unit }) })), contentHash, issuedBy: command.metadata.actor.id, issuedAt: command.metadata.now },
    },
  ];
};

const submit =
  (config: MeetingDeciderConfig): Decide<SubmitAgendaItem> =>
  (command, state) => {
  const meeting = requireOpen(state);
  const { itemId, title, submittingUnit, majorMatter } = command.data;
  if (isBlank(itemId) || isBlank(title)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '议题编号和名称不能为空');
  if (majorMatter !== undefined && !MAJOR_MATTER_CATEGORIES.includes(majorMatter)) {
    throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `“三重一大”类别 ${String(majorMatter)} 不合法`);
  }
  const existing = findItem(meeting, itemId);
  // a returned item comes back with new materials; any other repeat is a conflict
  if (existing && existing.status !== 'returned') throw refuse('MEETINGS.ALREADY_EXISTS', 'conflict', `议题 ${itemId} 已提交`);
  // 重要干部任免 is a cadre item for MTG-3 whatever the submitter ticked
  const cadreAppointment = command.data.cadreAppointment === true || majorMatter === 'importantCadreAppointment';
  requireSealed(meetingSecrecyLevel(meeting, config.cadreSecrecyLevel, cadreAppointment), [title]);
  return [
    {
      type: 'AgendaItemSubmitted',
      schemaVersion: 1,
      data: {
        meetingId: meeting.meetingId,
        itemId,
        title,
        ...(submittingUnit !== undefined ? { submittingUnit } : {}),
        ...(majorMatter !== undefined ? { majorMatter } : {}),
        cadreAppointment,
        submittedBy: command.metadata.actor.id,
        submittedAt: command.metadata.now,
      },
    },
  ];
};

/** MTG-1 / FILE-1 a material file of an item not yet on the agenda: what the office checks and the chair puts on it is what was filed. */
const attachMaterial: Decide<AttachAgendaItemMaterial> = (command, state) => {
  const meeting = requireOpen(state);
  const { itemId, file } = command.data;
  const item = requireItem(meeting, itemId);
  if (item.status !== 'submitted' && item.status !== 'returned' && item.status !== 'checked') {
    throw refuse('MEETINGS.INVALID_STATE', 'conflict', '议题已列入议程或已处理，不能再补充材料');
  }
  if (!isFileReference(file)) throw refuse('MTG-1', 'invalid', '会议材料须有摘要、大小、格式和名称');
  // the same bytes again change nothing
  if ((item.files ?? []).some((held) => held.sha256 === file.sha256)) return [];
  return [
    {
      type: 'AgendaItemMaterialAttached',
      schemaVersion: 1,
      data: { meetingId: meeting.meetingId, itemId, file, attachedBy: command.metadata.actor.id, attachedAt: command.metadata.now },
    },
  ];
};

function requireAgendaChecker(command: MeetingCommand, config: MeetingDeciderConfig): void {
  // MTG-1 议题由办公室审核
  if (!command.metadata.actor.roles.some((role) => config.agendaCheckerRoles.includes(role))) {
    throw refuse('MTG-1', 'forbidden', '只有办公室可以审核议题');
  }
}

function requireSubmitted(item: AgendaItem): void {
  if (item.status !== 'submitted') throw refuse('MEETINGS.INVALID_STATE', 'conflict', `议题“${item.title}”不在待审核状态`);
}

const check =
  (config: MeetingDeciderConfig): Decide<CheckAgendaItem> =>
  (command, state) => {
    const meeting = requireOpen(state);
    requireAgendaChecker(command, config);
    const item = requireItem(meeting, command.data.itemId);
    requireSubmitted(item);
    // MTG-1 议题须附材料: the office checks the files uploaded onto the item (FILE-1), never names typed into a form
    if ((item.files ?? []).length === 0) throw refuse('MTG-1', 'conflict', `议题“${item.title}”尚未上传会议材料，不能审核`);
    const { comment } = command.data;
    return [
      {
        type: 'AgendaItemChecked',
        schemaVersion: 1,
        data: {
          meetingId: meeting.meetingId,
          itemId: item.itemId,
          ...(comment !== undefined ? { comment } : {}),
          checkedBy: command.metadata.actor.id,
          checkedAt: command.metadata.now,
        },
      },
    ];
  };

const returnItem =
  (config: MeetingDeciderConfig): Decide<ReturnAgendaItem> =>
  (command, state) => {
    const meeting = requireOpen(state);
    requireAgendaChecker(command, config);
    const item = requireItem(meeting, command.data.itemId);
    requireSubmitted(item);
    if (isBlank(command.data.reason)) throw refuse('MTG-1', 'invalid', '退回议题须说明理由');
    return [
      {
        type: 'AgendaItemReturned',
        schemaVersion: 1,
        data: {
          meetingId: meeting.meetingId,
          itemId: item.itemId,
          reason: command.data.reason,
          returnedBy: command.metadata.actor.id,
          returnedAt: command.metadata.now,
        },
      },
    ];
  };

const putOnAgenda: Decide<PutAgendaItemOnAgenda> = (command, state) => {
  const meeting = requireOpen(state);
  // MTG-1 议题由书记确定
  const { actor } = command.metadata;
  if (actor.id !== meeting.chairId) throw refuse('MTG-1', 'forbidden', '只有会议主持人（书记）可以确定议题');
  // DIR-5: a 党委会's agenda is set by the secretary of record (书记), once the directory is in force
  const secretaryPost = meeting.kind === 'committee' ? postHeld(actor, (post) => post.postKind === 'secretary') : undefined;
  if (meeting.kind === 'committee' && actor.authority && secretaryPost === undefined) {
    throw refuse('MTG-1', 'forbidden', `党委会议题由书记确定，组织与人员目录中${actor.name}不担任书记`);
  }
  const item = requireItem(meeting, command.data.itemId);
  if (item.status === 'onAgenda') return [];
  if (item.status !== 'checked') throw refuse('MTG-1', 'conflict', `议题“${item.title}”未经办公室审核，不能列入议程`);
  // MTG-1 no 临时动议 on major matters: they are on the agenda before the meeting opens
  if (meeting.status === 'inProgress' && item.majorMatter !== undefined) {
    throw refuse('MTG-1', 'conflict', `“三重一大”事项“${item.title}”不得在会上临时动议`);
  }
  const position = meeting.items.filter((other) => other.position !== undefined).length + 1;
  return [
    {
      type: 'AgendaItemPutOnAgenda',
      schemaVersion: 1,
      data: {
        meetingId: meeting.meetingId,
        itemId: item.itemId,
        position,
        putBy: actor.id,
        ...(secretaryPost !== undefined && { putUnder: secretaryPost }),
        putAt: command.metadata.now,
      },
    },
  ];
};

const recordAttendance: Decide<RecordAttendance> = (command, state) => {
  const meeting = requireOpen(state);
  requireRecorderOrChair(command, meeting);
  const { present, absent, nonVotingAttendees } = command.data;
  const expected = meeting.expectedMembers.map((member) => member.memberId);
  const listed = [...present, ...absent.map((member) => member.memberId)];
  // MTG-2 每名委员或到会或请假，且只记一次
  const repeated = duplicates(listed);
  if (repeated.length > 0) throw refuse('MTG-2', 'invalid', `委员重复登记：${repeated.map((id) => memberName(meeting, id)).join('、')}`);
  const strangers = listed.filter((id) => !expected.includes(id));
  if (strangers.length > 0) throw refuse('MTG-2', 'invalid', `非应到会委员不得登记为到会或请假：${strangers.join('、')}，列席人员请单独登记`);
  const missing = expected.filter((id) => !listed.includes(id));
  if (missing.length > 0) throw refuse('MTG-2', 'invalid', `以下委员未登记出席情况：${missing.map((id) => memberName(meeting, id)).join('、')}`);
  const unexplained = absent.filter((member) => isBlank(member.reason));
  if (unexplained.length > 0) {
    throw refuse('MTG-2', 'invalid', `请假委员须注明事由：${unexplained.map((member) => memberName(meeting, member.memberId)).join('、')}`);
  }
  if (nonVotingAttendees.some((person) => isBlank(person.personId) || isBlank(person.name))) {
    throw refuse('MTG-2', 'invalid', '列席人员须有编号和姓名');
  }
  const attendingMembers = nonVotingAttendees.filter((person) => expected.includes(person.personId));
  if (attendingMembers.length > 0) {
    throw refuse('MTG-2', 'invalid', `委员不得登记为列席人员：${attendingMembers.map((person) => person.name).join('、')}`);
  }
  if (duplicates(nonVotingAttendees.map((person) => person.personId)).length > 0) throw refuse('MTG-2', 'invalid', '列席人员重复登记');
  return [
    {
      type: 'AttendanceRecorded',
      schemaVersion: 1,
      data: {
        meetingId: meeting.meetingId,
        present: [...present],
        absent: absent.map(({ memberId, reason }) => ({ memberId, reason })),
        nonVotingAttendees: nonVotingAttendees.map(({ personId, name, unit }) => ({ personId, name, ...(unit !== undefined ? { unit } : {}) })),
        expectedCount: expected.length,
        presentCount: present.length,
        recordedBy: command.metadata.actor.id,
        recordedAt: command.metadata.now,
      },
    },
  ];
};

const open: Decide<OpenMeeting> = (command, state) => {
  const meeting = requireMeeting(state);
  requireRecorderOrChair(command, meeting);
  if (meeting.status === 'inProgress') return [];
  if (meeting.status !== 'scheduled') throw refuse('MEETINGS.INVALID_STATE', 'conflict', '会议已结束或已取消');
  // MTG-2 出席情况先于议事记录
  if (!meeting.attendance) throw refuse('MTG-2', 'conflict', '须先登记委员出席情况再开会');
  return [
    { type: 'MeetingOpened', schemaVersion: 1, data: { meetingId: meeting.meetingId, openedBy: command.metadata.actor.id, openedAt: command.metadata.now } },
  ];
};

const recordMemberLeaving: Decide<RecordMemberLeaving> = (command, state) => {
  const meeting = requireInProgress(state);
  requireRecorderOrChair(command, meeting);
  const { memberId, reason } = command.data;
  if (!meeting.expectedMembers.some((member) => member.memberId === memberId)) throw refuse('MTG-2', 'invalid', `${memberId} 不是应到会委员`);
  // MTG-2 中途离会 is recorded with its reason, like a leave
  if (isBlank(reason)) throw refuse('MTG-2', 'invalid', `${memberName(meeting, memberId)}中途离会须注明事由`);
  if (meeting.attendance?.left?.some((member) => member.memberId === memberId)) return [];
  const stillPresent = presentMembers(meeting);
  if (!stillPresent.includes(memberId)) throw refuse('MTG-2', 'conflict', `${memberName(meeting, memberId)}未到会，不能登记为中途离会`);
  return [
    {
      type: 'MemberLeftMeeting',
      schemaVersion: 1,
      data: {
        meetingId: meeting.meetingId,
        memberId,
        reason,
        expectedCount: meeting.expectedMembers.length,
        presentCount: stillPresent.length - 1,
        recordedBy: command.metadata.actor.id,
        leftAt: command.metadata.now,
      },
    },
  ];
};

const recordRecusal: Decide<RecordRecusal> = (command, state) => {
  const meeting = requireInProgress(state);
  requireRecorderOrChair(command, meeting);
  const item = requireOnAgenda(meeting, command.data.itemId);
  const { memberId, reason } = command.data;
  if (!meeting.expectedMembers.some((member) => member.memberId === memberId)) throw refuse('MTG-4', 'invalid', `${memberId} 不是应到会委员`);
  if (isBlank(reason)) throw refuse('MTG-4', 'invalid', '回避须说明事由');
  if (item.recusals.some((recusal) => recusal.memberId === memberId)) return [];
  // MTG-4 回避在表决之前：一经表决，票已计入
  if (item.vote) throw refuse('MTG-4', 'conflict', `议题“${item.title}”已表决，不能再登记回避`);
  return [
    {
      type: 'MemberRecused',
      schemaVersion: 1,
      data: { meetingId: meeting.meetingId, itemId: item.itemId, memberId, reason, recordedAt: command.metadata.now },
    },
  ];
};

const recordSpeech =
  (config: MeetingDeciderConfig): Decide<RecordSpeech> =>
  (command, state) => {
  const meeting = requireInProgress(state);
  requireRecorderOrChair(command, meeting);
  const item = requireOnAgenda(meeting, command.data.itemId);
  const { speakerId, view } = command.data;
  if (isBlank(view)) throw refuse('MTG-6', 'invalid', '须记录发言人的意见');
  requireSealed(meetingSecrecyLevel(meeting, config.cadreSecrecyLevel), [view]);
  // MTG-4 回避委员不参加该议题讨论
  if (item.recusals.some((recusal) => recusal.memberId === speakerId)) {
    throw refuse('MTG-4', 'conflict', `${memberName(meeting, speakerId)}已回避议题“${item.title}”，不参加讨论`);
  }
  const isMember = meeting.expectedMembers.some((member) => member.memberId === speakerId);
  const isPresent = presentMembers(meeting).includes(speakerId);
  if (isMember && !isPresent) {
    const hasLeft = meeting.attendance?.left?.some((member) => member.memberId === speakerId) ?? false;
    throw refuse('MTG-2', 'invalid', hasLeft ? `${memberName(meeting, speakerId)}已中途离会，不再参加讨论` : `${memberName(meeting, speakerId)}未到会，其书面意见请登记为书面意见`);
  }
  const isAttendee = meeting.attendance?.nonVotingAttendees.some((person) => person.personId === speakerId) ?? false;
  if (!isMember && !isAttendee && speakerId !== meeting.chairId) {
    throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `${speakerId} 既非到会委员也非列席人员`);
  }
  // MTG-9 is not refused here: the chair speaking early on a major matter is an audit finding
  return [
    {
      type: 'SpeechRecorded',
      schemaVersion: 1,
      data: {
        meetingId: meeting.meetingId,
        itemId: item.itemId,
        speakerId,
        sequence: item.speeches.length + 1,
        view,
        recordedAt: command.metadata.now,
      },
    },
  ];
};

function tally(choices: readonly string[]): VoteCounts {
  return {
    for: choices.filter((choice) => choice === 'for').length,
    against: choices.filter((choice) => choice === 'against').length,
    abstain: choices.filter((choice) => choice === 'abstain').length,
  };
}

const recordVote: Decide<RecordVote> = (command, state) => {
  const meeting = requireInProgress(state);
  requireRecorderOrChair(command, meeting);
  const item = requireOnAgenda(meeting, command.data.itemId);
  // MTG-5 逐项表决，一项一次
  if (item.vote) throw refuse('MTG-5', 'conflict', `议题“${item.title}”已表决`);
  const { method, ballots, counts } = command.data;
  if (!VOTING_METHODS.includes(method)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `表决方式 ${String(method)} 不合法`);
  const recused = item.recusals.map((recusal) => recusal.memberId);
  const eligible = presentMembers(meeting).filter((id) => !recused.includes(id));
  const expectedCount = meeting.expectedMembers.length;

  let finalCounts: VoteCounts;
  if (method === 'secretBallot') {
    if (ballots !== undefined) throw refuse('MTG-5', 'invalid', '无记名投票只记录票数，不记录个人投票');
    if (!counts || ![counts.for, counts.against, counts.abstain].every(isNonNegativeInteger)) {
      throw refuse('MTG-5', 'invalid', '无记名投票须记录赞成、反对、弃权票数');
    }
    if (counts.for + counts.against + counts.abstain > eligible.length) {
      throw refuse('MTG-5', 'invalid', `票数合计超过可参加表决的到会委员人数 ${eligible.length}`);
    }
    finalCounts = { for: counts.for, against: counts.against, abstain: counts.abstain };
  } else {
    if (!ballots) throw refuse('MTG-5', 'invalid', '记名表决须逐一记录每名委员的表决意见');
    const badChoice = ballots.find((ballot) => !VOTE_CHOICES.includes(ballot.choice));
    if (badChoice) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `表决意见 ${String(badChoice.choice)} 不合法`);
    const repeated = duplicates(ballots.map((ballot) => ballot.memberId));
    if (repeated.length > 0) throw refuse('MTG-5', 'invalid', `每名委员只能表决一次：${repeated.map((id) => memberName(meeting, id)).join('、')}`);
    for (const { memberId } of ballots) {
      if (!meeting.expectedMembers.some((member) => member.memberId === memberId)) {
        throw refuse('MTG-5', 'invalid', `${memberId} 不是委员，不能参加表决`);
      }
      // MTG-4 回避委员不参加该议题表决
      if (recused.includes(memberId)) throw refuse('MTG-4', 'invalid', `${memberName(meeting, memberId)}已回避，不参加该议题表决`);
      // MTG-5 不得委托表决：缺席委员的书面意见另行记录，不计票
      if (!eligible.includes(memberId)) {
        throw refuse('MTG-5', 'invalid', `${memberName(meeting, memberId)}未到会，不得由他人代为表决，书面意见不计入票数`);
      }
    }
    const silent = eligible.filter((id) => !ballots.some((ballot) => ballot.memberId === id));
    if (silent.length > 0) throw refuse('MTG-5', 'invalid', `以下到会委员的表决意见未记录：${silent.map((id) => memberName(meeting, id)).join('、')}`);
    finalCounts = tally(ballots.map((ballot) => ballot.choice));
    if (counts && (counts.for !== finalCounts.for || counts.against !== finalCounts.against || counts.abstain !== finalCounts.abstain)) {
      throw refuse('MTG-5', 'invalid', '票数与逐人表决意见不符');
    }
  }
  return [
    {
      type: 'VoteRecorded',
      schemaVersion: 1,
      data: {
        meetingId: meeting.meetingId,
        itemId: item.itemId,
        method,
        ...(method !== 'secretBallot' && ballots ? { ballots: ballots.map(({ memberId, choice }) => ({ memberId, choice })) } : {}),
        counts: finalCounts,
        expectedCount,
        // MTG-5 超过应到会委员半数
        passed: passesMajority(finalCounts.for, expectedCount),
        recordedAt: command.metadata.now,
      },
    },
  ];
};

const recordWrittenOpinion =
  (config: MeetingDeciderConfig): Decide<RecordWrittenOpinion> =>
  (command, state) => {
  const meeting = requireOpen(state);
  requireRecorderOrChair(command, meeting);
  const item = requireOnAgenda(meeting, command.data.itemId);
  const { memberId, opinion } = command.data;
  if (isBlank(opinion)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '书面意见不能为空');
  requireSealed(meetingSecrecyLevel(meeting, config.cadreSecrecyLevel), [opinion]);
  // MTG-5 only an absent member's written opinion is recorded, and it is not counted
  if (!meeting.attendance?.absent.some((member) => member.memberId === memberId)) {
    throw refuse('MTG-5', 'invalid', `${memberName(meeting, memberId)}未登记为请假委员，书面意见只适用于缺席委员`);
  }
  return [
    {
      type: 'WrittenOpinionRecorded',
      schemaVersion: 1,
      data: { meetingId: meeting.meetingId, itemId: item.itemId, memberId, opinion, recordedAt: command.metadata.now },
    },
  ];
};

const recordDecision =
  (config: MeetingDeciderConfig): Decide<RecordDecision> =>
  (command, state) => {
    const meeting = requireInProgress(state);
    requireRecorderOrChair(command, meeting);
    const item = requireOnAgenda(meeting, command.data.itemId);
    const { outcome, text } = command.data;
    if (!DECISION_OUTCOMES.includes(outcome)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `决定结果 ${String(outcome)} 不合法`);
    if (isBlank(text)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '须记录决定内容');
    const expectedCount = meeting.expectedMembers.length;
    const presentCount = presentMembers(meeting).length;

    if (outcome === 'deferred') {
      if (item.vote) throw refuse('MTG-5', 'conflict', '已表决的议题按表决结果作出决定，不能缓议');
    } else {
      // MTG-8 三重一大 only at the meetings configured for it (党委会)
      if (item.majorMatter !== undefined && !config.majorMatterMeetingKinds.includes(meeting.kind)) {
        throw refuse('MTG-8', 'conflict', `“三重一大”事项“${item.title}”须由党委会集体决定，${KIND_NAMES[meeting.kind]}不能作出决定`);
      }
      // MTG-3 半数以上委员到会
      if (!hasQuorum(presentCount, expectedCount, config.quorumReading)) {
        throw refuse('MTG-3', 'conflict', `应到会委员 ${expectedCount} 人，实到 ${presentCount} 人，未达到半数${config.quorumReading === 'strict' ? '（不含半数）' : ''}，不能作出决定`);
      }
      // MTG-3 干部任免须三分之二以上委员到会，否则决定无效
      if (item.cadreAppointment && !hasCadreQuorum(presentCount, expectedCount, config.quorumReading)) {
        throw refuse('MTG-3', 'conflict', `干部任免事项须三分之二以上委员到会；应到 ${expectedCount} 人，实到 ${presentCount} 人，决定无效`);
      }
      // MTG-8 三重一大须经表决
      if (item.majorMatter !== undefined && !item.vote) {
        throw refuse('MTG-8', 'conflict', `“三重一大”事项“${item.title}”须经表决后作出决定`);
      }
      // MTG-5 党委会议题逐项表决：a committee item is decided (adopted or rejected) only by its recorded vote
      if (meeting.kind === 'committee' && !item.vote) {
        throw refuse('MTG-5', 'conflict', `议题“${item.title}”未经表决，不能记为${outcome === 'adopted' ? '通过' : '否决'}；请先记录表决票数`);
      }
      // MTG-5 the outcome is the vote's: adopted only when the votes in favour exceed half of the expected members
      if (item.vote?.passed === false && outcome === 'adopted') {
        throw refuse('MTG-5', 'conflict', `赞成 ${item.vote.counts.for} 票，未超过应到会委员 ${expectedCount} 人的半数，议题未通过`);
      }
      if (item.vote?.passed === true && outcome === 'rejected') {
        throw refuse('MTG-5', 'conflict', `赞成 ${item.vote.counts.for} 票，已超过应到会委员半数，议题已通过`);
      }
    }
    // MTG-10 after the rules of the decision itself, so a void decision is refused as such
    requireSealed(meetingSecrecyLevel(meeting, config.cadreSecrecyLevel), [text]);
    return [
      {
        type: 'DecisionRecorded',
        schemaVersion: 1,
        data: {
          meetingId: meeting.meetingId,
          itemId: item.itemId,
          title: item.title,
          outcome,
          text,
          meetingKind: meeting.kind,
          ...(item.majorMatter !== undefined ? { majorMatter: item.majorMatter } : {}),
          cadreAppointment: item.cadreAppointment,
          expectedCount,
          presentCount,
          quorumReading: config.quorumReading,
          voted: item.vote !== undefined,
          chairId: meeting.chairId,
          decidedAt: command.metadata.now,
        },
      },
    ];
  };

const close: Decide<CloseMeeting> = (command, state) => {
  const meeting = requireMeeting(state);
  requireRecorderOrChair(command, meeting);
  if (meeting.status === 'closed') return [];
  if (meeting.status !== 'inProgress') throw refuse('MEETINGS.INVALID_STATE', 'conflict', '会议未在进行中');
  return [
    { type: 'MeetingClosed', schemaVersion: 1, data: { meetingId: meeting.meetingId, closedBy: command.metadata.actor.id, closedAt: command.metadata.now } },
  ];
};

export function createMeetingDecider(overrides: Partial<MeetingDeciderConfig> = {}): Decider<MeetingCommand, MeetingEvent, MeetingState> {
  const config: MeetingDeciderConfig = { ...DEFAULT_MEETING_CONFIG, ...overrides };
  const decide = (command: MeetingCommand, state: MeetingState): MeetingEvent[] => {
    switch (command.type) {
      case 'ScheduleMeeting':
        return schedule(command, state);
      case 'AttachAgendaItemMaterial':
        return attachMaterial(command, state);
      case 'CancelMeeting':
        return cancel(command, state);
      case 'IssueMeetingNotice':
        return issueNotice(command, state);
      case 'SubmitAgendaItem':
        return submit(config)(command, state);
      case 'CheckAgendaItem':
        return check(config)(command, state);
      case 'ReturnAgendaItem':
        return returnItem(config)(command, state);
      case 'PutAgendaItemOnAgenda':
        return putOnAgenda(command, state);
      case 'RecordAttendance':
        return recordAttendance(command, state);
      case 'OpenMeeting':
        return open(command, state);
      case 'RecordMemberLeaving':
        return recordMemberLeaving(command, state);
      case 'RecordRecusal':
        return recordRecusal(command, state);
      case 'RecordSpeech':
        return recordSpeech(config)(command, state);
      case 'RecordVote':
        return recordVote(command, state);
      case 'RecordWrittenOpinion':
        return recordWrittenOpinion(config)(command, state);
      case 'RecordDecision':
        return recordDecision(config)(command, state);
      case 'CloseMeeting':
        return close(command, state);
      default:
        return unknownCommand(command);
    }
  };
  return { streamType: 'meeting', initialState: initialMeetingState, decide, evolve: evolveMeeting };
}

export const meetingDecider = createMeetingDecider();

import type { Decider, HashAlgorithm } from '@oa/core';
import { dataDigest, isBlank, unknownCommand } from '@oa/core';
import { refuse } from '../meetings.rules';
import type { SecrecyLevel } from '../meetings.types';
import { DECISION_OUTCOMES, SECRECY_LEVELS, VOTING_METHODS, isClassified } from '../meetings.types';
import { duplicates, instantMillis, isContentHash, isIsoInstant, isNonNegativeInteger } from '../meetings.validation';
import type {
  ApproveMinutesAmendment,
  DraftMinutes,
  MinutesCommand,
  MinutesContent,
  ProposeMinutesAmendment,
  RejectMinutesAmendment,
  ReviseMinutesDraft,
  SignMinutes,
  ReleaseMinutesFilingCopy,
} from './minutes.commands';
import type { MinutesEvent } from './minutes.events';
import type { MinutesState } from './minutes.state';
import { evolveMinutes, initialMinutesState, minutesVersionCopied } from './minutes.state';

export interface MinutesDeciderConfig {
  /** The digest of the content carried by MinutesFinalized and MinutesAmended (国密 offices: `sm3`). */
  readonly hashAlgorithm: HashAlgorithm;
}

export const DEFAULT_MINUTES_CONFIG: MinutesDeciderConfig = { hashAlgorithm: 'sha256' };

type Drafted = Extract<MinutesState, { status: 'drafted' }>;
type Finalized = Extract<MinutesState, { status: 'finalized' }>;
type Decide<C> = (command: C, state: MinutesState) => MinutesEvent[];

function incomplete(detail: string): never {
  throw refuse('MTG-6', 'invalid', `会议记录不完整：${detail}`);
}

/**
 * MTG-6 what the minutes must hold: time, place, chair, present, absent with reasons,
 * non-voting attendees, recusals, each item with every member's view in speaking order, the
 * voting method and counts, and the decision.
 */
export function checkMinutesContent(content: MinutesContent, chairId: string, recorderId: string): void {
  if (!isIsoInstant(content.startedAt) || !isIsoInstant(content.endedAt)) incomplete('须记录会议起止时间（带时区的 ISO 时间）');
  if (instantMillis(content.endedAt) < instantMillis(content.startedAt)) incomplete('结束时间早于开始时间');
  if (isBlank(content.place)) incomplete('须记录会议地点');
  if (content.chair?.personId !== chairId || isBlank(content.chair.name)) incomplete('主持人与会议安排不符');
  if (content.recorder?.personId !== recorderId || isBlank(content.recorder.name)) incomplete('记录人与会议安排不符');
  const present = content.present.map((member) => member.memberId);
  const absent = content.absent.map((member) => member.memberId);
  if ([...content.present, ...content.absent].some((member) => isBlank(member.memberId) || isBlank(member.name))) {
    incomplete('到会和请假委员须有编号和姓名');
  }
  const repeated = duplicates([...present, ...absent]);
  if (repeated.length > 0) incomplete(`委员重复登记：${repeated.join('、')}`);
  const unexplained = content.absent.filter((member) => isBlank(member.reason));
  if (unexplained.length > 0) incomplete(`请假委员须注明事由：${unexplained.map((member) => member.name).join('、')}`);
  const attendees = content.nonVotingAttendees.map((person) => person.personId);
  if (content.nonVotingAttendees.some((person) => isBlank(person.personId) || isBlank(person.name))) incomplete('列席人员须有编号和姓名');
  if (attendees.some((id) => present.includes(id) || absent.includes(id))) incomplete('委员不得记为列席人员');
  const nameOf = (id: string) => content.present.find((member) => member.memberId === id)?.name ?? id;
  const left = (content.left ?? []).map((member) => member.memberId);
  const leftUnseen = left.filter((id) => !present.includes(id));
  if (leftUnseen.length > 0) incomplete(`中途离会的委员须为到会委员：${leftUnseen.join('、')}`);
  const leftUnexplained = (content.left ?? []).filter((member) => isBlank(member.reason));
  if (leftUnexplained.length > 0) incomplete(`中途离会的委员须注明事由：${leftUnexplained.map((member) => member.name).join('、')}`);

  for (const item of content.items) {
    if (isBlank(item.itemId) || isBlank(item.title)) incomplete('议题须有编号和名称');
    if (item.recusals.some((recusal) => isBlank(recusal.reason))) incomplete(`议题“${item.title}”的回避须注明事由`);
    const recused = item.recusals.map((recusal) => recusal.memberId);
    const speakers = item.views.map((view) => view.speakerId);
    if (item.views.some((view) => isBlank(view.view))) incomplete(`议题“${item.title}”有空白发言`);
    const outsiders = speakers.filter((id) => !present.includes(id) && !attendees.includes(id) && id !== chairId);
    if (outsiders.length > 0) incomplete(`议题“${item.title}”的发言人既非到会委员也非列席人员：${outsiders.join('、')}`);
    const leftBefore = item.leftBefore ?? [];
    if (leftBefore.some((id) => !left.includes(id))) incomplete(`议题“${item.title}”所列离会委员未登记为中途离会`);
    const silent = present.filter((id) => !recused.includes(id) && !leftBefore.includes(id) && !speakers.includes(id));
    if (silent.length > 0) incomplete(`议题“${item.title}”缺少委员意见：${silent.map(nameOf).join('、')}`);
    if (item.vote) {
      const { method, counts } = item.vote;
      if (!VOTING_METHODS.includes(method)) incomplete(`议题“${item.title}”的表决方式不合法`);
      if (![counts?.for, counts?.against, counts?.abstain].every(isNonNegativeInteger)) incomplete(`议题“${item.title}”须记录赞成、反对、弃权票数`);
    }
    if (!DECISION_OUTCOMES.includes(item.outcome) || isBlank(item.decision)) incomplete(`议题“${item.title}”须记录决定`);
  }
}

/** MTG-10 the texts of minutes that COMMON-4 keeps in the service from 秘密 up: each view, written opinion and decision. */
export function minutesTextsOf(content: MinutesContent): string[] {
  return content.items.flatMap((item) => [...item.views.map((view) => view.view), ...(item.writtenOpinions ?? []).map((opinion) => opinion.opinion), item.decision]);
}

/** MTG-10 / COMMON-4: minutes at 秘密 or above carry digests of their texts, never the texts. */
function requireSealed(level: SecrecyLevel, texts: readonly string[]): void {
  if (isClassified(level) && texts.some((text) => !isBlank(text) && !isContentHash(text))) {
    throw refuse('MTG-10', 'invalid', '秘密及以上的会议记录，其标题、发言、意见和决定只以摘要记入事件，正文留存本服务');
  }
}

function requireDrafted(state: MinutesState): Drafted {
  if (state.status === 'empty') throw refuse('MEETINGS.NOT_FOUND', 'notFound', '会议记录不存在');
  // MTG-6 定稿后不得修改
  if (state.status === 'finalized') throw refuse('MTG-6', 'conflict', '会议记录已定稿，不得修改；如需更正请提出更正申请');
  return state;
}

function requireFinalized(state: MinutesState): Finalized {
  if (state.status === 'empty') throw refuse('MEETINGS.NOT_FOUND', 'notFound', '会议记录不存在');
  if (state.status !== 'finalized') throw refuse('MEETINGS.INVALID_STATE', 'conflict', '会议记录尚未定稿，可直接修改草稿');
  return state;
}

const draft: Decide<DraftMinutes> = (command, state) => {
  if (state.status !== 'empty') throw refuse('MEETINGS.ALREADY_EXISTS', 'conflict', '该会议的记录已起草');
  const { meetingId, title, chairId, recorderId, scheduledEnd, secrecyLevel, content } = command.data;
  if ([meetingId, title, chairId, recorderId].some(isBlank)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '会议、标题、主持人和记录人不能为空');
  if (!isIsoInstant(scheduledEnd)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '会议结束时间须为带时区的 ISO 时间');
  if (!SECRECY_LEVELS.includes(secrecyLevel)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', `密级 ${String(secrecyLevel)} 不合法`);
  // MTG-10 the minutes are at least at the meeting's level (a 党委会 on 干部任免: 秘密 unless configured otherwise)
  const floor = command.data.meetingSecrecyLevel ?? 'none';
  if (SECRECY_LEVELS.indexOf(secrecyLevel) < SECRECY_LEVELS.indexOf(floor)) {
    throw refuse('MTG-10', 'invalid', `会议记录的密级不得低于会议的密级（${floor}）`);
  }
  requireSealed(secrecyLevel, [title, ...minutesTextsOf(content)]);
  // MTG-6 会议记录由记录人记录，与主持人分别签字
  if (recorderId === chairId) throw refuse('MTG-6', 'invalid', '会议记录人与主持人不得为同一人');
  if (command.metadata.actor.id !== recorderId) throw refuse('MTG-6', 'forbidden', '会议记录只能由本次会议的记录人起草');
  checkMinutesContent(content, chairId, recorderId);
  return [
    {
      type: 'MinutesDrafted',
      schemaVersion: 1,
      data: {
        meetingId,
        title,
        chairId,
        recorderId,
        scheduledEnd,
        secrecyLevel,
        content,
        draftedBy: command.metadata.actor.id,
        draftedAt: command.metadata.now,
      },
    },
  ];
};

const revise: Decide<ReviseMinutesDraft> = (command, state) => {
  const minutes = requireDrafted(state);
  if (command.metadata.actor.id !== minutes.recorderId) throw refuse('MTG-6', 'forbidden', '会议记录只能由记录人修改');
  checkMinutesContent(command.data.content, minutes.chairId, minutes.recorderId);
  requireSealed(minutes.secrecyLevel, minutesTextsOf(command.data.content));
  return [
    {
      type: 'MinutesDraftRevised',
      schemaVersion: 1,
      data: { meetingId: minutes.meetingId, content: command.data.content, revisedBy: command.metadata.actor.id, revisedAt: command.metadata.now },
    },
  ];
};

const sign =
  (config: MinutesDeciderConfig): Decide<SignMinutes> =>
  (command, state) => {
    if (state.status === 'finalized') return [];
    const minutes = requireDrafted(state);
    const actor = command.metadata.actor.id;
    const role = actor === minutes.recorderId ? 'recorder' : actor === minutes.chairId ? 'chair' : undefined;
    // MTG-6 记录人和主持人签字
    if (!role) throw refuse('MTG-6', 'forbidden', '会议记录只能由记录人和主持人签字');
    if ((role === 'recorder' ? minutes.recorderSignedAt : minutes.chairSignedAt) !== undefined) return [];
    const now = command.metadata.now;
    const signed: MinutesEvent = { type: 'MinutesSigned', schemaVersion: 1, data: { meetingId: minutes.meetingId, signedBy: actor, role, signedAt: now } };
    const otherSigned = role === 'recorder' ? minutes.chairSignedAt !== undefined : minutes.recorderSignedAt !== undefined;
    if (!otherSigned) return [signed];
    // MTG-9 is not checked here on purpose: a chair who spoke first on a major matter is an audit finding, not a refusal
    return [
      signed,
      {
        type: 'MinutesFinalized',
        schemaVersion: 1,
        data: {
          meetingId: minutes.meetingId,
          title: minutes.title,
          finalizedAt: now,
          version: 1,
          chairId: minutes.chairId,
          recorderId: minutes.recorderId,
          scheduledEnd: minutes.scheduledEnd,
          secrecyLevel: minutes.secrecyLevel,
          contentDigest: dataDigest(minutes.draft, config.hashAlgorithm),
          ...(isClassified(minutes.secrecyLevel) && command.data.clearDraft !== undefined && { clearContentDigest: dataDigest(command.data.clearDraft, config.hashAlgorithm) }),
        },
      },
    ];
  };

const propose: Decide<ProposeMinutesAmendment> = (command, state) => {
  const minutes = requireFinalized(state);
  const actor = command.metadata.actor.id;
  if (actor !== minutes.recorderId && actor !== minutes.chairId) throw refuse('MTG-6', 'forbidden', '只有记录人或主持人可以提出更正');
  const { amendmentId, reason, content } = command.data;
  if (isBlank(amendmentId)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '更正编号不能为空');
  // MTG-6 更正须说明理由
  if (isBlank(reason)) throw refuse('MTG-6', 'invalid', '更正会议记录须说明理由');
  if (minutes.pendingAmendment) throw refuse('MEETINGS.INVALID_STATE', 'conflict', '已有待批准的更正，请先处理');
  checkMinutesContent(content, minutes.chairId, minutes.recorderId);
  requireSealed(minutes.secrecyLevel, minutesTextsOf(content));
  return [
    {
      type: 'MinutesAmendmentProposed',
      schemaVersion: 1,
      data: {
        meetingId: minutes.meetingId,
        amendmentId,
        baseVersion: minutes.versions.length,
        reason,
        content,
        proposedBy: actor,
        proposedAt: command.metadata.now,
      },
    },
  ];
};

function requirePending(minutes: Finalized, amendmentId: string) {
  const pending = minutes.pendingAmendment;
  if (!pending || pending.amendmentId !== amendmentId) throw refuse('MEETINGS.NOT_FOUND', 'notFound', `没有待批准的更正 ${amendmentId}`);
  return pending;
}

const approve =
  (config: MinutesDeciderConfig): Decide<ApproveMinutesAmendment> =>
  (command, state) => {
    const minutes = requireFinalized(state);
    // MTG-6 更正经主持人批准
    if (command.metadata.actor.id !== minutes.chairId) throw refuse('MTG-6', 'forbidden', '会议记录的更正须由主持人批准');
    const pending = requirePending(minutes, command.data.amendmentId);
    return [
      {
        type: 'MinutesAmended',
        schemaVersion: 1,
        data: {
          meetingId: minutes.meetingId,
          title: minutes.title,
          amendmentId: pending.amendmentId,
          version: minutes.versions.length + 1,
          reason: pending.reason,
          approvedBy: command.metadata.actor.id,
          amendedAt: command.metadata.now,
          contentDigest: dataDigest(pending.content, config.hashAlgorithm),
        },
      },
    ];
  };

/** FILE-2 a finalized version, as the bytes its contentDigest covers (canonical JSON), goes to the archives; the release is recorded. */
const releaseFilingCopy: Decide<ReleaseMinutesFilingCopy> = (command, state) => {
  const minutes = requireFinalized(state);
  const version = minutesVersionCopied(minutes.versions, command.data.sha256);
  if (!version) throw refuse('FILE-2', 'notFound', '该文件不是本会议记录的定稿版本');
  return [
    {
      type: 'MinutesFilingCopyReleased',
      schemaVersion: 1,
      data: { meetingId: minutes.meetingId, version: version.version, sha256: command.data.sha256, releasedToId: command.metadata.actor.id, releasedAt: command.metadata.now },
    },
  ];
};

const reject: Decide<RejectMinutesAmendment> = (command, state) => {
  const minutes = requireFinalized(state);
  if (command.metadata.actor.id !== minutes.chairId) throw refuse('MTG-6', 'forbidden', '会议记录的更正须由主持人审批');
  const pending = requirePending(minutes, command.data.amendmentId);
  if (isBlank(command.data.reason)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '不予更正须说明理由');
  return [
    {
      type: 'MinutesAmendmentRejected',
      schemaVersion: 1,
      data: {
        meetingId: minutes.meetingId,
        amendmentId: pending.amendmentId,
        reason: command.data.reason,
        rejectedBy: command.metadata.actor.id,
        rejectedAt: command.metadata.now,
      },
    },
  ];
};

export function createMinutesDecider(overrides: Partial<MinutesDeciderConfig> = {}): Decider<MinutesCommand, MinutesEvent, MinutesState> {
  const config: MinutesDeciderConfig = { ...DEFAULT_MINUTES_CONFIG, ...overrides };
  const decide = (command: MinutesCommand, state: MinutesState): MinutesEvent[] => {
    switch (command.type) {
      case 'DraftMinutes':
        return draft(command, state);
      case 'ReviseMinutesDraft':
        return revise(command, state);
      case 'SignMinutes':
        return sign(config)(command, state);
      case 'ProposeMinutesAmendment':
        return propose(command, state);
      case 'ApproveMinutesAmendment':
        return approve(config)(command, state);
      case 'RejectMinutesAmendment':
        return reject(command, state);
      case 'ReleaseMinutesFilingCopy':
        return releaseFilingCopy(command, state);
      default:
        return unknownCommand(command);
    }
  };
  return { streamType: 'minutes', initialState: initialMinutesState, decide, evolve: evolveMinutes };
}

export const minutesDecider = createMinutesDecider();

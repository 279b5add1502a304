import type { WorkingCalendar } from '@oa/core';
import type { AgendaItemSubmitted, AttendanceRecorded, DecisionRecorded, MeetingCancelled, MeetingClosed, MeetingScheduled, MemberLeftMeeting, MinutesAmended, MinutesDrafted, MinutesFinalized, QuorumReading, SpeechRecorded, VoteRecorded } from '@oa/domain-meetings';
import { STREAM_TYPES } from './events';
import type { AnyEnvelope, AuditFinding, Envelope } from './finding';
import { byStream, finding, millis, ofType, upTo } from './finding';
import {
  DEFAULT_MINUTES_DEADLINE_WORKING_DAYS,
  chairSpokeBeforeOthersOnMajorMatter,
  hasCadreQuorum,
  hasQuorum,
  minutesDeadline,
  passesMajority,
} from '@oa/domain-meetings';

export interface MeetingAuditConfig {
  /** MTG-6: minutes finalized within N working days of the meeting's scheduled end (3). */
  readonly minutesDeadlineWorkingDays?: number;
  readonly calendar?: WorkingCalendar;
  /** How 以上 is read (MTG-3); when absent, the reading recorded with the decision. */
  readonly quorumReading?: QuorumReading;
}

// MTG-6's deadline is the meetings area's own rule; the audit reads it, never restates it.
export { DEFAULT_MINUTES_DEADLINE_WORKING_DAYS, minutesDeadline } from '@oa/domain-meetings';

/**
 * AUD-4, AUD-5, AUD-13 over `meeting` streams and AUD-6 over `minutes` streams.
 * - AUD-4: per DecisionRecorded (adopted or rejected), the quorum recomputed from the last
 *   AttendanceRecorded before it minus MemberLeftMeeting since (expected = the attendance's
 *   expectedCount, else MeetingScheduled.expectedMembers); a cadre item (AgendaItemSubmitted
 *   or the decision) needs two thirds; the item's VoteRecorded is recounted (ballots vs counts,
 *   passesMajority over the expected members vs `passed`, an adopted decision on a failed vote);
 *   a committee item adopted or rejected without a VoteRecorded (MTG-5: no item is decided
 *   without its counts; the meetings decider refuses it now, older events may hold it).
 * - AUD-5: a decision on a major matter (the decision's or the agenda item's majorMatter) not
 *   taken at a committee meeting, not voted, or with no VoteRecorded for the item.
 * - AUD-6: MinutesFinalized at/after the deadline, minutes drafted but not finalized by the
 *   deadline at `now`, MinutesAmended after finalization (low, for review), and a meeting
 *   not cancelled (closed, or past its scheduled end) whose minutes were never drafted by the
 *   deadline counted from its scheduled end (the same deadline as MinutesDrafted.scheduledEnd).
 * - AUD-13: on a major-matter item, the SpeechRecorded order (by sequence) has a member
 *   speaking after the chair (MeetingScheduled.chairId; members = expectedMembers).
 */
export function detectMeetingFindings(events: readonly AnyEnvelope[], now: string, config: MeetingAuditConfig = {}): AuditFinding[] {
  const trail = upTo(events, now);
  const findings: AuditFinding[] = [];
  for (const stream of byStream(trail, STREAM_TYPES.meeting).values()) findings.push(...meetingStreamFindings(stream, config));
  const minutesStreams = [...byStream(trail, STREAM_TYPES.minutes).values()];
  for (const stream of minutesStreams) findings.push(...minutesStreamFindings(stream, now, config));
  const drafted = new Set(minutesStreams.flat().flatMap((event) => (ofType<MinutesDrafted>(event, 'MinutesDrafted') ? [event.data.meetingId] : [])));
  for (const stream of byStream(trail, STREAM_TYPES.meeting).values()) findings.push(...minutesNeverDrafted(stream, drafted, now, config));
  return findings;
}

/**
 * AUD-6 (MTG-6) a meeting held, or past its scheduled end, with no minutes drafted by the
 * deadline: never finalized either. Minutes drafted and not finalized are the minutes
 * stream's finding, so they are not raised twice.
 */
function minutesNeverDrafted(stream: readonly AnyEnvelope[], drafted: ReadonlySet<string>, now: string, config: MeetingAuditConfig): AuditFinding[] {
  const scheduled = stream.find((event): event is Envelope<MeetingScheduled> => ofType<MeetingScheduled>(event, 'MeetingScheduled'));
  if (scheduled === undefined || drafted.has(scheduled.data.meetingId)) return [];
  if (stream.some((event) => ofType<MeetingCancelled>(event, 'MeetingCancelled'))) return [];
  // a recorded event is a fact: one without a readable end raises nothing rather than stopping the detectors
  if (typeof scheduled.data.endsAt !== 'string' || Number.isNaN(Date.parse(scheduled.data.endsAt))) return [];
  const deadline = minutesDeadline(scheduled.data.endsAt, config.minutesDeadlineWorkingDays ?? DEFAULT_MINUTES_DEADLINE_WORKING_DAYS, config.calendar);
  if (millis(now) < millis(deadline)) return [];
  const closed = stream.find((event): event is Envelope<MeetingClosed> => ofType<MeetingClosed>(event, 'MeetingClosed'));
  const held = closed !== undefined ? `已于 ${closed.data.closedAt} 散会` : `计划于 ${scheduled.data.endsAt} 结束`;
  return [
    finding('AUD-6', 'medium', '会议纪要逾期未形成', `会议 ${scheduled.data.meetingId} ${held}，纪要应于 ${deadline} 前定稿，至 ${now} 仍未起草。`, [
      scheduled,
      ...(closed ? [closed] : []),
    ]),
  ];
}

function meetingStreamFindings(stream: readonly AnyEnvelope[], config: MeetingAuditConfig): AuditFinding[] {
  const findings: AuditFinding[] = [];
  let scheduled: Envelope<MeetingScheduled> | undefined;
  let attendance: Envelope<AttendanceRecorded> | undefined;
  let left: Envelope<MemberLeftMeeting>[] = [];
  const items = new Map<string, Envelope<AgendaItemSubmitted>>();
  const votes = new Map<string, Envelope<VoteRecorded>>();
  const speeches = new Map<string, Envelope<SpeechRecorded>[]>();
  for (const event of stream) {
    if (ofType<MeetingScheduled>(event, 'MeetingScheduled')) scheduled = event;
    else if (ofType<AgendaItemSubmitted>(event, 'AgendaItemSubmitted')) items.set(event.data.itemId, event);
    else if (ofType<AttendanceRecorded>(event, 'AttendanceRecorded')) {
      attendance = event;
      left = [];
    } else if (ofType<MemberLeftMeeting>(event, 'MemberLeftMeeting')) left.push(event);
    else if (ofType<SpeechRecorded>(event, 'SpeechRecorded')) speeches.set(event.data.itemId, [...(speeches.get(event.data.itemId) ?? []), event]);
    else if (ofType<VoteRecorded>(event, 'VoteRecorded')) {
      votes.set(event.data.itemId, event);
      findings.push(...miscount(event));
    } else if (ofType<DecisionRecorded>(event, 'DecisionRecorded')) {
      const item = items.get(event.data.itemId);
      const vote = votes.get(event.data.itemId);
      findings.push(...quorumFindings(event, { scheduled, attendance, left, item, vote }, config));
      findings.push(...majorMatterOutsideCommittee(event, item, vote));
    }
  }
  if (scheduled !== undefined) {
    for (const [itemId, itemSpeeches] of speeches) {
      const item = items.get(itemId);
      if (item?.data.majorMatter === undefined) continue;
      const ordered = [...itemSpeeches].sort((a, b) => a.data.sequence - b.data.sequence);
      const chairId = scheduled.data.chairId;
      const memberIds = scheduled.data.expectedMembers.map((member) => member.memberId);
      if (chairSpokeBeforeOthersOnMajorMatter({ chairId, majorMatter: item.data.majorMatter, speakerIds: ordered.map((speech) => speech.data.speakerId), memberIds })) {
        const chairFirst = ordered.findIndex((speech) => speech.data.speakerId === chairId);
        const proving = [item, ...ordered.slice(chairFirst).filter((speech, index) => index === 0 || speech.data.speakerId !== chairId)];
        findings.push(
          finding('AUD-13', 'medium', '主要负责人未末位表态', `会议 ${scheduled.data.meetingId} 的“三重一大”议题 ${itemId} 上，主持人 ${chairId} 发言后仍有委员发言（MTG-9）。`, proving),
        );
      }
    }
  }
  return findings;
}

interface DecisionContext {
  readonly scheduled: Envelope<MeetingScheduled> | undefined;
  readonly attendance: Envelope<AttendanceRecorded> | undefined;
  readonly left: readonly Envelope<MemberLeftMeeting>[];
  readonly item: Envelope<AgendaItemSubmitted> | undefined;
  readonly vote: Envelope<VoteRecorded> | undefined;
}

function quorumFindings(decision: Envelope<DecisionRecorded>, context: DecisionContext, config: MeetingAuditConfig): AuditFinding[] {
  const { data } = decision;
  if (data.outcome === 'deferred') return [];
  const { scheduled, attendance, left, item } = context;
  const expected = attendance?.data.expectedCount ?? scheduled?.data.expectedMembers.length ?? data.expectedCount;
  const leftIds = new Set(left.map((event) => event.data.memberId));
  const present = attendance === undefined ? 0 : attendance.data.present.filter((id) => !leftIds.has(id)).length;
  const reading = config.quorumReading ?? data.quorumReading;
  const proving = [...(attendance ? [attendance] : []), ...left, decision];
  const cadre = data.cadreAppointment || item?.data.cadreAppointment === true;
  const findings: AuditFinding[] = [];
  if (!hasQuorum(present, expected, reading)) {
    findings.push(
      finding('AUD-4', 'critical', '不足法定人数作出决定', `议题 ${data.itemId}（${data.title}）决定时应到 ${expected} 人、实到 ${present} 人，未达半数以上。`, proving),
    );
  } else if (cadre && !hasCadreQuorum(present, expected, reading)) {
    findings.push(
      finding('AUD-4', 'critical', '干部任免议题到会不足三分之二', `干部任免议题 ${data.itemId}（${data.title}）决定时应到 ${expected} 人、实到 ${present} 人，未达三分之二以上。`, proving),
    );
  }
  const vote = context.vote;
  // MTG-5 党委会议题须经表决：a committee item decided with no counts recorded (a major matter's is AUD-5's)
  if (data.meetingKind === 'committee' && (vote === undefined || !data.voted) && (data.majorMatter ?? item?.data.majorMatter) === undefined) {
    findings.push(
      finding('AUD-4', 'critical', '议题未经表决作出决定', `党委会议题 ${data.itemId}（${data.title}）未记录表决票数，却记为${data.outcome === 'adopted' ? '通过' : '否决'}。`, [
        ...(item ? [item] : []),
        decision,
      ]),
    );
  }
  // a vote recorded as passed but miscounted is the vote's finding (miscount); this is the decision's
  if (data.outcome === 'adopted' && vote !== undefined && !vote.data.passed && !passesMajority(vote.data.counts.for, expected)) {
    findings.push(
      finding('AUD-4', 'critical', '表决未过半数而决定通过', `议题 ${data.itemId} 赞成 ${vote.data.counts.for} 票，未超过应到会委员 ${expected} 人的半数，却记为通过。`, [vote, decision]),
    );
  }
  return findings;
}

/** The vote's own arithmetic: ballots against counts, and `passed` against MTG-5. */
function miscount(vote: Envelope<VoteRecorded>): AuditFinding[] {
  const { counts, ballots, expectedCount, passed, itemId } = vote.data;
  const problems: string[] = [];
  if (ballots !== undefined) {
    const recount = { for: 0, against: 0, abstain: 0 };
    for (const ballot of ballots) recount[ballot.choice]++;
    if (recount.for !== counts.for || recount.against !== counts.against || recount.abstain !== counts.abstain) {
      problems.push(`记名票数为赞成 ${recount.for}、反对 ${recount.against}、弃权 ${recount.abstain}，与记录的 ${counts.for}/${counts.against}/${counts.abstain} 不符`);
    }
  }
  const forVotes = ballots === undefined ? counts.for : ballots.filter((ballot) => ballot.choice === 'for').length;
  if (passesMajority(forVotes, expectedCount) !== passed) {
    problems.push(`赞成 ${forVotes} 票、应到 ${expectedCount} 人，应为${passed ? '未通过' : '通过'}，却记为${passed ? '通过' : '未通过'}`);
  }
  if (problems.length === 0) return [];
  return [finding('AUD-4', 'high', '表决计票错误', `议题 ${itemId} 的表决：${problems.join('；')}。`, [vote])];
}

function majorMatterOutsideCommittee(
  decision: Envelope<DecisionRecorded>,
  item: Envelope<AgendaItemSubmitted> | undefined,
  vote: Envelope<VoteRecorded> | undefined,
): AuditFinding[] {
  const { data } = decision;
  const majorMatter = data.majorMatter ?? item?.data.majorMatter;
  if (majorMatter === undefined || data.outcome === 'deferred') return [];
  const reasons: string[] = [];
  if (data.meetingKind !== 'committee') reasons.push(`会议类型为 ${data.meetingKind}，不是党委（党组）会议`);
  if (!data.voted || vote === undefined) reasons.push('未经表决');
  if (reasons.length === 0) return [];
  return [
    finding('AUD-5', 'critical', '“三重一大”事项未经集体表决决定', `议题 ${data.itemId}（${data.title}，${majorMatter}）：${reasons.join('；')}。`, [
      ...(item ? [item] : []),
      decision,
    ]),
  ];
}

function minutesStreamFindings(stream: readonly AnyEnvelope[], now: string, config: MeetingAuditConfig): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const workingDays = config.minutesDeadlineWorkingDays ?? DEFAULT_MINUTES_DEADLINE_WORKING_DAYS;
  let drafted: Envelope<MinutesDrafted> | undefined;
  let finalized: Envelope<MinutesFinalized> | undefined;
  for (const event of stream) {
    if (ofType<MinutesDrafted>(event, 'MinutesDrafted')) drafted = event;
    else if (ofType<MinutesFinalized>(event, 'MinutesFinalized')) {
      finalized = event;
      const deadline = minutesDeadline(event.data.scheduledEnd, workingDays, config.calendar);
      if (millis(event.data.finalizedAt) >= millis(deadline)) {
        findings.push(
          finding('AUD-6', 'medium', '会议纪要逾期定稿', `会议 ${event.data.meetingId}（${event.data.title}）的纪要应于 ${deadline} 前定稿，实际于 ${event.data.finalizedAt} 定稿。`, [
            ...(drafted ? [drafted] : []),
            event,
          ]),
        );
      }
    } else if (ofType<MinutesAmended>(event, 'MinutesAmended') && finalized !== undefined) {
      findings.push(
        finding('AUD-6', 'low', '会议纪要定稿后修改（待复核）', `会议 ${event.data.meetingId} 的纪要定稿后于 ${event.data.amendedAt} 修改为第 ${event.data.version} 版，理由：${event.data.reason}。`, [
          finalized,
          event,
        ]),
      );
    }
  }
  if (drafted !== undefined && finalized === undefined) {
    const deadline = minutesDeadline(drafted.data.scheduledEnd, workingDays, config.calendar);
    if (millis(now) >= millis(deadline)) {
      findings.push(
        finding('AUD-6', 'medium', '会议纪要逾期未定稿', `会议 ${drafted.data.meetingId}（${drafted.data.title}）的纪要应于 ${deadline} 前定稿，至 ${now} 仍未定稿。`, [drafted]),
      );
    }
  }
  return findings;
}

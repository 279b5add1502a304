import type { EventEnvelope } from '@oa/core';
import { stream } from './audit.fixtures';
import { detectMeetingFindings, minutesDeadline } from './meetings.detectors';

const NOW = '2026-03-01T00:00:00.000Z';
const MEMBERS = ['chair', 'm2', 'm3', 'm4', 'm5'];

interface ItemOptions {
  readonly majorMatter?: string;
  readonly cadreAppointment?: boolean;
  readonly present?: readonly string[];
  readonly vote?: { readonly for: number; readonly against: number; readonly abstain: number; readonly passed: boolean } | undefined;
  readonly kind?: string;
  readonly speakers?: readonly string[];
  /** Minutes drafted and finalized in time unless false (AUD-6 is then the meeting's). */
  readonly minutes?: boolean;
  readonly closed?: boolean;
}

/** One meeting with one item 'item-1' decided (adopted unless the vote failed). */
function meeting(options: ItemOptions = {}) {
  const s = stream('meeting', 'mtg-1');
  const kind = options.kind ?? 'committee';
  s.add('MeetingScheduled', {
    meetingId: 'mtg-1', kind, title: '党委会', committeeId: 'c-1', chairId: 'chair', recorderId: 'rec',
    startsAt: '2026-01-05T01:00:00.000Z', endsAt: '2026-01-05T03:00:00.000Z', place: '会议室',
    expectedMembers: MEMBERS.map((memberId) => ({ memberId, name: memberId })), scheduledBy: 'sec', scheduledAt: '2026-01-01T01:00:00.000Z',
  });
  const item = s.add('AgendaItemSubmitted', {
    meetingId: 'mtg-1', itemId: 'item-1', title: '议题一', materials: [], cadreAppointment: options.cadreAppointment ?? false,
    ...(options.majorMatter ? { majorMatter: options.majorMatter } : {}), submittedBy: 'unit', submittedAt: '2026-01-02T01:00:00.000Z',
  });
  const present = options.present ?? MEMBERS;
  const attendance = s.add('AttendanceRecorded', {
    meetingId: 'mtg-1', present, absent: MEMBERS.filter((id) => !present.includes(id)).map((memberId) => ({ memberId, reason: '出差' })),
    nonVotingAttendees: [], expectedCount: MEMBERS.length, presentCount: present.length, recordedBy: 'sec', recordedAt: '2026-01-05T01:00:00.000Z',
  });
  const speeches = (options.speakers ?? []).map((speakerId, index) =>
    s.add('SpeechRecorded', { meetingId: 'mtg-1', itemId: 'item-1', speakerId, sequence: index + 1, view: '同意', recordedAt: '2026-01-05T01:30:00.000Z' }),
  );
  const counts = options.vote === undefined ? undefined : { for: options.vote.for, against: options.vote.against, abstain: options.vote.abstain };
  const vote = options.vote === undefined
    ? undefined
    : s.add('VoteRecorded', { meetingId: 'mtg-1', itemId: 'item-1', method: 'showOfHands', counts, expectedCount: MEMBERS.length, passed: options.vote.passed, recordedAt: '2026-01-05T02:00:00.000Z' });
  const decision = s.add('DecisionRecorded', {
    meetingId: 'mtg-1', itemId: 'item-1', title: '议题一', outcome: options.vote === undefined || options.vote.passed ? 'adopted' : 'rejected', text: '同意',
    meetingKind: kind, cadreAppointment: options.cadreAppointment ?? false, ...(options.majorMatter ? { majorMatter: options.majorMatter } : {}),
    expectedCount: MEMBERS.length, presentCount: present.length, quorumReading: 'inclusive', voted: options.vote !== undefined, decidedAt: '2026-01-05T02:10:00.000Z',
  });
  const closed = options.closed === false ? undefined : s.add('MeetingClosed', { meetingId: 'mtg-1', closedBy: 'rec', closedAt: '2026-01-05T03:00:00.000Z' });
  const minutes = stream('minutes', 'minutes-mtg-1');
  if (options.minutes !== false) {
    const header = { meetingId: 'mtg-1', title: '党委会会议记录', chairId: 'chair', recorderId: 'rec', scheduledEnd: '2026-01-05T03:00:00.000Z', secrecyLevel: 'internal' };
    minutes.add('MinutesDrafted', { ...header, content: {}, draftedBy: 'rec', draftedAt: '2026-01-05T05:00:00.000Z' });
    minutes.add('MinutesFinalized', { ...header, finalizedAt: '2026-01-06T05:00:00.000Z', version: 1, contentDigest: 'd' });
  }
  return { events: [...s.events, ...minutes.events], scheduled: s.events[0], item, attendance, speeches, vote, decision, closed };
}

const ids = (events: readonly (EventEnvelope | undefined)[]): string[] => events.map((event) => event!.eventId);

describe('detectMeetingFindings', () => {
  it('AUD-4 raises a decision taken without quorum', () => {
    const m = meeting({ present: ['chair', 'm2'], vote: { for: 2, against: 0, abstain: 0, passed: false } });
    const findings = detectMeetingFindings(m.events, NOW).filter((f) => f.rule === 'AUD-4');
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-4', severity: 'critical', eventIds: ids([m.attendance, m.decision]) })]);
  });

  it('AUD-4 raises a cadre item decided with less than two thirds present', () => {
    const m = meeting({ cadreAppointment: true, present: ['chair', 'm2', 'm3'], vote: { for: 3, against: 0, abstain: 0, passed: true } });
    const findings = detectMeetingFindings(m.events, NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-4', severity: 'critical', title: '干部任免议题到会不足三分之二', eventIds: ids([m.attendance, m.decision]) })]);
  });

  it('AUD-4 raises a miscounted majority', () => {
    // 2 of 5 expected members in favour is no majority (MTG-5), yet the vote says passed
    const m = meeting({ vote: { for: 2, against: 1, abstain: 2, passed: true } });
    const findings = detectMeetingFindings(m.events, NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-4', severity: 'high', title: '表决计票错误', eventIds: ids([m.vote]) })]);
  });

  it('AUD-4 does not raise a quorate, correctly counted decision', () => {
    const m = meeting({ cadreAppointment: true, present: ['chair', 'm2', 'm3', 'm4'], vote: { for: 3, against: 1, abstain: 0, passed: true } });
    expect(detectMeetingFindings(m.events, NOW)).toEqual([]);
  });

  it('AUD-4 raises a committee item recorded as adopted without a recorded vote (MTG-5, older events)', () => {
    const m = meeting();
    expect(detectMeetingFindings(m.events, NOW)).toEqual([
      expect.objectContaining({ rule: 'AUD-4', severity: 'critical', title: '议题未经表决作出决定', eventIds: ids([m.item, m.decision]) }),
    ]);
  });

  it('AUD-4 does not raise an office meeting deciding an ordinary item without a vote', () => {
    expect(detectMeetingFindings(meeting({ kind: 'officeMeeting' }).events, NOW)).toEqual([]);
  });

  it('AUD-5 raises a major matter decided without a vote', () => {
    const m = meeting({ majorMatter: 'majorProject' });
    const findings = detectMeetingFindings(m.events, NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-5', severity: 'critical', eventIds: ids([m.item, m.decision]) })]);
  });

  it('AUD-5 raises a major matter decided at an office meeting', () => {
    const m = meeting({ majorMatter: 'largeFundUse', kind: 'officeMeeting', vote: { for: 4, against: 0, abstain: 1, passed: true } });
    expect(detectMeetingFindings(m.events, NOW).map((f) => f.rule)).toEqual(['AUD-5']);
  });

  it('AUD-5 does not raise a major matter voted at a committee meeting', () => {
    const m = meeting({ majorMatter: 'majorProject', vote: { for: 4, against: 0, abstain: 1, passed: true } });
    expect(detectMeetingFindings(m.events, NOW)).toEqual([]);
  });

  it('AUD-13 raises the chair speaking before other members on a major matter', () => {
    const m = meeting({ majorMatter: 'majorDecision', vote: { for: 5, against: 0, abstain: 0, passed: true }, speakers: ['m2', 'chair', 'm3'] });
    const findings = detectMeetingFindings(m.events, NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-13', severity: 'medium', eventIds: ids([m.item, m.speeches[1], m.speeches[2]]) })]);
  });

  it('AUD-13 does not raise the chair speaking last, nor an ordinary item', () => {
    const last = meeting({ majorMatter: 'majorDecision', vote: { for: 5, against: 0, abstain: 0, passed: true }, speakers: ['m2', 'm3', 'chair'] });
    const ordinary = meeting({ vote: { for: 5, against: 0, abstain: 0, passed: true }, speakers: ['chair', 'm2'] });
    expect(detectMeetingFindings(last.events, NOW)).toEqual([]);
    expect(detectMeetingFindings(ordinary.events, NOW)).toEqual([]);
  });
});

describe('AUD-6 minutes', () => {
  // Monday 2026-01-05 11:00 local; 3 working days → finalized before Friday 2026-01-09 00:00 local
  const scheduledEnd = '2026-01-05T03:00:00.000Z';

  function minutes(finalizedAt: string | undefined, amendedAt?: string) {
    const s = stream('minutes', 'mtg-1');
    const drafted = s.add('MinutesDrafted', {
      meetingId: 'mtg-1', title: '党委会', chairId: 'chair', recorderId: 'rec', scheduledEnd, secrecyLevel: 'internal', content: {}, draftedBy: 'rec', draftedAt: '2026-01-05T05:00:00.000Z',
    });
    const finalized = finalizedAt === undefined
      ? undefined
      : s.add('MinutesFinalized', {
          meetingId: 'mtg-1', title: '党委会', finalizedAt, version: 1, chairId: 'chair', recorderId: 'rec', scheduledEnd, secrecyLevel: 'internal', contentDigest: 'd',
        });
    const amended = amendedAt === undefined
      ? undefined
      : s.add('MinutesAmended', { meetingId: 'mtg-1', title: '党委会', amendmentId: 'a-1', version: 2, reason: '更正笔误', approvedBy: 'chair', amendedAt, contentDigest: 'd2' });
    return { events: s.events, drafted, finalized, amended };
  }

  it('computes the deadline in local working days', () => {
    expect(minutesDeadline(scheduledEnd)).toBe('2026-01-08T16:00:00.000Z');
  });

  it('AUD-6 raises minutes finalized after three working days', () => {
    const m = minutes('2026-01-09T01:00:00.000Z');
    expect(detectMeetingFindings(m.events, NOW)).toEqual([expect.objectContaining({ rule: 'AUD-6', severity: 'medium', eventIds: ids([m.drafted, m.finalized]) })]);
  });

  it('AUD-6 raises minutes amended after finalization, low, for review', () => {
    const m = minutes('2026-01-07T01:00:00.000Z', '2026-01-20T01:00:00.000Z');
    expect(detectMeetingFindings(m.events, NOW)).toEqual([expect.objectContaining({ rule: 'AUD-6', severity: 'low', eventIds: ids([m.finalized, m.amended]) })]);
  });

  it('AUD-6 raises minutes still not finalized past the deadline at now', () => {
    const m = minutes(undefined);
    expect(detectMeetingFindings(m.events, '2026-01-07T00:00:00.000Z')).toEqual([]);
    expect(detectMeetingFindings(m.events, NOW)).toEqual([expect.objectContaining({ rule: 'AUD-6', severity: 'medium', eventIds: ids([m.drafted]) })]);
  });

  it('AUD-6 does not raise minutes finalized in time, and honours a configured deadline', () => {
    expect(detectMeetingFindings(minutes('2026-01-08T15:59:59.000Z').events, NOW)).toEqual([]);
    expect(detectMeetingFindings(minutes('2026-01-09T01:00:00.000Z').events, NOW, { minutesDeadlineWorkingDays: 5 })).toEqual([]);
  });

  describe('a meeting whose minutes were never drafted', () => {
    const voted = { vote: { for: 5, against: 0, abstain: 0, passed: true }, minutes: false } as const;
    // the meeting ends Monday 2026-01-05 11:00 local: the deadline is the end of Thursday 2026-01-08 local

    it('AUD-6 raises a closed meeting without finalized minutes 3 working days after it', () => {
      const m = meeting(voted);
      expect(detectMeetingFindings(m.events, '2026-01-08T15:59:59.000Z')).toEqual([]);
      expect(detectMeetingFindings(m.events, '2026-01-08T16:00:00.000Z')).toEqual([
        expect.objectContaining({ rule: 'AUD-6', severity: 'medium', title: '会议纪要逾期未形成', eventIds: ids([m.scheduled, m.closed]) }),
      ]);
    });

    it('AUD-6 raises a meeting past its scheduled end, never closed, without minutes', () => {
      const m = meeting({ ...voted, closed: false });
      expect(detectMeetingFindings(m.events, NOW)).toEqual([expect.objectContaining({ rule: 'AUD-6', eventIds: ids([m.scheduled]) })]);
    });

    it('AUD-6 counts working days from the core calendar: a holiday moves the deadline', () => {
      const m = meeting(voted);
      const calendar = { holidays: ['2026-01-06'] };
      expect(detectMeetingFindings(m.events, '2026-01-08T16:00:00.000Z', { calendar })).toEqual([]);
      expect(detectMeetingFindings(m.events, '2026-01-09T16:00:00.000Z', { calendar }).map((f) => f.rule)).toEqual(['AUD-6']);
    });

    it('AUD-6 does not raise a cancelled meeting', () => {
      const s = stream('meeting', 'mtg-2');
      s.add('MeetingScheduled', {
        meetingId: 'mtg-2', kind: 'committee', title: '党委会', committeeId: 'c-1', chairId: 'chair', recorderId: 'rec',
        startsAt: '2026-01-05T01:00:00.000Z', endsAt: '2026-01-05T03:00:00.000Z', place: '会议室', expectedMembers: [], scheduledBy: 'sec', scheduledAt: '2026-01-01T01:00:00.000Z',
      });
      s.add('MeetingCancelled', { meetingId: 'mtg-2', reason: '改期', cancelledBy: 'sec', cancelledAt: '2026-01-02T01:00:00.000Z' });
      expect(detectMeetingFindings(s.events, NOW)).toEqual([]);
    });

    it('AUD-6 raises drafted-but-unfinalized minutes once, from the minutes stream, not again from the meeting', () => {
      const m = meeting({ vote: voted.vote });
      const draftOnly = m.events.filter((event) => event.type !== 'MinutesFinalized');
      expect(detectMeetingFindings(draftOnly, NOW)).toEqual([expect.objectContaining({ rule: 'AUD-6', title: '会议纪要逾期未定稿' })]);
    });
  });
});

import { DeciderSpecification, dataDigest, type ActorAuthority } from '@oa/core';
import type { Person, SecrecyLevel } from '../meetings.types';
import { meetingsUpcasters } from '../upcasters';
import { HASH_A, actors, committeeMembers, memberIds, refusalOf } from '../meetings.fixtures';
import { createMeetingDecider, meetingDecider as defaultMeetingDecider } from './meeting.decide';
import {
  AT,
  MEETING_ID,
  attendanceRecorded,
  ballots,
  decisionRecorded,
  itemChecked,
  itemMaterialAttached,
  itemOnAgenda,
  itemSubmitted,
  items,
  meetingCommand,
  meetingInProgress,
  meetingOpened,
  meetingScheduled,
  scheduleMeeting,
  memberRecused,
  speechRecorded,
  voteRecorded,
} from './meeting.fixtures';
import type { MeetingEvent } from './meeting.events';
import { itemsWhereChairSpokeBeforeOthers, meetingNeedToKnow, meetingSecrecyLevel, membersStillPresent } from './meeting.state';
import { fold } from '@oa/core';

/**
 * MTG-1 … MTG-9 are shown with MTG-10's raise of a 党委会 with a 干部任免 item to 秘密 configured
 * off, so their texts stay readable; the describe 'when classified' shows the default.
 */
const meetingDecider = createMeetingDecider({ cadreSecrecyLevel: 'none' });
const spec = DeciderSpecification.for(meetingDecider);
const NOW = '2024-07-01T10:00:00.000+08:00';
const all7 = memberIds(7);
/** A secret ballot whose votes in favour exceed half of the expected members (MTG-5). */
const passedVote = (itemId: string, expectedCount: number) =>
  voteRecorded(itemId, { method: 'secretBallot', counts: { for: Math.floor(expectedCount / 2) + 1, against: 0, abstain: 0 }, expectedCount, passed: true });

describe('Meeting: when none', () => {
  const schedule = scheduleMeeting;

  it('schedules a committee meeting with the expected members of the meeting day passed in as a fact', () => {
    spec.given([]).when(schedule()).then([meetingScheduled()]);
  });

  it('MTG-6 refuses a meeting whose recorder is its chair: the minutes need two signatures', () => {
    spec.given([]).when(schedule({ recorderId: actors.chair.id })).thenThrows('MTG-6');
  });

  it('refuses a meeting without expected members, the base of quorum and majority', () => {
    spec.given([]).when(schedule({ expectedMembers: [] })).thenThrows('MEETINGS.INVALID_INPUT');
  });

  it('refuses times without an offset', () => {
    spec.given([]).when(schedule({ startsAt: '2024-07-01T09:00:00' })).thenThrows('MEETINGS.INVALID_INPUT');
  });
});

describe('Meeting: when scheduled (agenda, MTG-1)', () => {
  const scheduled = [meetingScheduled()];

  it('MTG-1 accepts an item submitted, and marks 重要干部任免 as a cadre item', () => {
    spec
      .given(scheduled)
      .when(
        meetingCommand(
          'SubmitAgendaItem',
          { itemId: items.cadre.itemId, title: items.cadre.title, submittingUnit: '组织人事科', majorMatter: 'importantCadreAppointment' },
          { actor: actors.outsider, now: NOW },
        ),
      )
      .then([
        {
          type: 'AgendaItemSubmitted',
          schemaVersion: 1,
          data: {
            meetingId: MEETING_ID,
            itemId: items.cadre.itemId,
            title: items.cadre.title,
            submittingUnit: '组织人事科',
            majorMatter: 'importantCadreAppointment',
            cadreAppointment: true,
            submittedBy: actors.outsider.id,
            submittedAt: NOW,
          },
        },
      ]);
  });

  it('MTG-1 refuses the office check of an item without a material file (names typed into a form are no material)', () => {
    const refusal = refusalOf(meetingDecider, [...scheduled, itemSubmitted(items.ordinary)], meetingCommand('CheckAgendaItem', { itemId: items.ordinary.itemId }, { actor: actors.office }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-1', 'conflict']);
    expect(refusal.detail).toContain('尚未上传会议材料');
  });

  it('MTG-1 lets the office check a submitted item with its material', () => {
    spec
      .given([...scheduled, itemSubmitted(items.ordinary), itemMaterialAttached(items.ordinary.itemId)])
      .when(meetingCommand('CheckAgendaItem', { itemId: items.ordinary.itemId, comment: '材料齐全' }, { actor: actors.office, now: NOW }))
      .then([
        {
          type: 'AgendaItemChecked',
          schemaVersion: 1,
          data: { meetingId: MEETING_ID, itemId: items.ordinary.itemId, comment: '材料齐全', checkedBy: actors.office.id, checkedAt: NOW },
        },
      ]);
  });

  it('MTG-1 refuses a check by anyone outside the office', () => {
    const refusal = refusalOf(meetingDecider, [...scheduled, itemSubmitted(items.ordinary)], meetingCommand('CheckAgendaItem', { itemId: items.ordinary.itemId }, { actor: actors.outsider }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-1', 'forbidden']);
  });

  it('MTG-1 lets the office return an item with a reason, and the unit resubmit it', () => {
    const returned = {
      type: 'AgendaItemReturned',
      schemaVersion: 1,
      data: { meetingId: MEETING_ID, itemId: items.ordinary.itemId, reason: '缺少法律顾问意见', returnedBy: actors.office.id, returnedAt: NOW },
    } as const;
    spec
      .given([...scheduled, itemSubmitted(items.ordinary)])
      .when(meetingCommand('ReturnAgendaItem', { itemId: items.ordinary.itemId, reason: '缺少法律顾问意见' }, { actor: actors.office, now: NOW }))
      .then([returned]);
    spec
      .given([...scheduled, itemSubmitted(items.ordinary), returned])
      .when(meetingCommand('SubmitAgendaItem', { itemId: items.ordinary.itemId, title: items.ordinary.title }, { actor: actors.outsider, now: NOW }))
      .then([
        {
          type: 'AgendaItemSubmitted',
          schemaVersion: 1,
          data: {
            meetingId: MEETING_ID,
            itemId: items.ordinary.itemId,
            title: items.ordinary.title,
            cadreAppointment: false,
            submittedBy: actors.outsider.id,
            submittedAt: NOW,
          },
        },
      ]);
  });

  it('MTG-1 a returned item resubmitted keeps the material files attached to it, so the office can check it again', () => {
    const returned = { type: 'AgendaItemReturned', schemaVersion: 1, data: { meetingId: MEETING_ID, itemId: items.ordinary.itemId, reason: '缺少说明', returnedBy: actors.office.id, returnedAt: NOW } } as const;
    const given = [...scheduled, itemSubmitted(items.ordinary), itemMaterialAttached(items.ordinary.itemId), returned, itemSubmitted(items.ordinary)];
    spec.given(given).when(meetingCommand('CheckAgendaItem', { itemId: items.ordinary.itemId }, { actor: actors.office, now: NOW })).then([
      { type: 'AgendaItemChecked', schemaVersion: 1, data: { meetingId: MEETING_ID, itemId: items.ordinary.itemId, checkedBy: actors.office.id, checkedAt: NOW } },
    ]);
  });

  it('MTG-1 puts a checked item on the agenda when the chair decides it', () => {
    spec
      .given([...scheduled, ...itemOnAgenda(items.ordinary, 1), itemSubmitted(items.project), itemChecked(items.project.itemId)])
      .when(meetingCommand('PutAgendaItemOnAgenda', { itemId: items.project.itemId }, { actor: actors.chair, now: NOW }))
      .then([
        {
          type: 'AgendaItemPutOnAgenda',
          schemaVersion: 1,
          data: { meetingId: MEETING_ID, itemId: items.project.itemId, position: 2, putBy: actors.chair.id, putAt: NOW },
        },
      ]);
  });

  it('MTG-1 refuses to let anyone but the chair put an item on the agenda', () => {
    for (const actor of [actors.member, actors.office, actors.recorder]) {
      const refusal = refusalOf(
        meetingDecider,
        [...scheduled, itemSubmitted(items.ordinary), itemChecked(items.ordinary.itemId)],
        meetingCommand('PutAgendaItemOnAgenda', { itemId: items.ordinary.itemId }, { actor }),
      );
      expect([refusal.code, refusal.kind]).toEqual(['MTG-1', 'forbidden']);
    }
  });

  it('MTG-1 DIR-5 a 党委会\'s agenda is set by the secretary the directory holds, and the event names the post', () => {
    const secretary = { unitId: 'unit-cw', unitCode: 'XW', postId: 'post-sj', postKind: 'secretary', identityId: 'id-chair-cw', title: '书记', assignmentId: 'assign-9' };
    const chairWith = (posts: ActorAuthority['posts']) => ({ ...actors.chair, authority: { roles: [], posts, clearance: { level: 'none' }, actingAsDeputy: [] } });
    const given = [...scheduled, itemSubmitted(items.ordinary), itemChecked(items.ordinary.itemId)];
    spec
      .given(given)
      .when(meetingCommand('PutAgendaItemOnAgenda', { itemId: items.ordinary.itemId }, { actor: chairWith([secretary]), now: NOW }))
      .then([
        {
          type: 'AgendaItemPutOnAgenda',
          schemaVersion: 1,
          data: { meetingId: MEETING_ID, itemId: items.ordinary.itemId, position: 1, putBy: actors.chair.id, putUnder: { unitId: 'unit-cw', postId: 'post-sj', postKind: 'secretary', identityId: 'id-chair-cw', assignmentId: 'assign-9' }, putAt: NOW },
        },
      ]);
    // named chair at scheduling, but a deputy secretary in the directory
    const refusal = refusalOf(meetingDecider, given, meetingCommand('PutAgendaItemOnAgenda', { itemId: items.ordinary.itemId }, { actor: chairWith([{ ...secretary, postKind: 'deputySecretary', title: '副书记' }]) }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-1', 'forbidden']);
  });

  it('MTG-1 refuses to put an item the office has not checked on the agenda', () => {
    const refusal = refusalOf(meetingDecider, [...scheduled, itemSubmitted(items.ordinary)], meetingCommand('PutAgendaItemOnAgenda', { itemId: items.ordinary.itemId }, { actor: actors.chair }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-1', 'conflict']);
  });

  it('MTG-1 does nothing when the item is already on the agenda', () => {
    spec
      .given([...scheduled, ...itemOnAgenda(items.ordinary)])
      .when(meetingCommand('PutAgendaItemOnAgenda', { itemId: items.ordinary.itemId }, { actor: actors.chair }))
      .thenNothingHappens();
  });
});

describe('Meeting: when scheduled (notice, MTG-2)', () => {
  const scheduled = [meetingScheduled({ members: 3 })];
  const everyone: Person[] = committeeMembers(3).map(({ memberId, name }) => ({ personId: memberId, name }));
  const notice = (recipients: readonly Person[] = everyone) => meetingCommand('IssueMeetingNotice', { noticeId: 'n-1', recipients, contentHash: HASH_A }, { actor: actors.office, now: NOW });

  it('MTG-2 issues the notice to every expected member, with the digest of its text', () => {
    spec
      .given(scheduled)
      .when(notice([...everyone, { personId: 'p7', name: '钱科长', unit: '财务科' }]))
      .then([
        {
          type: 'MeetingNoticeIssued',
          schemaVersion: 1,
          data: {
            meetingId: MEETING_ID,
            noticeId: 'n-1',
            recipients: [...everyone, { personId: 'p7', name: '钱科长', unit: '财务科' }],
            contentHash: HASH_A,
            issuedBy: actors.office.id,
            issuedAt: NOW,
          },
        },
      ]);
  });

  it('MTG-2 refuses a notice that leaves out an expected member', () => {
    spec.given(scheduled).when(notice(everyone.slice(0, 2))).thenThrows('MTG-2');
  });

  it('MTG-2 issues the same notice once, and none after the meeting opened', () => {
    const issued: MeetingEvent = {
      type: 'MeetingNoticeIssued',
      schemaVersion: 1,
      data: { meetingId: MEETING_ID, noticeId: 'n-1', recipients: everyone, contentHash: HASH_A, issuedBy: actors.office.id, issuedAt: NOW },
    };
    spec.given([...scheduled, issued]).when(notice()).thenNothingHappens();
    spec.given([...scheduled, meetingOpened()]).when({ ...notice(), data: { ...notice().data, noticeId: 'n-2' } }).thenThrows('MEETINGS.INVALID_STATE');
  });
});

describe('Meeting: when scheduled (attendance, MTG-2)', () => {
  const scheduled = [meetingScheduled({ members: 3 })];
  const attendance = (data: Partial<Parameters<typeof meetingCommand<'RecordAttendance'>>[1]> = {}, actor = actors.recorder) =>
    meetingCommand(
      'RecordAttendance',
      {
        present: ['m1', 'm2'],
        absent: [{ memberId: 'm3', reason: '因病请假' }],
        nonVotingAttendees: [{ personId: 'p7', name: '钱科长', unit: '财务科' }],
        ...data,
      },
      { actor, now: NOW },
    );

  it('MTG-2 records each member present or absent with a reason, and non-voting attendees apart', () => {
    spec
      .given(scheduled)
      .when(attendance())
      .then([
        {
          type: 'AttendanceRecorded',
          schemaVersion: 1,
          data: {
            meetingId: MEETING_ID,
            present: ['m1', 'm2'],
            absent: [{ memberId: 'm3', reason: '因病请假' }],
            nonVotingAttendees: [{ personId: 'p7', name: '钱科长', unit: '财务科' }],
            expectedCount: 3,
            presentCount: 2,
            recordedBy: actors.recorder.id,
            recordedAt: NOW,
          },
        },
      ]);
  });

  it('MTG-2 refuses an absence without a reason', () => {
    spec.given(scheduled).when(attendance({ absent: [{ memberId: 'm3', reason: ' ' }] })).thenThrows('MTG-2');
  });

  it('MTG-2 refuses a roll that leaves a member out', () => {
    spec.given(scheduled).when(attendance({ absent: [] })).thenThrows('MTG-2');
  });

  it('MTG-2 refuses a member listed both present and absent', () => {
    spec.given(scheduled).when(attendance({ present: ['m1', 'm2', 'm3'] })).thenThrows('MTG-2');
  });

  it('MTG-2 refuses a non-member counted as present: non-voting attendees are recorded separately', () => {
    spec.given(scheduled).when(attendance({ present: ['m1', 'm2', 'p7'] })).thenThrows('MTG-2');
  });

  it('MTG-2 refuses a member recorded as a non-voting attendee', () => {
    spec.given(scheduled).when(attendance({ nonVotingAttendees: [{ personId: 'm3', name: '张委员' }] })).thenThrows('MTG-2');
  });

  it('MTG-2 refuses to open the meeting before attendance is recorded', () => {
    spec.given(scheduled).when(meetingCommand('OpenMeeting', {}, { actor: actors.chair })).thenThrows('MTG-2');
  });

  it('MTG-2 opens the meeting once attendance is recorded', () => {
    spec
      .given([...scheduled, attendanceRecorded(['m1', 'm2'], { members: 3 })])
      .when(meetingCommand('OpenMeeting', {}, { actor: actors.chair, now: NOW }))
      .then([{ type: 'MeetingOpened', schemaVersion: 1, data: { meetingId: MEETING_ID, openedBy: actors.chair.id, openedAt: NOW } }]);
  });

  it('MTG-6 refuses attendance recorded by someone other than the recorder or the chair', () => {
    const refusal = refusalOf(meetingDecider, scheduled, attendance({}, actors.member));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-6', 'forbidden']);
  });
});

describe('Meeting: when in progress (items not on the agenda, MTG-1)', () => {
  it('MTG-1 refuses a decision on an item that is not on the agenda (no 临时动议)', () => {
    spec
      .given(meetingInProgress({ present: all7, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordDecision', { itemId: 'item-unknown', outcome: 'adopted', text: '同意' }))
      .thenThrows('MTG-1');
  });

  it('MTG-1 refuses a vote on an item checked by the office but not put on the agenda by the chair', () => {
    const given = [...meetingInProgress({ present: all7, agenda: [items.ordinary] }), itemSubmitted(items.project), itemChecked(items.project.itemId)];
    const refusal = refusalOf(meetingDecider, given, meetingCommand('RecordVote', { itemId: items.project.itemId, method: 'namedBallot', ballots: ballots(all7, 7) }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-1', 'conflict']);
  });

  it('MTG-1 refuses to put a major matter on the agenda once the meeting has opened', () => {
    spec
      .given([...meetingInProgress({ present: all7, agenda: [items.ordinary] }), itemSubmitted(items.project), itemChecked(items.project.itemId)])
      .when(meetingCommand('PutAgendaItemOnAgenda', { itemId: items.project.itemId }, { actor: actors.chair }))
      .thenThrows('MTG-1');
  });

  it('MTG-1 lets the chair add a checked ordinary item during the meeting', () => {
    spec
      .given([...meetingInProgress({ present: all7, agenda: [items.ordinary] }), itemSubmitted(items.minorCadre), itemChecked(items.minorCadre.itemId)])
      .when(meetingCommand('PutAgendaItemOnAgenda', { itemId: items.minorCadre.itemId }, { actor: actors.chair, now: NOW }))
      .then([
        { type: 'AgendaItemPutOnAgenda', schemaVersion: 1, data: { meetingId: MEETING_ID, itemId: items.minorCadre.itemId, position: 2, putBy: actors.chair.id, putAt: NOW } },
      ]);
  });
});

describe('Meeting: when in progress (recusal, MTG-4)', () => {
  const given = meetingInProgress({ present: all7, agenda: [items.cadre] });

  it('MTG-4 records a recusal with its reason', () => {
    spec
      .given(given)
      .when(meetingCommand('RecordRecusal', { itemId: items.cadre.itemId, memberId: 'm4', reason: '近亲属为任免对象' }, { now: NOW }))
      .then([
        { type: 'MemberRecused', schemaVersion: 1, data: { meetingId: MEETING_ID, itemId: items.cadre.itemId, memberId: 'm4', reason: '近亲属为任免对象', recordedAt: NOW } },
      ]);
  });

  it('MTG-4 refuses a recusal without a reason', () => {
    spec.given(given).when(meetingCommand('RecordRecusal', { itemId: items.cadre.itemId, memberId: 'm4', reason: '' })).thenThrows('MTG-4');
  });

  it('MTG-4 refuses a ballot from a recused member', () => {
    spec
      .given([...given, memberRecused(items.cadre.itemId, 'm4')])
      .when(meetingCommand('RecordVote', { itemId: items.cadre.itemId, method: 'namedBallot', ballots: ballots(all7, 7) }))
      .thenThrows('MTG-4');
  });

  it('MTG-4 counts the vote without the recused member, still against all expected members', () => {
    const voters = all7.filter((id) => id !== 'm4');
    spec
      .given([...given, memberRecused(items.cadre.itemId, 'm4')])
      .when(meetingCommand('RecordVote', { itemId: items.cadre.itemId, method: 'namedBallot', ballots: ballots(voters, 4) }, { now: NOW }))
      .then([
        {
          type: 'VoteRecorded',
          schemaVersion: 1,
          data: {
            meetingId: MEETING_ID,
            itemId: items.cadre.itemId,
            method: 'namedBallot',
            ballots: ballots(voters, 4),
            counts: { for: 4, against: 2, abstain: 0 },
            expectedCount: 7,
            passed: true,
            recordedAt: NOW,
          },
        },
      ]);
  });

  it('MTG-4 refuses a recusal after the item was voted on', () => {
    spec
      .given([...given, voteRecorded(items.cadre.itemId, { counts: { for: 7, against: 0, abstain: 0 }, passed: true })])
      .when(meetingCommand('RecordRecusal', { itemId: items.cadre.itemId, memberId: 'm4', reason: '近亲属为任免对象' }))
      .thenThrows('MTG-4');
  });

  it('MTG-4 refuses a speech by a recused member on that item', () => {
    spec
      .given([...given, memberRecused(items.cadre.itemId, 'm4')])
      .when(meetingCommand('RecordSpeech', { itemId: items.cadre.itemId, speakerId: 'm4', view: '同意' }))
      .thenThrows('MTG-4');
  });
});

describe('Meeting: when in progress (speeches)', () => {
  const given = meetingInProgress({ present: ['m1', 'm2', 'm3', 'm4', 'm5'], agenda: [items.project], nonVotingAttendees: [{ personId: 'p7', name: '钱科长' }] });

  it('MTG-6 records speeches in speaking order', () => {
    spec
      .given([...given, speechRecorded(items.project.itemId, 'p7', 1, '汇报项目情况'), speechRecorded(items.project.itemId, 'm2', 2)])
      .when(meetingCommand('RecordSpeech', { itemId: items.project.itemId, speakerId: 'm3', view: '建议压缩预算' }, { now: NOW }))
      .then([
        {
          type: 'SpeechRecorded',
          schemaVersion: 1,
          data: { meetingId: MEETING_ID, itemId: items.project.itemId, speakerId: 'm3', sequence: 3, view: '建议压缩预算', recordedAt: NOW },
        },
      ]);
  });

  it('MTG-2 refuses a speech by an absent member: absent members give written opinions', () => {
    spec.given(given).when(meetingCommand('RecordSpeech', { itemId: items.project.itemId, speakerId: 'm6', view: '同意' })).thenThrows('MTG-2');
  });

  it('MTG-9 records the chair speaking first on a major matter, refusing nothing: it is an audit finding', () => {
    const events = [...given, speechRecorded(items.project.itemId, 'm1', 1, '我先表个态，同意')];
    spec
      .given(events)
      .when(meetingCommand('RecordSpeech', { itemId: items.project.itemId, speakerId: 'm2', view: '同意' }, { now: NOW }))
      .then([{ type: 'SpeechRecorded', schemaVersion: 1, data: { meetingId: MEETING_ID, itemId: items.project.itemId, speakerId: 'm2', sequence: 2, view: '同意', recordedAt: NOW } }]);
    const after = [...events, speechRecorded(items.project.itemId, 'm2', 2)];
    expect(itemsWhereChairSpokeBeforeOthers(fold(meetingDecider, after))).toEqual([items.project.itemId]);
  });

  it('MTG-9 finds nothing when the chair states the position last', () => {
    const events = [
      ...given,
      speechRecorded(items.project.itemId, 'p7', 1, '汇报'),
      speechRecorded(items.project.itemId, 'm2', 2),
      speechRecorded(items.project.itemId, 'm3', 3),
      speechRecorded(items.project.itemId, 'm1', 4, '综合大家意见，同意'),
    ];
    expect(itemsWhereChairSpokeBeforeOthers(fold(meetingDecider, events))).toEqual([]);
  });
});

describe('Meeting: when in progress (voting, MTG-5)', () => {
  const fourOfSeven = ['m1', 'm2', 'm3', 'm4'];

  it('MTG-5 counts the majority against the expected members, not those present', () => {
    // 7 expected, 4 present (a quorum): 3 of 4 present is a majority of those present, but 3 is not more than 7 / 2
    spec
      .given(meetingInProgress({ present: fourOfSeven, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'namedBallot', ballots: ballots(fourOfSeven, 3) }, { now: NOW }))
      .then([
        {
          type: 'VoteRecorded',
          schemaVersion: 1,
          data: {
            meetingId: MEETING_ID,
            itemId: items.ordinary.itemId,
            method: 'namedBallot',
            ballots: ballots(fourOfSeven, 3),
            counts: { for: 3, against: 1, abstain: 0 },
            expectedCount: 7,
            passed: false,
            recordedAt: NOW,
          },
        },
      ]);
  });

  it('MTG-5 passes with 4 of 7 expected in favour, the least that exceeds half', () => {
    const [event] = meetingDecider.decide(
      meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'namedBallot', ballots: ballots(fourOfSeven, 4) }),
      fold(meetingDecider, meetingInProgress({ present: fourOfSeven, agenda: [items.ordinary] })),
    );
    expect(event?.type === 'VoteRecorded' && event.data.passed).toBe(true);
  });

  it('MTG-5 does not pass with exactly half of an even number of expected members in favour', () => {
    const voters = memberIds(8).slice(0, 6);
    const [event] = meetingDecider.decide(
      meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'namedBallot', ballots: ballots(voters, 4) }),
      fold(meetingDecider, meetingInProgress({ members: 8, present: voters, agenda: [items.ordinary] })),
    );
    expect(event?.type === 'VoteRecorded' && event.data.passed).toBe(false);
  });

  it('MTG-5 refuses to record the item adopted when the vote did not pass', () => {
    spec
      .given([...meetingInProgress({ present: fourOfSeven, agenda: [items.ordinary] }), voteRecorded(items.ordinary.itemId, { counts: { for: 3, against: 1, abstain: 0 }, passed: false })])
      .when(meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'adopted', text: '同意' }))
      .thenThrows('MTG-5');
  });

  it('MTG-5 refuses to record a committee item adopted without a recorded vote', () => {
    const refusal = refusalOf(meetingDecider, meetingInProgress({ present: all7, agenda: [items.ordinary] }), meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'adopted', text: '同意' }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-5', 'conflict']);
    expect(refusal.detail).toContain('未经表决');
  });

  it('MTG-5 refuses to record a committee item rejected without a recorded vote', () => {
    spec
      .given(meetingInProgress({ present: all7, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'rejected', text: '不同意' }))
      .thenThrows('MTG-5');
  });

  it('MTG-5 still lets a committee item be deferred without a vote', () => {
    spec
      .given(meetingInProgress({ present: all7, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'deferred', text: '下次再议' }, { now: NOW }))
      .then([decisionRecorded(items.ordinary, { outcome: 'deferred', text: '下次再议', presentCount: 7, decidedAt: NOW })]);
  });

  it('MTG-5 lets an office meeting (党政办公会) adopt an ordinary item without a vote: the rule is the committee\'s', () => {
    spec
      .given(meetingInProgress({ kind: 'officeMeeting', present: all7, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'adopted', text: '会议同意' }, { now: NOW }))
      .then([decisionRecorded(items.ordinary, { meetingKind: 'officeMeeting', presentCount: 7, decidedAt: NOW })]);
  });

  it('MTG-5 adopts a committee item on its passed vote', () => {
    spec
      .given([...meetingInProgress({ present: all7, agenda: [items.ordinary] }), passedVote(items.ordinary.itemId, 7)])
      .when(meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'adopted', text: '会议同意' }, { now: NOW }))
      .then([decisionRecorded(items.ordinary, { presentCount: 7, voted: true, decidedAt: NOW })]);
  });

  it('MTG-5 records the item rejected when the vote did not pass', () => {
    spec
      .given([...meetingInProgress({ present: fourOfSeven, agenda: [items.ordinary] }), voteRecorded(items.ordinary.itemId, { counts: { for: 3, against: 1, abstain: 0 }, passed: false })])
      .when(meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'rejected', text: '未获通过' }, { now: NOW }))
      .then([decisionRecorded(items.ordinary, { outcome: 'rejected', text: '未获通过', presentCount: 4, voted: true, decidedAt: NOW })]);
  });

  it('MTG-5 refuses a ballot cast for an absent member (no proxy votes)', () => {
    const refusal = refusalOf(
      meetingDecider,
      meetingInProgress({ present: fourOfSeven, agenda: [items.ordinary] }),
      meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'namedBallot', ballots: ballots([...fourOfSeven, 'm5'], 5) }),
    );
    expect([refusal.code, refusal.kind]).toEqual(['MTG-5', 'invalid']);
    expect(refusal.detail).toContain('不得由他人代为表决');
  });

  it('MTG-5 records an absent member\'s written opinion and does not count it', () => {
    const given = meetingInProgress({ present: fourOfSeven, agenda: [items.ordinary] });
    spec
      .given(given)
      .when(meetingCommand('RecordWrittenOpinion', { itemId: items.ordinary.itemId, memberId: 'm5', opinion: '同意' }, { now: NOW }))
      .then([
        { type: 'WrittenOpinionRecorded', schemaVersion: 1, data: { meetingId: MEETING_ID, itemId: items.ordinary.itemId, memberId: 'm5', opinion: '同意', recordedAt: NOW } },
      ]);
    const opinion = {
      type: 'WrittenOpinionRecorded',
      schemaVersion: 1,
      data: { meetingId: MEETING_ID, itemId: items.ordinary.itemId, memberId: 'm5', opinion: '同意', recordedAt: AT },
    } as const;
    const [vote] = meetingDecider.decide(
      meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'namedBallot', ballots: ballots(fourOfSeven, 3) }),
      fold(meetingDecider, [...given, opinion]),
    );
    expect(vote?.type === 'VoteRecorded' && [vote.data.counts.for, vote.data.passed]).toEqual([3, false]);
  });

  it('MTG-5 refuses a written opinion in place of a present member\'s vote', () => {
    spec
      .given(meetingInProgress({ present: fourOfSeven, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordWrittenOpinion', { itemId: items.ordinary.itemId, memberId: 'm2', opinion: '同意' }))
      .thenThrows('MTG-5');
  });

  it('MTG-5 refuses a named vote that leaves a present member out', () => {
    spec
      .given(meetingInProgress({ present: fourOfSeven, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'namedBallot', ballots: ballots(['m1', 'm2', 'm3'], 3) }))
      .thenThrows('MTG-5');
  });

  it('MTG-5 records a secret ballot as counts only', () => {
    spec
      .given(meetingInProgress({ present: all7, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'secretBallot', counts: { for: 4, against: 2, abstain: 1 } }, { now: NOW }))
      .then([
        {
          type: 'VoteRecorded',
          schemaVersion: 1,
          data: { meetingId: MEETING_ID, itemId: items.ordinary.itemId, method: 'secretBallot', counts: { for: 4, against: 2, abstain: 1 }, expectedCount: 7, passed: true, recordedAt: NOW },
        },
      ]);
  });

  it('MTG-5 refuses names on a secret ballot', () => {
    spec
      .given(meetingInProgress({ present: all7, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'secretBallot', ballots: ballots(all7, 4), counts: { for: 4, against: 3, abstain: 0 } }))
      .thenThrows('MTG-5');
  });

  it('MTG-5 refuses secret-ballot counts above the members present and not recused', () => {
    spec
      .given(meetingInProgress({ present: fourOfSeven, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'secretBallot', counts: { for: 4, against: 1, abstain: 0 } }))
      .thenThrows('MTG-5');
  });

  it('MTG-5 votes each item once', () => {
    spec
      .given([...meetingInProgress({ present: all7, agenda: [items.ordinary] }), voteRecorded(items.ordinary.itemId, { counts: { for: 7, against: 0, abstain: 0 }, passed: true })])
      .when(meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'namedBallot', ballots: ballots(all7, 7) }))
      .thenThrows('MTG-5');
  });
});

describe('Meeting: when in progress (quorum, MTG-3)', () => {
  const decide = (itemId: string) => meetingCommand('RecordDecision', { itemId, outcome: 'adopted', text: '会议同意' }, { now: NOW });

  it('MTG-3 decides with exactly half of the members present (以上 includes the number itself)', () => {
    spec
      .given([...meetingInProgress({ members: 8, present: memberIds(4), agenda: [items.ordinary] }), passedVote(items.ordinary.itemId, 8)])
      .when(decide(items.ordinary.itemId))
      .then([decisionRecorded(items.ordinary, { expectedCount: 8, presentCount: 4, voted: true, decidedAt: NOW })]);
  });

  it('MTG-3 refuses a decision with fewer than half of the members present', () => {
    const refusal = refusalOf(meetingDecider, meetingInProgress({ members: 8, present: memberIds(3), agenda: [items.ordinary] }), decide(items.ordinary.itemId));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-3', 'conflict']);
    expect(refusal.detail).toContain('应到会委员 8 人，实到 3 人');
  });

  it('MTG-3 refuses exactly half present when the office reads 以上 strictly', () => {
    DeciderSpecification.for(createMeetingDecider({ quorumReading: 'strict' }))
      .given(meetingInProgress({ members: 8, present: memberIds(4), agenda: [items.ordinary] }))
      .when(decide(items.ordinary.itemId))
      .thenThrows('MTG-3');
  });

  it('MTG-3 decides a cadre item with exactly two thirds of the members present', () => {
    const given = [
      meetingScheduled({ members: 9 }),
      ...itemOnAgenda(items.minorCadre, 1, true),
      attendanceRecorded(memberIds(6), { members: 9 }),
      meetingOpened(),
      passedVote(items.minorCadre.itemId, 9),
    ];
    spec
      .given(given)
      .when(decide(items.minorCadre.itemId))
      .then([decisionRecorded(items.minorCadre, { cadreAppointment: true, expectedCount: 9, presentCount: 6, voted: true, decidedAt: NOW })]);
  });

  it('MTG-3 voids a cadre item with one member short of two thirds, though half are present', () => {
    const given = [
      meetingScheduled({ members: 9 }),
      ...itemOnAgenda(items.minorCadre, 1, true),
      attendanceRecorded(memberIds(5), { members: 9 }),
      meetingOpened(),
    ];
    const refusal = refusalOf(meetingDecider, given, decide(items.minorCadre.itemId));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-3', 'conflict']);
    expect(refusal.detail).toContain('三分之二');
  });

  it('MTG-3 refuses a cadre item with exactly two thirds present when read strictly', () => {
    DeciderSpecification.for(createMeetingDecider({ quorumReading: 'strict' }))
      .given([meetingScheduled({ members: 9 }), ...itemOnAgenda(items.minorCadre, 1, true), attendanceRecorded(memberIds(6), { members: 9 }), meetingOpened()])
      .when(decide(items.minorCadre.itemId))
      .thenThrows('MTG-3');
  });

  it('MTG-3 still lets an item be deferred without a quorum', () => {
    spec
      .given(meetingInProgress({ members: 8, present: memberIds(3), agenda: [items.ordinary] }))
      .when(meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'deferred', text: '到会人数不足，下次再议' }, { now: NOW }))
      .then([decisionRecorded(items.ordinary, { outcome: 'deferred', text: '到会人数不足，下次再议', expectedCount: 8, presentCount: 3, decidedAt: NOW })]);
  });
});

describe('Meeting: when in progress (members leaving, MTG-2 MTG-3)', () => {
  // 9 members, 7 at the roll call (m8 and m9 on leave), a cadre item on the agenda
  const rollCall = [meetingScheduled({ members: 9 }), ...itemOnAgenda(items.minorCadre, 1, true), attendanceRecorded(memberIds(7), { members: 9 }), meetingOpened()];
  const leaving = (memberId: string, reason = '中途离会：参加县政府常务会议', actor = actors.recorder) =>
    meetingCommand('RecordMemberLeaving', { memberId, reason }, { actor, now: NOW });
  const left = (memberId: string, presentCount: number, reason = '中途离会：参加县政府常务会议'): MeetingEvent => ({
    type: 'MemberLeftMeeting',
    schemaVersion: 1,
    data: { meetingId: MEETING_ID, memberId, reason, expectedCount: 9, presentCount, recordedBy: actors.recorder.id, leftAt: NOW },
  });
  const decide = meetingCommand('RecordDecision', { itemId: items.minorCadre.itemId, outcome: 'adopted', text: '会议同意' }, { now: NOW });

  it('MTG-2 records a present member leaving with the reason and the members still present', () => {
    spec.given(rollCall).when(leaving('m7')).then([left('m7', 6)]);
  });

  it('MTG-2 refuses a leaving without a reason', () => {
    spec.given(rollCall).when(leaving('m7', ' ')).thenThrows('MTG-2');
  });

  it('MTG-2 refuses a member on leave, or one who is not a member, as leaving', () => {
    expect([refusalOf(meetingDecider, rollCall, leaving('m8')).code, refusalOf(meetingDecider, rollCall, leaving('m8')).kind]).toEqual(['MTG-2', 'conflict']);
    spec.given(rollCall).when(leaving('u9')).thenThrows('MTG-2');
  });

  it('MTG-2 a member who has left is not recorded twice', () => {
    spec.given([...rollCall, left('m7', 6)]).when(leaving('m7')).thenNothingHappens();
  });

  it('MTG-6 only the recorder or the chair records a member leaving', () => {
    spec.given(rollCall).when(leaving('m7', '中途离会', actors.member)).thenThrows('MTG-6');
  });

  it('MTG-2 refuses a member leaving before the meeting is open', () => {
    spec.given(rollCall.slice(0, -1)).when(leaving('m7')).thenThrows('MEETINGS.INVALID_STATE');
  });

  it('MTG-3 decides a cadre item with 7 of 9 present at the roll call and 6 still present after one left', () => {
    spec
      .given([...rollCall, left('m7', 6), passedVote(items.minorCadre.itemId, 9)])
      .when(decide)
      .then([decisionRecorded(items.minorCadre, { cadreAppointment: true, expectedCount: 9, presentCount: 6, voted: true, decidedAt: NOW })]);
  });

  it('MTG-3 voids a cadre item once two members have left (5 of 9 still present), though the quorum holds', () => {
    const refusal = refusalOf(meetingDecider, [...rollCall, left('m7', 6), left('m6', 5)], decide);
    expect([refusal.code, refusal.kind]).toEqual(['MTG-3', 'conflict']);
    expect(refusal.detail).toBe('干部任免事项须三分之二以上委员到会；应到 9 人，实到 5 人，决定无效');
  });

  it('MTG-2 MTG-5 a member who has left neither speaks nor votes; the remaining 5 vote', () => {
    const given = [...rollCall, left('m7', 6), left('m6', 5)];
    const speech = refusalOf(meetingDecider, given, meetingCommand('RecordSpeech', { itemId: items.minorCadre.itemId, speakerId: 'm6', view: '同意' }, { now: NOW }));
    expect([speech.code, speech.detail]).toEqual(['MTG-2', '杨委员已中途离会，不再参加讨论']);
    spec
      .given(given)
      .when(meetingCommand('RecordVote', { itemId: items.minorCadre.itemId, method: 'namedBallot', ballots: ballots(memberIds(6), 6) }, { now: NOW }))
      .thenThrows('MTG-5');
    spec
      .given(given)
      .when(meetingCommand('RecordVote', { itemId: items.minorCadre.itemId, method: 'namedBallot', ballots: ballots(memberIds(5), 5) }, { now: AT }))
      .then([voteRecorded(items.minorCadre.itemId, { ballots: ballots(memberIds(5), 5), counts: { for: 5, against: 0, abstain: 0 }, expectedCount: 9, passed: true })]);
  });

  it('MTG-2 the state keeps the roll call and lists those who left', () => {
    const state = fold(meetingDecider, [...rollCall, left('m7', 6)]);
    expect(state.status === 'inProgress' && state.attendance).toEqual({
      present: memberIds(7),
      absent: [
        { memberId: 'm8', reason: '外出学习' },
        { memberId: 'm9', reason: '外出学习' },
      ],
      nonVotingAttendees: [],
      left: [{ memberId: 'm7', reason: '中途离会：参加县政府常务会议', leftAt: NOW }],
    });
    expect(membersStillPresent(state)).toEqual(memberIds(6));
  });
});

describe('Meeting: when in progress (major matters, MTG-8)', () => {
  const decideProject = meetingCommand('RecordDecision', { itemId: items.project.itemId, outcome: 'adopted', text: '同意立项' }, { now: NOW });
  const passed = voteRecorded(items.project.itemId, { counts: { for: 6, against: 1, abstain: 0 }, passed: true });

  it('MTG-8 decides a major matter voted as an agenda item of a committee meeting with quorum', () => {
    spec
      .given([...meetingInProgress({ present: all7, agenda: [items.project] }), passed])
      .when(decideProject)
      .then([decisionRecorded(items.project, { text: '同意立项', voted: true, decidedAt: NOW })]);
  });

  it('MTG-8 refuses a major matter decided at a 党政办公会', () => {
    const refusal = refusalOf(meetingDecider, [...meetingInProgress({ kind: 'officeMeeting', present: all7, agenda: [items.project] }), passed], decideProject);
    expect([refusal.code, refusal.kind]).toEqual(['MTG-8', 'conflict']);
    expect(refusal.detail).toContain('党政办公会');
  });

  it('MTG-8 refuses a major matter decided without a vote', () => {
    spec.given(meetingInProgress({ present: all7, agenda: [items.project] })).when(decideProject).thenThrows('MTG-8');
  });

  it('MTG-8 refuses a voted major matter without quorum, under MTG-3', () => {
    spec
      .given([...meetingInProgress({ present: ['m1', 'm2', 'm3'], agenda: [items.project] }), voteRecorded(items.project.itemId, { counts: { for: 3, against: 0, abstain: 0 }, passed: false })])
      .when(decideProject)
      .thenThrows('MTG-3');
  });

  it('MTG-8 lets an office configure the 党政联席会议 to decide major matters', () => {
    DeciderSpecification.for(createMeetingDecider({ majorMatterMeetingKinds: ['committee', 'jointPartyGovernment'] }))
      .given([...meetingInProgress({ kind: 'jointPartyGovernment', present: all7, agenda: [items.project] }), passed])
      .when(decideProject)
      .then([decisionRecorded(items.project, { text: '同意立项', meetingKind: 'jointPartyGovernment', voted: true, decidedAt: NOW })]);
  });

  it('MTG-8 does not hold an ordinary item of a 党政办公会 to a vote', () => {
    spec
      .given(meetingInProgress({ kind: 'officeMeeting', present: all7, agenda: [items.ordinary] }))
      .when(meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'adopted', text: '会议议定' }, { now: NOW }))
      .then([decisionRecorded(items.ordinary, { text: '会议议定', meetingKind: 'officeMeeting', decidedAt: NOW })]);
  });

  it('MTG-6 refuses a decision recorded by a member who is neither recorder nor chair', () => {
    const refusal = refusalOf(
      meetingDecider,
      [...meetingInProgress({ present: all7, agenda: [items.project] }), passed],
      meetingCommand('RecordDecision', { itemId: items.project.itemId, outcome: 'adopted', text: '同意' }, { actor: actors.member }),
    );
    expect([refusal.code, refusal.kind]).toEqual(['MTG-6', 'forbidden']);
  });
});

describe('Meeting: when decided or closed', () => {
  const given = [...meetingInProgress({ present: all7, agenda: [items.ordinary] }), decisionRecorded(items.ordinary)];

  it('refuses a second decision on the same item', () => {
    spec.given(given).when(meetingCommand('RecordDecision', { itemId: items.ordinary.itemId, outcome: 'rejected', text: '改为不同意' })).thenThrows('MEETINGS.INVALID_STATE');
  });

  it('closes the meeting, and refuses votes afterwards', () => {
    const closed = { type: 'MeetingClosed', schemaVersion: 1, data: { meetingId: MEETING_ID, closedBy: actors.chair.id, closedAt: NOW } } as const;
    spec.given(given).when(meetingCommand('CloseMeeting', {}, { actor: actors.chair, now: NOW })).then([closed]);
    spec
      .given([...given, closed])
      .when(meetingCommand('RecordVote', { itemId: items.ordinary.itemId, method: 'namedBallot', ballots: ballots(all7, 7) }))
      .thenThrows('MEETINGS.INVALID_STATE');
  });
});

describe('Meeting: when classified (MTG-10, COMMON-4)', () => {
  const classified = DeciderSpecification.for(defaultMeetingDecider);
  const digest = (text: string) => `sha256:${dataDigest(text)}`;
  const TITLE_DIGEST = digest('2024年第7次党委会（干部任免）');
  const schedule = (data: { title: string; secrecyLevel?: SecrecyLevel }) => scheduleMeeting(data);
  const speech = (view: string) => meetingCommand('RecordSpeech', { itemId: items.ordinary.itemId, speakerId: 'm1', view }, { now: NOW });

  it('MTG-10 schedules a meeting at 内部 when no level is given, as version 2 of MeetingScheduled', () => {
    classified.given([]).when(schedule({ title: '2024年第7次党委会' })).then([meetingScheduled()]);
  });

  it('MTG-10 schedules a 秘密 meeting whose title comes as a digest', () => {
    classified.given([]).when(schedule({ title: TITLE_DIGEST, secrecyLevel: 'mimi' })).then([meetingScheduled({ title: TITLE_DIGEST, secrecyLevel: 'mimi' })]);
  });

  it('MTG-10 refuses a 秘密 meeting whose title comes in clear: it would be on Kafka', () => {
    const refusal = refusalOf(defaultMeetingDecider, [], schedule({ title: '2024年第7次党委会（干部任免）', secrecyLevel: 'mimi' }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-10', 'invalid']);
  });

  it('MTG-10 refuses a speech in clear at a 机密 meeting and records its digest', () => {
    const given = [meetingScheduled({ title: TITLE_DIGEST, secrecyLevel: 'jimi' }), ...itemOnAgenda(items.ordinary), attendanceRecorded(all7), meetingOpened()];
    classified.given(given).when(speech('同意提名张三同志')).thenThrows('MTG-10');
    classified.given(given).when(speech(digest('同意提名张三同志'))).then([speechRecorded(items.ordinary.itemId, 'm1', 1, digest('同意提名张三同志'))].map((event) => ({ ...event, data: { ...event.data, recordedAt: NOW } }) as MeetingEvent));
  });

  it('MTG-10 raises a 党委会 with a 干部任免 item to 秘密: its speeches and decision are digests from then on', () => {
    const given = [meetingScheduled(), ...itemOnAgenda(items.minorCadre, 1, true), attendanceRecorded(all7), meetingOpened()];
    expect(meetingSecrecyLevel(fold(defaultMeetingDecider, given))).toBe('mimi');
    classified.given(given).when(meetingCommand('RecordSpeech', { itemId: items.minorCadre.itemId, speakerId: 'm1', view: '同意' })).thenThrows('MTG-10');
    classified
      .given([...given, voteRecorded(items.minorCadre.itemId, { counts: { for: 7, against: 0, abstain: 0 }, passed: true })])
      .when(meetingCommand('RecordDecision', { itemId: items.minorCadre.itemId, outcome: 'adopted', text: '同意任命' }))
      .thenThrows('MTG-10');
  });

  it('MTG-10 refuses a 干部任免 item submitted with its title in clear to a 党委会, unless the office configures the raise off', () => {
    const submit = meetingCommand('SubmitAgendaItem', { itemId: 'item-cadre', title: '关于张三同志任职的议题', cadreAppointment: true });
    classified.given([meetingScheduled()]).when(submit).thenThrows('MTG-10');
    expect(createMeetingDecider({ cadreSecrecyLevel: 'none' }).decide(submit, fold(defaultMeetingDecider, [meetingScheduled()]))).toHaveLength(1);
    expect(meetingSecrecyLevel(fold(defaultMeetingDecider, [meetingScheduled({ kind: 'officeMeeting' }), ...itemOnAgenda(items.minorCadre, 1, true)]))).toBe('internal');
  });

  it('MTG-10 COMMON-3 the need-to-know of a meeting is its members, chair, recorder and non-voting attendees', () => {
    const state = fold(defaultMeetingDecider, [meetingScheduled({ members: 3 }), attendanceRecorded(memberIds(3), { members: 3, nonVotingAttendees: [{ personId: 'u-guest', name: '列席人' }] })]);
    expect(meetingNeedToKnow(state).sort()).toEqual([...new Set(['m1', 'm2', 'm3', actors.chair.id, actors.recorder.id, 'u-guest'])].sort());
  });

  it('MTG-10 reads a MeetingScheduled of version 1 as 内部 (meetingsUpcasters)', () => {
    const { secrecyLevel: _level, ...v1 } = meetingScheduled().data;
    const [upcaster] = meetingsUpcasters;
    expect(upcaster?.upcast(v1 as never, {} as never)).toEqual(meetingScheduled().data);
  });
});

describe('Meeting: materials as files (MTG-1, FILE-1)', () => {
  const material = { sha256: HASH_A, size: 4096, mediaType: 'application/pdf', format: 'pdf', name: '议题说明.pdf' };
  const attach = (file = material, itemId = items.ordinary.itemId) => meetingCommand('AttachAgendaItemMaterial', { itemId, file });
  const attached = {
    type: 'AgendaItemMaterialAttached',
    schemaVersion: 1,
    data: { meetingId: MEETING_ID, itemId: items.ordinary.itemId, file: material, attachedBy: actors.recorder.id, attachedAt: '2024-07-01T10:00:00.000+08:00' },
  } as MeetingEvent;

  it('MTG-1 attaches a stored material file to an item before it is put on the agenda', () => {
    spec.given([meetingScheduled(), itemSubmitted(items.ordinary)]).when(attach()).then([attached]);
    spec.given([meetingScheduled(), itemSubmitted(items.ordinary), attached]).when(attach()).thenNothingHappens();
  });

  it('MTG-1 refuses a material once the item is on the agenda (what is decided is what was checked), and a reference without digest or size', () => {
    spec.given([meetingScheduled(), ...itemOnAgenda(items.ordinary)]).when(attach()).thenThrows('MEETINGS.INVALID_STATE');
    spec.given([meetingScheduled(), itemSubmitted(items.ordinary)]).when(attach({ ...material, size: 0 })).thenThrows('MTG-1');
    spec.given([meetingScheduled(), itemSubmitted(items.ordinary)]).when(attach(material, 'no-such-item')).thenThrows('MEETINGS.NOT_FOUND');
  });
});

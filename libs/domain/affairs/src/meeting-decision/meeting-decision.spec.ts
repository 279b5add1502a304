import { DeciderSpecification } from '@oa/core';
import { commandOf } from '../affairs.fixtures';
import { decisionTaskOrigin, evolveMeetingDecision, initialMeetingDecisionState, meetingDecisionDecider, type MeetingDecisionCommand, type MeetingDecisionEvent } from './meeting-decision';

const spec = DeciderSpecification.for(meetingDecisionDecider);
const command = commandOf<MeetingDecisionCommand>();
const system = { id: 'affairs', name: '办事服务', roles: [] };
const DECIDED_AT = '2026-12-03T02:00:00.000Z';
const decision = { decisionId: 'evt-decision-1', meetingId: 'mtg-1', itemId: 'item-1', title: '关于县城老旧小区改造的议题', outcome: 'adopted', chair: { id: 'li.jianguo', name: '李建国' }, decidedAt: DECIDED_AT };
const recorded = (data = decision): MeetingDecisionEvent => ({ type: 'MeetingDecisionRecorded', schemaVersion: 1, data });
const fold = (events: MeetingDecisionEvent[]) => events.reduce(evolveMeetingDecision, initialMeetingDecisionState());

describe('会议决定事项 (meetingDecision)', () => {
  it('SUP-1 records a meeting decision with its chair, as the meetings service published it; a redelivery changes nothing', () => {
    const record = command('RecordMeetingDecision', decision, { actor: system, now: DECIDED_AT });
    spec.given([]).when(record).then([recorded()]);
    spec.given([recorded()]).when(record).thenNothingHappens();
    spec.given([]).when(command('RecordMeetingDecision', { ...decision, chair: { id: '', name: '' } }, { actor: system, now: DECIDED_AT })).thenThrows('AFFAIRS.INVALID_INPUT');
  });

  it('SUP-1 a task from a decision takes the decision as its source and the chair as its assigner', () => {
    expect(decisionTaskOrigin(fold([recorded()]))).toEqual({ source: { kind: 'meetingDecision', meetingId: 'mtg-1', itemId: 'item-1' }, assigner: { id: 'li.jianguo', name: '李建国' } });
  });

  it('SUP-1 MTG-7 refuses a task from a rejected or deferred decision, and from one not recorded', () => {
    expect(() => decisionTaskOrigin(fold([recorded({ ...decision, outcome: 'rejected' })]))).toThrow(expect.objectContaining({ code: 'SUP-1' }));
    expect(() => decisionTaskOrigin(fold([recorded({ ...decision, outcome: 'deferred' })]))).toThrow(expect.objectContaining({ code: 'SUP-1' }));
    expect(() => decisionTaskOrigin(fold([]))).toThrow(expect.objectContaining({ code: 'AFFAIRS.NOT_FOUND' }));
  });
});

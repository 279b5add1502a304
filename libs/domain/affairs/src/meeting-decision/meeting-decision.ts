import { isBlank, type Command, type Decider, type DomainEvent } from '@oa/core';
import { refuse } from '../affairs.rules';
import type { NamedPerson, SupervisionSource } from '../supervision-task/supervision-task.commands';

/**
 * 会议决定事项 as the meetings service recorded it (SUP-1, MTG-7): the decision a supervision task
 * follows up, and the chair who accepts its closing. Its id is the meetings' DecisionRecorded
 * event id, so a redelivery is a no-op.
 */
export type RecordMeetingDecision = Command<
  'RecordMeetingDecision',
  {
    readonly decisionId: string;
    readonly meetingId: string;
    readonly itemId: string;
    /** The item's title (a digest for a classified meeting, as the meetings service publishes it). */
    readonly title: string;
    readonly outcome: string;
    readonly chair: NamedPerson;
    readonly decidedAt: string;
  }
>;
export type MeetingDecisionCommand = RecordMeetingDecision;

export type MeetingDecisionRecorded = DomainEvent<'MeetingDecisionRecorded', RecordMeetingDecision['data']> & { readonly schemaVersion: 1 };
export type MeetingDecisionEvent = MeetingDecisionRecorded;

export type MeetingDecisionState = { readonly status: 'empty' } | (MeetingDecisionRecorded['data'] & { readonly status: 'recorded' });

export const initialMeetingDecisionState = (): MeetingDecisionState => ({ status: 'empty' });

export const evolveMeetingDecision = (state: MeetingDecisionState, event: MeetingDecisionEvent): MeetingDecisionState =>
  event.type === 'MeetingDecisionRecorded' && state.status === 'empty' ? { status: 'recorded', ...event.data } : state;

/**
 * SUP-1 a task from a meeting decision: its source is the recorded decision and its assigner the
 * meeting's chair; MTG-7 only an adopted decision is followed up.
 */
export function decisionTaskOrigin(decision: MeetingDecisionState): { readonly source: SupervisionSource; readonly assigner: NamedPerson } {
  if (decision.status === 'empty') throw refuse('AFFAIRS.NOT_FOUND', 'notFound', '会议决定不存在或尚未同步到办事服务');
  if (decision.outcome !== 'adopted') throw refuse('SUP-1', 'conflict', '只能对会议通过的决定事项立项督办');
  return { source: { kind: 'meetingDecision', meetingId: decision.meetingId, itemId: decision.itemId }, assigner: decision.chair };
}

export type MeetingDecisionDecider = Decider<MeetingDecisionCommand, MeetingDecisionEvent, MeetingDecisionState> & { readonly streamType: 'meetingDecision' };

/** Its one command, sent by the reaction on the meetings topic. */
function decide(command: MeetingDecisionCommand, state: MeetingDecisionState): MeetingDecisionEvent[] {
  // a redelivered decision from the meetings topic changes nothing
  if (state.status !== 'empty') return [];
  const { decisionId, meetingId, itemId, title, outcome, chair, decidedAt } = command.data;
  if ([decisionId, meetingId, itemId, outcome, chair.id, chair.name].some(isBlank) || Number.isNaN(Date.parse(decidedAt))) {
    throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '会议决定须有编号、会议、议题、结果、主持人和决定时间');
  }
  return [{ type: 'MeetingDecisionRecorded', schemaVersion: 1, data: { decisionId, meetingId, itemId, title, outcome, chair: { id: chair.id, name: chair.name }, decidedAt } }];
}

export const meetingDecisionDecider: MeetingDecisionDecider = { streamType: 'meetingDecision', initialState: initialMeetingDecisionState, decide, evolve: evolveMeetingDecision };

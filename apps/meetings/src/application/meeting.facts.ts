import type { FactsContext, Requested } from '@oa/platform';
import { committeeDecider, committeeMembersOn, meetingDecider, refuse, type ExistingMeeting, type MeetingCommand } from '@oa/domain-meetings';
import { localDateOf } from '@oa/core';

/** The meeting as its stream says now, or 404: the facts minutes and supervision tasks are drawn from. */
export async function existingMeeting({ store }: FactsContext, meetingId: string): Promise<ExistingMeeting> {
  const { state } = await store.currentState(meetingDecider, meetingId);
  if (state.status === 'empty') throw refuse('MEETINGS.NOT_FOUND', 'notFound', `会议 ${meetingId} 不存在`);
  return state;
}

/**
 * The facts of a 会议 command: scheduling takes the committee's members on the meeting day
 * (committeeMembersOn) as the meeting's expected members, the base of MTG-3 and MTG-5.
 */
export async function meetingFacts(request: Requested<MeetingCommand, 'expectedMembers'>, _state: unknown, { store }: FactsContext): Promise<MeetingCommand> {
  if (request.type !== 'ScheduleMeeting') return request as MeetingCommand;
  const { committeeId, startsAt } = request.data;
  const { state: committee } = await store.currentState(committeeDecider, committeeId);
  if (committee.status === 'empty') throw refuse('MEETINGS.NOT_FOUND', 'notFound', `委员会 ${committeeId} 不存在`);
  return { ...request, data: { ...request.data, expectedMembers: committeeMembersOn(committee, localDateOf(startsAt)) } };
}

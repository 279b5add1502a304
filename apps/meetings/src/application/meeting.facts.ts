import type { FactsContext, Requested } from '@oa/platform';
import {
  DEFAULT_MEETING_SECRECY_LEVEL,
  committeeDecider,
  committeeMembersOn,
  isClassified,
  meetingDecider,
  meetingSecrecyLevel,
  refuse,
  type ExistingMeeting,
  type MeetingCommand,
  type MeetingState,
} from '@oa/domain-meetings';
import { localDateOf } from '@oa/core';
import { MeetingTexts } from '../infrastructure/texts/meeting-text.store';

/** The meeting as its stream says now, or 404: the facts minutes and supervision tasks are drawn from. */
export async function existingMeeting(context: FactsContext, meetingId: string): Promise<ExistingMeeting> {
  const { state } = await context.fact(meetingDecider, meetingId);
  if (state.status === 'empty') throw refuse('MEETINGS.NOT_FOUND', 'notFound', `会议 ${meetingId} 不存在`);
  return state;
}

/**
 * The facts of a 会议 command: scheduling takes the committee's members on the meeting day
 * (committeeMembersOn) as the meeting's expected members, the base of MTG-3 and MTG-5. In a
 * meeting at 秘密 or above (MTG-10) a text the command brings is kept beside the stream, in the
 * append's transaction (`context.alongside`: a refused command keeps nothing), and the command
 * carries its digest instead (COMMON-4): the decider refuses a text in clear there.
 */
export async function meetingFacts(request: Requested<MeetingCommand, 'expectedMembers'>, state: MeetingState, context: FactsContext): Promise<MeetingCommand> {
  const texts = MeetingTexts.forCommand(context);
  if (request.type === 'ScheduleMeeting') {
    const { committeeId, startsAt, meetingId, title, secrecyLevel } = request.data;
    const { state: committee } = await context.fact(committeeDecider, committeeId);
    if (committee.status === 'empty') throw refuse('MEETINGS.NOT_FOUND', 'notFound', `委员会 ${committeeId} 不存在`);
    const sealedTitle = isClassified(secrecyLevel ?? DEFAULT_MEETING_SECRECY_LEVEL) ? texts.seal(meetingId, title) : title;
    return { ...request, data: { ...request.data, title: sealedTitle, expectedMembers: committeeMembersOn(committee, localDateOf(startsAt)) } };
  }
  const command = request as MeetingCommand;
  if (state.status === 'empty') return command;
  const seal = (text: string) => texts.seal(state.meetingId, text);
  switch (command.type) {
    case 'SubmitAgendaItem': {
      const cadre = command.data.cadreAppointment === true || command.data.majorMatter === 'importantCadreAppointment';
      if (!isClassified(meetingSecrecyLevel(state, undefined, cadre))) return command;
      return { ...command, data: { ...command.data, title: seal(command.data.title) } };
    }
    case 'RecordSpeech':
      return isClassified(meetingSecrecyLevel(state)) ? { ...command, data: { ...command.data, view: seal(command.data.view) } } : command;
    case 'RecordWrittenOpinion':
      return isClassified(meetingSecrecyLevel(state)) ? { ...command, data: { ...command.data, opinion: seal(command.data.opinion) } } : command;
    case 'RecordDecision':
      return isClassified(meetingSecrecyLevel(state)) ? { ...command, data: { ...command.data, text: seal(command.data.text) } } : command;
    default:
      return command;
  }
}
